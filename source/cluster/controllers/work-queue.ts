import type {Clock} from '../clock.js';

export type WorkQueueOptions = {
	clock: Clock;
	/** Keys processed at once (default 4); one key is never processed twice at the same time. */
	concurrency?: number;
	/** First retry delay after a failure, doubled each time up to maxDelayMs (defaults 5 ms and 60 s). */
	baseDelayMs?: number;
	maxDelayMs?: number;
	/** Told about every failed sync, e.g. for logging. */
	onError?: (key: string, error: unknown) => void;
};

/**
 * A queue of keys to reconcile, as client-go's rate-limited work queue: a key queued many times is processed once,
 * a key queued while it is being processed is processed again afterwards, failures retry with exponential backoff.
 */
export class WorkQueue {
	private readonly pending = new Set<string>();
	/** pending in arrival order, from head on (a Set used as a queue would make each take walk deleted entries). */
	private order: string[] = [];
	private head = 0;
	private readonly active = new Set<string>();
	private readonly dirty = new Set<string>();
	private readonly failures = new Map<string, number>();
	private readonly delayed = new Map<string, {at: number; cancel(): void}>();
	private pumpScheduled = false;
	private stopped = false;
	private idleWaiters: Array<() => void> = [];

	constructor(
		private readonly process: (key: string) => Promise<void> | void,
		private readonly options: WorkQueueOptions,
	) {}

	add(key: string): void {
		if (this.stopped) return;
		if (this.active.has(key)) {
			this.dirty.add(key);
			return;
		}
		if (!this.pending.has(key)) {
			this.pending.add(key);
			this.order.push(key);
		}
		this.schedulePump();
	}

	/** Queues the key after ms; an earlier pending delay for the same key wins. */
	addAfter(key: string, ms: number): void {
		if (this.stopped) return;
		if (ms <= 0) return this.add(key);
		const at = this.options.clock.now() + ms;
		const existing = this.delayed.get(key);
		if (existing && existing.at <= at) return;
		existing?.cancel();
		const timer = this.options.clock.setTimeout(() => {
			this.delayed.delete(key);
			this.add(key);
		}, ms);
		this.delayed.set(key, {at, cancel: () => timer.cancel()});
	}

	/** Queues the key again after its backoff, which grows with each failure until forget(). */
	retry(key: string): void {
		const count = this.failures.get(key) ?? 0;
		this.failures.set(key, count + 1);
		const base = this.options.baseDelayMs ?? 5;
		const max = this.options.maxDelayMs ?? 60_000;
		this.addAfter(key, Math.min(max, base * 2 ** count));
	}

	forget(key: string): void {
		this.failures.delete(key);
	}

	get length(): number {
		return this.pending.size + this.dirty.size;
	}

	/** Resolves when nothing is queued or being processed (delayed keys do not count). */
	idle(): Promise<void> {
		if (this.pending.size === 0 && this.active.size === 0 && this.dirty.size === 0) return Promise.resolve();
		return new Promise(resolve => this.idleWaiters.push(resolve));
	}

	stop(): void {
		this.stopped = true;
		this.pending.clear();
		this.order = [];
		this.head = 0;
		this.dirty.clear();
		for (const timer of this.delayed.values()) timer.cancel();
		this.delayed.clear();
	}

	private schedulePump(): void {
		if (this.pumpScheduled) return;
		this.pumpScheduled = true;
		setImmediate(() => {
			this.pumpScheduled = false;
			this.pump();
		});
	}

	private pump(): void {
		const concurrency = this.options.concurrency ?? 4;
		while (!this.stopped && this.active.size < concurrency && this.head < this.order.length) {
			const key = this.order[this.head++]!;
			if (!this.pending.delete(key)) continue;
			this.active.add(key);
			void this.run(key);
		}
		if (this.head > 1024 && this.head * 2 > this.order.length) {
			this.order = this.order.slice(this.head);
			this.head = 0;
		}
		this.checkIdle();
	}

	private async run(key: string): Promise<void> {
		try {
			await this.process(key);
		} catch (error) {
			this.options.onError?.(key, error);
			if (!this.stopped) this.retry(key);
		} finally {
			this.active.delete(key);
			if (this.dirty.delete(key) && !this.pending.has(key)) {
				this.pending.add(key);
				this.order.push(key);
			}
			if (this.pending.size > 0) this.schedulePump();
			else this.checkIdle();
		}
	}

	private checkIdle(): void {
		if (this.pending.size > 0 || this.active.size > 0 || this.dirty.size > 0) return;
		for (const resolve of this.idleWaiters.splice(0)) resolve();
	}
}
