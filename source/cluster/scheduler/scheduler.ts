import type {KubeObject} from '../api/object.js';
import type {Controller, ControllerContext} from '../controllers/controller-context.js';
import type {EventRecorder} from '../controllers/events.js';
import {keyOf, SharedInformers, type Informer} from '../controllers/informer.js';
import {nodeNameOf, podPhase} from '../controllers/pods.js';
import {bindPod, hasScheduledCondition, markGated, markScheduled, markUnschedulable} from './binder.js';
import {filterNode, schedulingSpec, type FilterFailure} from './filters.js';
import {fitErrorMessage} from './fit-error.js';
import {NodeInfo, podUsage, type PodUsage} from './node-info.js';
import {SchedulingQueue} from './queue.js';
import {podConstraints} from './pod-constraints.js';
import {nodeScore} from './scores.js';

export type SchedulerOptions = ControllerContext & {
	/** Pods whose spec.schedulerName is this are ours (default `default-scheduler`). */
	schedulerName?: string;
	/** Pods decided per turn of the event loop (default 500). */
	batchSize?: number;
	/** Bindings in flight beyond which the scheduler waits (default 2000). */
	maxInFlight?: number;
	random?: () => number;
};

export type ScheduleDecision = {node: string} | {message: string};

/**
 * kube-scheduler: places each pending pod on the best node that can take it, from an in-memory picture of the nodes
 * and of what bound pods already request, and binds it. A pod that fits nowhere stays Pending with
 * PodScheduled=False and a FailedScheduling event, and is tried again when the cluster changes.
 */
export class Scheduler implements Controller {
	private readonly informers: SharedInformers;
	private readonly ownsInformers: boolean;
	private readonly nodes = new Map<string, NodeInfo>();
	/** Every bound or assumed pod's weight on its node, by pod key. */
	private readonly usage = new Map<string, PodUsage>();
	private readonly queue: SchedulingQueue;
	private readonly recorder: EventRecorder;
	private readonly schedulerName: string;
	private readonly unsubscribe: Array<() => void> = [];
	private nodeInformer: Informer | undefined;
	private podInformer: Informer | undefined;
	private inFlight = 0;
	private pumpScheduled = false;
	private moveScheduled = false;
	private running = false;
	private nodeList: NodeInfo[] | undefined;
	private readonly pendingConditions: Array<[string, string]> = [];
	private conditionsScheduled = false;

	constructor(private readonly options: SchedulerOptions) {
		this.ownsInformers = !options.informers;
		this.informers = options.informers ?? new SharedInformers(options.api);
		this.recorder = options.recorder.withSource({component: 'default-scheduler'});
		this.schedulerName = options.schedulerName ?? 'default-scheduler';
		this.queue = new SchedulingQueue({clock: options.clock, onActive: () => this.schedulePump()});
	}

	start(): void {
		this.running = true;
		this.nodeInformer = this.informers.for('nodes');
		this.podInformer = this.informers.for('pods');
		this.unsubscribe.push(
			this.nodeInformer.on({
				added: node => this.nodeChanged(node),
				updated: (previous, node) => this.nodeChanged(node, previous),
				deleted: node => this.nodeDeleted(node),
			}),
			this.podInformer.on({
				added: pod => this.podChanged(pod),
				updated: (_, pod) => this.podChanged(pod),
				deleted: pod => this.podDeleted(pod),
			}),
		);
		this.nodeInformer.start();
		this.podInformer.start();
	}

	stop(): void {
		this.running = false;
		for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
		this.queue.stop();
		if (this.ownsInformers) this.informers.stop();
	}

	/** Pods waiting: active, and parked as unschedulable. */
	get pending(): {active: number; unschedulable: number} {
		return {active: this.queue.activeCount, unschedulable: this.queue.parkedCount};
	}

	/** Filters and scores every node for one pod, without binding (exposed for tests). */
	decide(pod: KubeObject): ScheduleDecision {
		const nodes = this.nodeList ?? (this.nodeList = [...this.nodes.values()]);
		const spec = schedulingSpec(pod);
		const usage = podUsage(pod, '');
		const feasible: NodeInfo[] = [];
		const failures: FilterFailure[] = [];
		const constraints = podConstraints(pod, nodes);
		for (const info of nodes) {
			const failure = filterNode(spec, usage, info) ?? constraints?.(info);
			if (failure) failures.push(failure);
			else feasible.push(info);
		}
		if (feasible.length === 0) return {message: fitErrorMessage(nodes.length, failures)};
		let maxOwnerCount = 0;
		if (usage.owner) for (const info of feasible) maxOwnerCount = Math.max(maxOwnerCount, info.owners.get(usage.owner) ?? 0);
		const random = this.options.random ?? Math.random;
		let best: NodeInfo | undefined;
		let bestScore = -Infinity;
		let ties = 0;
		for (const info of feasible) {
			const score = nodeScore(usage, info, maxOwnerCount);
			if (score > bestScore + 1e-9) {
				best = info;
				bestScore = score;
				ties = 1;
			} else if (Math.abs(score - bestScore) <= 1e-9) {
				// Reservoir sampling: every equally good node has the same chance.
				ties++;
				if (random() * ties < 1) best = info;
			}
		}
		return {node: best!.name};
	}

	private nodeChanged(node: KubeObject, previous?: KubeObject): void {
		const name = node.metadata.name!;
		const info = this.nodes.get(name);
		if (info) info.setNode(node);
		else {
			const created = new NodeInfo(name, node);
			for (const usage of this.usage.values()) if (usage.node === name) created.add(usage);
			this.nodes.set(name, created);
			this.nodeList = undefined;
		}
		if (!previous || schedulingSignature(previous) !== schedulingSignature(node)) this.clusterChanged();
	}

