import type {KubeObject} from '../api/object.js';
import type {Clock} from '../clock.js';

type Parked = {pod: KubeObject; backoffUntil: number};

export type SchedulingQueueOptions = {
	clock: Clock;
	/** Backoff after a failed attempt, doubling per attempt (kube-scheduler: 1 s up to 10 s). */
	initialBackoffMs?: number;
	maxBackoffMs?: number;
	/** A pod left unschedulable this long is tried again even if nothing changed (kube-scheduler: 5 min). */
	maxParkedMs?: number;
	/** Told when pods become ready to schedule. */
	onActive: () => void;
};

/**
 * Pods waiting for a node, as kube-scheduler's queue keeps them: active pods in arrival order; pods that fitted
 * nowhere parked until the cluster changes (a node or a pod comes, goes or changes), and then only after their
 * backoff.
 */
export class SchedulingQueue {
	private readonly active = new Map<string, KubeObject>();
	private readonly parked = new Map<string, Parked>();
	private readonly attempts = new Map<string, number>();
	private readonly timers = new Map<string, {cancel(): void; pod: KubeObject}>();
	private flushTimer: {cancel(): void} | undefined;
	private stopped = false;

	constructor(private readonly options: SchedulingQueueOptions) {}

	/** A new or changed pending pod. A parked pod whose spec changed is retried (after its backoff). */
	add(key: string, pod: KubeObject): void {
		if (this.stopped) return;
		const parked = this.parked.get(key);
		if (parked) {
			const changed = parked.pod.metadata.generation !== pod.metadata.generation;
			parked.pod = pod;
			if (changed) this.release(key);
			return;
		}
		const waiting = this.timers.get(key);
		if (waiting) {
			waiting.pod = pod;
			return;
		}
		const wasEmpty = this.active.size === 0;
		this.active.set(key, pod);
		if (wasEmpty) this.options.onActive();
	}

	/** Replaces the stored copy without changing where the pod waits. */
	update(key: string, pod: KubeObject): void {
		if (this.active.has(key)) this.active.set(key, pod);
		const parked = this.parked.get(key);
		if (parked) parked.pod = pod;
		const waiting = this.timers.get(key);
		if (waiting) waiting.pod = pod;
	}

	remove(key: string): void {
		this.active.delete(key);
		this.parked.delete(key);
		this.attempts.delete(key);
		this.timers.get(key)?.cancel();
		this.timers.delete(key);
	}

	has(key: string): boolean {
		return this.active.has(key) || this.parked.has(key) || this.timers.has(key);
	}

	get activeCount(): number {
		return this.active.size;
	}

	get parkedCount(): number {
		return this.parked.size;
	}

	/** Up to count active pods, oldest first, taken off the queue. */
	pop(count: number): Array<[string, KubeObject]> {
		const taken: Array<[string, KubeObject]> = [];
		for (const entry of this.active) {
			if (taken.length >= count) break;
			taken.push(entry);
		}
		for (const [key] of taken) this.active.delete(key);
		return taken;
	}

	/** A pod fitted nowhere: park it until something changes. */
	unschedulable(key: string, pod: KubeObject): void {
		if (this.stopped) return;
		const attempts = (this.attempts.get(key) ?? 0) + 1;
		this.attempts.set(key, attempts);
		const initial = this.options.initialBackoffMs ?? 1000;
		const backoff = Math.min(this.options.maxBackoffMs ?? 10_000, initial * 2 ** (attempts - 1));
		this.parked.set(key, {pod, backoffUntil: this.options.clock.now() + backoff});
		this.armFlush();
	}

	/** A binding failed: try again after the backoff, whatever else happens. */
	retry(key: string, pod: KubeObject): void {
		this.unschedulable(key, pod);
		this.release(key);
	}

	/** Scheduled: forget its failures. */
	done(key: string): void {
		this.attempts.delete(key);
	}

	/** Something in the cluster changed: every parked pod may fit now. */
	moveAllToActive(): void {
		for (const key of [...this.parked.keys()]) this.release(key);
	}

	stop(): void {
		this.stopped = true;
		for (const timer of this.timers.values()) timer.cancel();
		this.timers.clear();
		this.flushTimer?.cancel();
		this.active.clear();
		this.parked.clear();
	}

	private release(key: string): void {
		const parked = this.parked.get(key);
		if (!parked) return;
		const wait = parked.backoffUntil - this.options.clock.now();
		this.parked.delete(key);
		if (wait <= 0) {
			const wasEmpty = this.active.size === 0;
			this.active.set(key, parked.pod);
			if (wasEmpty) this.options.onActive();
			return;
		}
		if (this.timers.has(key)) return;
		const entry = {pod: parked.pod, cancel: () => timer.cancel()};
		const timer = this.options.clock.setTimeout(() => {
			this.timers.delete(key);
			if (this.stopped) return;
			const wasEmpty = this.active.size === 0;
			this.active.set(key, entry.pod);
			if (wasEmpty) this.options.onActive();
		}, wait);
		this.timers.set(key, entry);
	}

	private armFlush(): void {
		if (this.flushTimer || this.stopped) return;
		const every = this.options.maxParkedMs ?? 5 * 60_000;
		this.flushTimer = this.options.clock.setTimeout(() => {
			this.flushTimer = undefined;
			this.moveAllToActive();
			if (this.parked.size > 0) this.armFlush();
		}, every);
	}
}
