import type {KubeObject} from '../../source/cluster/api/object.js';
import type {ObjectAPI, Watch} from '../../source/cluster/api/object-api.js';
import {timestamp, type Clock} from '../../source/cluster/clock.js';
import type {Timings} from '../../source/cluster/cluster-types.js';

/** What the fake kubelet makes of a pod bound to a live node. */
export type PodOutcome = 'ready' | 'unready' | 'pending' | 'succeed' | 'fail';

export type FakeKubeletOptions = {
	/** Default: every pod runs and turns Ready. */
	outcome?: (pod: KubeObject) => PodOutcome;
};

type Condition = {type: string; status: string; lastTransitionTime?: string; lastProbeTime?: null};

/**
 * Plays every node's kubelet for controller tests: pods bound to a node that is up start at once (Running and
 * Ready, or as `outcome` says), pods being deleted on a live node are removed, node Leases are renewed every
 * leaseRenewSeconds. A powered-off node does nothing at all, as a dead machine.
 */
export class FakeKubelet {
	private readonly down = new Set<string>();
	private watch: Watch | undefined;
	private timer: {cancel(): void} | undefined;
	private nextIp = 2;
	private readonly ips = new Map<string, string>();
	private readonly handled = new Map<string, string>();

	constructor(
		private readonly api: ObjectAPI,
		private readonly clock: Clock,
		private readonly timings: Timings,
		private readonly options: FakeKubeletOptions = {},
	) {}

	start(): void {
		this.watch = this.api.watch('pods', undefined, {}, events => {
			for (const event of events) if (event.type !== 'DELETED') void this.handle(event.object).catch(() => {});
		});
		void this.heartbeat();
		this.arm();
	}

	stop(): void {
		this.watch?.stop();
		this.timer?.cancel();
	}

	isUp(node: string): boolean {
		return !this.down.has(node);
	}

	/** The node stops: no heartbeats, no pod work. */
	powerOff(node: string): void {
		this.down.add(node);
	}

	/** The node comes back: reports Ready, renews its lease and catches up with its pods. */
	async powerOn(node: string): Promise<void> {
		this.down.delete(node);
		await this.heartbeat();
		await this.setReady(node);
		for (const pod of this.api.list('pods', undefined, {fieldSelector: `spec.nodeName=${node}`}).items) await this.handle(pod).catch(() => {});
	}

	/** Renews the lease of every live node now. */
	async heartbeat(): Promise<void> {
		const now = this.clock.now();
		const renewTime = new Date(now).toISOString().replace('Z', '000Z');
		await Promise.all(
			this.api.list('nodes', undefined).items.map(async node => {
				const name = node.metadata.name!;
				if (this.down.has(name)) return;
				const lease = this.api.tryGet('leases', 'kube-node-lease', name);
				if (!lease) {
					await this.api.create('leases', 'kube-node-lease', {
						apiVersion: 'coordination.k8s.io/v1',
						kind: 'Lease',
						metadata: {name, ownerReferences: [{apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid!}]},
						spec: {holderIdentity: name, leaseDurationSeconds: this.timings.leaseDurationSeconds, renewTime},
					});
					return;
				}
				await this.api.modify('leases', 'kube-node-lease', name, current => {
					(current['spec'] as {renewTime: string}).renewTime = renewTime;
					return current;
				});
			}),
		);
	}

	private async setReady(node: string): Promise<void> {
		const now = timestamp(this.clock.now());
		await this.api.modify(
			'nodes',
			undefined,
			node,
			current => {
				const status = (current['status'] ?? {}) as {conditions?: Array<Record<string, unknown>>};
				const others = (status.conditions ?? []).filter(condition => condition['type'] !== 'Ready');
				status.conditions = [
					...others,
					{type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now},
				];
				current['status'] = status;
				return current;
			},
			{status: true},
		);
	}

	private arm(): void {
		this.timer = this.clock.setTimeout(() => {
			void this.heartbeat().catch(() => {});
			this.arm();
		}, this.timings.leaseRenewSeconds * 1000);
	}

	private async handle(pod: KubeObject): Promise<void> {
		const node = (pod['spec'] as {nodeName?: string}).nodeName;
		if (!node || this.down.has(node)) return;
		const {namespace, name, uid} = pod.metadata;
		if (pod.metadata.deletionTimestamp) {
			await this.api.delete('pods', namespace, name!, {gracePeriodSeconds: 0, preconditions: {uid}});
			return;
		}
		const phase = (pod['status'] as {phase?: string} | undefined)?.phase;
		if (phase !== 'Pending' || this.handled.get(uid!) === node) return;
		this.handled.set(uid!, node);
		const outcome = this.options.outcome?.(pod) ?? 'ready';
		if (outcome === 'pending') return;
		let ip = this.ips.get(uid!);
		if (!ip) this.ips.set(uid!, (ip = `10.244.${Math.floor(this.nextIp / 250)}.${(this.nextIp++ % 250) + 2}`));
		const now = timestamp(this.clock.now());
		await this.api.modify(
			'pods',
			namespace,
			name!,
			current => {
				if (current.metadata.uid !== uid) return undefined;
				const status = (current['status'] ?? {}) as {conditions?: Condition[]; [field: string]: unknown};
				const finished = outcome === 'succeed' || outcome === 'fail';
				const ready = outcome === 'ready' ? 'True' : 'False';
				const kept = (status.conditions ?? []).filter(condition => condition.type === 'PodScheduled');
				status.conditions = [
					...kept,
					{type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: now},
					{type: 'Ready', status: ready, lastProbeTime: null, lastTransitionTime: now},
					{type: 'ContainersReady', status: ready, lastProbeTime: null, lastTransitionTime: now},
				];
				status['phase'] = outcome === 'succeed' ? 'Succeeded' : outcome === 'fail' ? 'Failed' : 'Running';
				status['podIP'] = ip;
				status['podIPs'] = [{ip}];
				status['hostIP'] = '172.18.0.2';
				status['startTime'] = now;
				const containers = (current['spec'] as {containers?: Array<{name: string; image: string}>}).containers ?? [];
				status['containerStatuses'] = containers.map(container => ({
					name: container.name,
					image: container.image,
					imageID: '',
					ready: outcome === 'ready',
					restartCount: 0,
					started: !finished,
					state: finished
						? {terminated: {exitCode: outcome === 'succeed' ? 0 : 1, reason: outcome === 'succeed' ? 'Completed' : 'Error', startedAt: now, finishedAt: now}}
						: {running: {startedAt: now}},
				}));
				current['status'] = status;
				return current;
			},
			{status: true},
		);
	}
}