	private nodeDeleted(node: KubeObject): void {
		this.nodes.delete(node.metadata.name!);
		this.nodeList = undefined;
	}

	private podChanged(pod: KubeObject): void {
		const key = keyOf(pod);
		const node = nodeNameOf(pod);
		const phase = podPhase(pod);
		if (phase === 'Succeeded' || phase === 'Failed') {
			this.queue.remove(key);
			if (this.unaccount(key)) this.clusterChanged();
			return;
		}
		if (node) {
			this.queue.remove(key);
			this.account(key, pod, node);
			return;
		}
		if (this.usage.has(key)) return; // assumed: its binding is in flight
		if (pod.metadata.deletionTimestamp) {
			this.queue.remove(key);
			return;
		}
		if (((pod['spec'] as {schedulerName?: string}).schedulerName ?? 'default-scheduler') !== this.schedulerName) return;
		if (((pod['spec'] as {schedulingGates?: unknown[]}).schedulingGates ?? []).length > 0) {
			// Held back until every gate is removed (an update brings it here again).
			this.queue.remove(key);
			void markGated(this.options.api, this.options.clock, pod).catch(() => {});
			return;
		}
		this.queue.add(key, pod);
	}

	private podDeleted(pod: KubeObject): void {
		const key = keyOf(pod);
		this.queue.remove(key);
		if (this.unaccount(key)) this.clusterChanged();
	}

	private account(key: string, pod: KubeObject, node: string): void {
		const existing = this.usage.get(key);
		if (existing?.node === node) return;
		if (existing) this.nodes.get(existing.node)?.remove(existing);
		const usage = podUsage(pod, node);
		this.usage.set(key, usage);
		this.nodes.get(node)?.add(usage);
	}

	private unaccount(key: string): boolean {
		const existing = this.usage.get(key);
		if (!existing) return false;
		this.usage.delete(key);
		this.nodes.get(existing.node)?.remove(existing);
		return true;
	}

	/** Parked pods get another chance; coalesced so a burst of events moves them once. */
	private clusterChanged(): void {
		if (this.moveScheduled || this.queue.parkedCount === 0) return;
		this.moveScheduled = true;
		setImmediate(() => {
			this.moveScheduled = false;
			if (this.running) this.queue.moveAllToActive();
		});
	}

	private schedulePump(): void {
		if (this.pumpScheduled || !this.running) return;
		this.pumpScheduled = true;
		setImmediate(() => {
			this.pumpScheduled = false;
			this.pump();
		});
	}

	private pump(): void {
		if (!this.running) return;
		const maxInFlight = this.options.maxInFlight ?? 2000;
		if (this.inFlight >= maxInFlight) return; // a finishing binding pumps again
		const batch = this.queue.pop(Math.min(this.options.batchSize ?? 500, maxInFlight - this.inFlight));
		for (const [key, queued] of batch) {
			// The freshest copy: the pod may have been bound, changed or deleted since it was queued.
			const pod = this.podInformer?.getByKey(key) ?? queued;
			if (nodeNameOf(pod) || pod.metadata.deletionTimestamp || this.usage.has(key)) continue;
			if (!this.podInformer?.getByKey(key)) continue;
			const decision = this.decide(pod);
			if ('node' in decision) {
				this.account(key, pod, decision.node);
				void this.bind(key, pod, decision.node);
			} else this.fail(key, pod, decision.message);
		}
		if (this.queue.activeCount > 0) this.schedulePump();
	}

	private async bind(key: string, pod: KubeObject, node: string): Promise<void> {
		this.inFlight++;
		try {
			const complete = await bindPod(this.options.api, pod, node);
			this.queue.done(key);
			if (!complete) this.conditionLater(key, pod.metadata.uid!);
			const {namespace, name} = pod.metadata;
			this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${node}`);
		} catch {
			// Forget the assumption; the pod, if it still exists unbound, is tried again after its backoff.
			const usage = this.usage.get(key);
			if (usage && !nodeNameOf(this.podInformer?.getByKey(key) ?? pod)) {
				this.unaccount(key);
				const current = this.podInformer?.getByKey(key);
				if (current && current.metadata.uid === pod.metadata.uid && this.running) this.queue.retry(key, current);
			}
		} finally {
			this.inFlight--;
			if (this.queue.activeCount > 0) this.schedulePump();
		}
	}

	/**
	 * PodScheduled=True is written a little after the binding, a few per turn: the kubelet reports it as well, and
	 * once it has, this write is skipped.
	 */
	private conditionLater(key: string, uid: string): void {
		this.pendingConditions.push([key, uid]);
		if (this.conditionsScheduled) return;
		this.conditionsScheduled = true;
		setImmediate(() => this.writeConditions());
	}

	private writeConditions(): void {
		for (const [key, uid] of this.pendingConditions.splice(0, 64)) {
			const pod = this.podInformer?.getByKey(key);
			if (!pod || pod.metadata.uid !== uid || hasScheduledCondition(pod)) continue;
			void markScheduled(this.options.api, this.options.clock, pod).catch(() => {});
		}
		if (this.pendingConditions.length > 0 && this.running) setImmediate(() => this.writeConditions());
		else this.conditionsScheduled = false;
	}

	private fail(key: string, pod: KubeObject, message: string): void {
		this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
		this.queue.unschedulable(key, pod);
		void markUnschedulable(this.options.api, this.options.clock, pod, message).catch(() => {});
	}
}

/** What about a node can change where pods fit. */
function schedulingSignature(node: KubeObject): string {
	const status = node['status'] as {allocatable?: unknown; conditions?: Array<{type: string; status: string}>} | undefined;
	const ready = status?.conditions?.find(condition => condition.type === 'Ready')?.status;
	return JSON.stringify([node['spec'], node.metadata.labels, status?.allocatable, ready]);
}
