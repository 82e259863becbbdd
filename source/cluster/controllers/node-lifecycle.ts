import type {KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import {timestamp} from '../clock.js';
import type {Taint} from '../scheduler/node-info.js';
import {tolerates, type Toleration} from '../scheduler/tolerations.js';
import type {Controller, ControllerContext} from './controller-context.js';
import type {EventRecorder} from './events.js';
import {keyOf, SharedInformers, type Informer} from './informer.js';
import {nodeNameOf, podCondition, podPhase, type PodCondition} from './pods.js';

export const notReadyTaintKey = 'node.kubernetes.io/not-ready';
export const unreachableTaintKey = 'node.kubernetes.io/unreachable';
const leaseNamespace = 'kube-node-lease';

type NodeCondition = {type: string; status: string; reason?: string; message?: string; lastHeartbeatTime?: string; lastTransitionTime?: string};

function nodeConditions(node: KubeObject): NodeCondition[] {
	return (node['status'] as {conditions?: NodeCondition[]} | undefined)?.conditions ?? [];
}

function readyStatus(node: KubeObject): string | undefined {
	return nodeConditions(node).find(condition => condition.type === 'Ready')?.status;
}

function nodeTaints(node: KubeObject): Taint[] {
	return (node['spec'] as {taints?: Array<Taint & {timeAdded?: string}>} | undefined)?.taints ?? [];
}

export const unschedulableTaintKey = 'node.kubernetes.io/unschedulable';
const managedKeys = new Set([notReadyTaintKey, unreachableTaintKey, unschedulableTaintKey]);

/** The node's taints as this controller wants them: others' untouched, its own from the node's state. */
export function wantedTaints(node: KubeObject, now: string): Taint[] {
	const current = nodeTaints(node);
	const existing = (key: string, effect: string) => current.find(taint => taint.key === key && taint.effect === effect);
	const taints = current.filter(taint => !managedKeys.has(taint.key));
	const ready = readyStatus(node);
	const key = ready === 'True' ? undefined : ready === 'Unknown' ? unreachableTaintKey : notReadyTaintKey;
	if (key) {
		taints.push(existing(key, 'NoSchedule') ?? {key, effect: 'NoSchedule'});
		taints.push(existing(key, 'NoExecute') ?? ({key, effect: 'NoExecute', timeAdded: now} as Taint));
	}
	if ((node['spec'] as {unschedulable?: boolean} | undefined)?.unschedulable)
		taints.push(existing(unschedulableTaintKey, 'NoSchedule') ?? ({key: unschedulableTaintKey, effect: 'NoSchedule', timeAdded: now} as Taint));
	return taints;
}

function sameTaintSet(a: Taint[], b: Taint[]): boolean {
	const text = (taints: Taint[]) => taints.map(taint => `${taint.key}=${taint.value ?? ''}:${taint.effect}`).sort().join(',');
	return text(a) === text(b);
}

/** What the controller observed of a node's heartbeats, by its own clock (as the real one, to ignore skew). */
type Health = {renewTime: string | undefined; heartbeat: string | undefined; observedAt: number};

/**
 * kube-controller-manager's node lifecycle controller with the taint eviction controller: a node whose Lease is not
 * renewed within nodeMonitorGraceSeconds turns Ready=Unknown, nodes not Ready get the not-ready or unreachable
 * NoSchedule and NoExecute taints (removed once Ready), their pods are marked not Ready, and pods that do not
 * tolerate a NoExecute taint for long enough are evicted.
 */
export class NodeLifecycleController implements Controller {
	private readonly informers: SharedInformers;
	private readonly ownsInformers: boolean;
	private readonly recorder: EventRecorder;
	private readonly evictionRecorder: EventRecorder;
	private readonly health = new Map<string, Health>();
	private readonly evictions = new Map<string, {at: number; cancel(): void}>();
	private readonly unsubscribe: Array<() => void> = [];
	private timer: {cancel(): void} | undefined;
	private running = false;
	private nodes!: Informer;
	private leases!: Informer;
	private pods!: Informer;
	private readonly busy = new Set<string>();

	constructor(private readonly context: ControllerContext) {
		this.ownsInformers = !context.informers;
		this.informers = context.informers ?? new SharedInformers(context.api);
		this.recorder = context.recorder.withSource({component: 'node-controller'});
		this.evictionRecorder = context.recorder.withSource({component: 'taint-eviction-controller'});
	}

	start(): void {
		this.running = true;
		this.nodes = this.informers.for('nodes');
		this.leases = this.informers.for('leases');
		this.pods = this.informers.for('pods');
		this.pods.addIndex('node', pod => {
			const node = nodeNameOf(pod);
			return node ? [node] : [];
		});
		this.unsubscribe.push(
			this.nodes.on({
				added: node => this.nodeChanged(node),
				updated: (_, node) => this.nodeChanged(node),
				deleted: node => this.health.delete(node.metadata.name!),
			}),
			this.pods.on({
				added: pod => this.podChanged(pod),
				updated: (_, pod) => this.podChanged(pod),
				deleted: pod => this.cancelEviction(keyOf(pod)),
			}),
		);
		this.nodes.start();
		this.leases.start();
		this.pods.start();
		this.arm();
	}

	stop(): void {
		this.running = false;
		this.timer?.cancel();
		for (const eviction of this.evictions.values()) eviction.cancel();
		this.evictions.clear();
		for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
		if (this.ownsInformers) this.informers.stop();
	}

	/** How often heartbeats are checked: five times per grace period (Kubernetes: every 5 s for a 50 s grace). */
	private get periodMs(): number {
		return Math.max(100, (this.context.timings.nodeMonitorGraceSeconds * 1000) / 5);
	}

	private arm(): void {
		if (!this.running) return;
		this.timer = this.context.clock.setTimeout(() => {
			void this.monitor().finally(() => this.arm());
		}, this.periodMs);
	}

	/** Checks every node's heartbeat now (also run on a timer). */
	async monitor(): Promise<void> {
		const now = this.context.clock.now();
		const grace = this.context.timings.nodeMonitorGraceSeconds * 1000;
		const work: Array<Promise<void>> = [];
		for (const node of this.nodes.values()) {
			const name = node.metadata.name!;
			const lease = this.leases.get(leaseNamespace, name);
			const renewTime = (lease?.['spec'] as {renewTime?: string} | undefined)?.renewTime;
			const heartbeat = nodeConditions(node).find(condition => condition.type === 'Ready')?.lastHeartbeatTime;
			let health = this.health.get(name);
			if (!health || health.renewTime !== renewTime || health.heartbeat !== heartbeat) {
				health = {renewTime, heartbeat, observedAt: now};
				this.health.set(name, health);
			}
			if (now - health.observedAt > grace && readyStatus(node) !== 'Unknown') work.push(this.markUnknown(node, heartbeat));
		}
		await Promise.all(work);
	}

	private async markUnknown(node: KubeObject, heartbeat: string | undefined): Promise<void> {
		const name = node.metadata.name!;
		if (this.busy.has(name)) return;
		this.busy.add(name);
		try {
			const now = timestamp(this.context.clock.now());
			let changed = false;
			await this.context.api.modify(
				'nodes',
				undefined,
				name,
				current => {
					const conditions = nodeConditions(current);
					// The kubelet posted meanwhile: it is alive after all.
					changed = false;
					if (conditions.find(condition => condition.type === 'Ready')?.lastHeartbeatTime !== heartbeat) return undefined;
					const types = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
					const next = conditions.map(condition => {
						if (!types.includes(condition.type) || condition.status === 'Unknown') return condition;
						return {...condition, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now};
					});
					if (!next.some(condition => condition.type === 'Ready'))
						next.push({type: 'Ready', status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: now, lastTransitionTime: now});
					changed = JSON.stringify(next) !== JSON.stringify(conditions);
					if (!changed) return undefined;
					current['status'] = {...(current['status'] as object), conditions: next};
					return current;
				},
				{status: true},
			);
			if (changed) this.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
		} catch (error) {
			if (!(error instanceof ApiError && error.code === 404)) throw error;
		} finally {
			this.busy.delete(name);
		}
	}

	private nodeChanged(node: KubeObject): void {
		const name = node.metadata.name!;
		const ready = readyStatus(node);
		void this.reconcileTaints(node).catch(() => {});
		if (ready !== 'True') void this.markPodsNotReady(name).catch(() => {});
		for (const pod of this.pods.byIndex('node', name)) this.podChanged(pod, node);
	}

	/**
	 * not-ready for Ready=False (or never reported), unreachable for Unknown, both NoSchedule and NoExecute;
	 * unschedulable NoSchedule for a cordoned node. Written only when the set of them changes.
	 */
	private async reconcileTaints(node: KubeObject): Promise<void> {
		const now = timestamp(this.context.clock.now());
		if (sameTaintSet(nodeTaints(node), wantedTaints(node, now))) return;
		const wasReady = nodeTaints(node).some(taint => taint.key === notReadyTaintKey || taint.key === unreachableTaintKey);
		await this.context.api.modify('nodes', undefined, node.metadata.name!, current => {
			const taints = wantedTaints(current, now);
			if (sameTaintSet(nodeTaints(current), taints)) return undefined;
			const spec = (current['spec'] ?? {}) as {taints?: Taint[]};
			if (taints.length > 0) spec.taints = taints;
			else delete spec.taints;
			current['spec'] = spec;
			return current;
		});
		if (readyStatus(node) === 'True' && wasReady) this.recorder.event(node, 'Normal', 'NodeReady', `Node ${node.metadata.name} status is now: NodeReady`);
	}

	/** The pods of a node that stopped reporting are no longer Ready: services stop sending them traffic. */
	private async markPodsNotReady(nodeName: string): Promise<void> {
		const now = timestamp(this.context.clock.now());
		await Promise.all(
			this.pods.byIndex('node', nodeName).map(async pod => {
				if (podCondition(pod, 'Ready')?.status !== 'True') return;
				const phase = podPhase(pod);
				if (phase === 'Succeeded' || phase === 'Failed') return;
				try {
					await this.context.api.modify(
						'pods',
						pod.metadata.namespace,
						pod.metadata.name!,
						current => {
							if (current.metadata.uid !== pod.metadata.uid) return undefined;
							const status = (current['status'] ?? {}) as {conditions?: PodCondition[]};
							let changed = false;
							status.conditions = (status.conditions ?? []).map(condition => {
								if (condition.type !== 'Ready' || condition.status !== 'True') return condition;
								changed = true;
								return {...condition, status: 'False', lastTransitionTime: now};
							});
							return changed ? current : undefined;
						},
						{status: true},
					);
				} catch {}
			}),
		);
	}

	/** Schedules (or cancels) the eviction of a pod on a node with NoExecute taints. */
	private podChanged(pod: KubeObject, knownNode?: KubeObject): void {
		const key = keyOf(pod);
		const nodeName = nodeNameOf(pod);
		if (!nodeName || pod.metadata.deletionTimestamp) return this.cancelEviction(key);
		const phase = podPhase(pod);
		if (phase === 'Succeeded' || phase === 'Failed') return this.cancelEviction(key);
		const node = knownNode ?? this.nodes.get(undefined, nodeName);
		if (!node) return;
		const taints = nodeTaints(node).filter(taint => taint.effect === 'NoExecute') as Array<Taint & {timeAdded?: string}>;
		if (taints.length === 0) return this.cancelEviction(key);
		const tolerations = ((pod['spec'] as {tolerations?: Toleration[]}).tolerations ?? []).filter(
			toleration => !toleration.effect || toleration.effect === 'NoExecute',
		);
		const now = this.context.clock.now();
		let evictAt = Number.POSITIVE_INFINITY;
		for (const taint of taints) {
			const matching = tolerations.filter(toleration => tolerates(toleration, taint));
			const added = taint.timeAdded ? Date.parse(taint.timeAdded) : now;
			if (matching.length === 0) {
				evictAt = Math.min(evictAt, now);
				continue;
			}
			// The shortest tolerationSeconds counts; a toleration without one tolerates forever.
			let seconds = Number.POSITIVE_INFINITY;
			for (const toleration of matching)
				if (toleration.tolerationSeconds !== undefined && toleration.tolerationSeconds !== null)
					seconds = Math.min(seconds, Math.max(0, toleration.tolerationSeconds));
			evictAt = Math.min(evictAt, added + seconds * 1000);
		}
		if (!Number.isFinite(evictAt)) return this.cancelEviction(key);
		const existing = this.evictions.get(key);
		if (existing && existing.at === evictAt) return;
		existing?.cancel();
		const timer = this.context.clock.setTimeout(() => {
			this.evictions.delete(key);
			void this.evict(key, pod.metadata.uid!);
		}, Math.max(0, evictAt - now));
		this.evictions.set(key, {at: evictAt, cancel: () => timer.cancel()});
	}

	private cancelEviction(key: string): void {
		const existing = this.evictions.get(key);
		if (!existing) return;
		existing.cancel();
		this.evictions.delete(key);
	}

	private async evict(key: string, uid: string): Promise<void> {
		const pod = this.pods.getByKey(key);
		if (!pod || pod.metadata.uid !== uid || pod.metadata.deletionTimestamp || !this.running) return;
		this.evictionRecorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`);
		try {
			await this.context.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, {preconditions: {uid}});
		} catch {}
	}
}
