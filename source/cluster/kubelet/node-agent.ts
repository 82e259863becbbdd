import type {Pod} from 'kubernetes-types/core/v1.js';
import type {ObjectAPI} from '../api/object-api.js';
import type {KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import type {Clock} from '../clock.js';
import type {Timings} from '../cluster-types.js';
import type {ContainerEngine} from './engine.js';
import type {EventSink, KubeletContext} from './kubelet-context.js';
import {PodWorker} from './pod-worker.js';

/** RFC 3339 with microseconds, the MicroTime format of Lease renewTime. */
function microTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * The kubelet of one simulated node: registers Ready, renews its Lease, runs the pods bound to it, and obeys the
 * node's power switch (annotation kubedeck.io/power): off stops heartbeats and kills every container.
 */
export class NodeAgent {
	readonly workers = new Map<string, PodWorker>();
	private readonly images = new Set<string>();
	private renewTimer?: {cancel(): void};
	private powered = false;
	private nextIp = 2;
	private readonly freeIps: number[] = [];
	private readonly usedIps = new Set<number>();
	private readyResolved!: () => void;
	readonly ready: Promise<void>;
	readonly context: KubeletContext;

	constructor(
		private readonly api: ObjectAPI,
		private readonly clock: Clock,
		private readonly timings: Timings,
		engine: ContainerEngine,
		readonly nodeName: string,
		readonly hostIP: string,
		private readonly subnet: string,
		private readonly events: EventSink,
		private readonly onWorkerGone: (worker: PodWorker) => void,
	) {
		this.ready = new Promise(resolve => (this.readyResolved = resolve));
		this.context = {
			api,
			clock,
			timings,
			engine,
			nodeName,
			hostIP,
			event: (pod, type, reason, message) =>
				this.events({kind: 'Pod', apiVersion: 'v1', metadata: pod.metadata ?? {}}, type, reason, message, {component: 'kubelet', host: nodeName}),
			imagePresent: image => this.images.has(image),
			rememberImage: image => void this.images.add(image),
			forget: worker => {
				if (this.workers.get(worker.uid) === worker) this.workers.delete(worker.uid);
				this.releaseIp(worker.podIP);
				this.onWorkerGone(worker);
			},
		};
	}

	get on(): boolean {
		return this.powered;
	}

	async powerOn(): Promise<void> {
		if (this.powered) return;
		this.powered = true;
		await this.renew();
		await this.reportReady();
		this.readyResolved();
		// After a restart the kubelet finds its pods again: finish deletions that waited for it, restart the rest.
		for (const stored of this.api.list('pods', undefined, {fieldSelector: `spec.nodeName=${this.nodeName}`}).items) this.sync(stored as unknown as Pod);
	}

	powerOff(): void {
		if (!this.powered) return;
		this.powered = false;
		this.renewTimer?.cancel();
		this.renewTimer = undefined;
		for (const worker of this.workers.values()) worker.kill();
		this.workers.clear();
		this.usedIps.clear();
		this.freeIps.length = 0;
		this.nextIp = 2;
	}

	stop(): void {
		this.powerOff();
	}

	/** A pod bound to this node changed (or appeared). */
	sync(pod: Pod): void {
		if (!this.powered) return;
		const uid = pod.metadata!.uid!;
		const worker = this.workers.get(uid);
		if (worker) {
			worker.update(pod);
			return;
		}
		const phase = pod.status?.phase;
		if (phase === 'Succeeded' || phase === 'Failed') {
			if (pod.metadata?.deletionTimestamp) void this.remove(pod);
			return;
		}
		if (pod.metadata?.deletionTimestamp) {
			// Nothing runs for it here any more: finish the deletion at once.
			void this.remove(pod);
			return;
		}
		const fresh = new PodWorker(this.context, pod, this.allocateIp(pod.status?.podIP));
		this.workers.set(uid, fresh);
		fresh.start();
	}

	/** The pod object is gone from the API: stop what still runs for it. */
	removed(pod: Pod): void {
		const worker = this.workers.get(pod.metadata!.uid!);
		if (!worker) return;
		worker.kill();
		this.workers.delete(worker.uid);
		this.releaseIp(worker.podIP);
		this.onWorkerGone(worker);
	}

	private async remove(pod: Pod): Promise<void> {
		try {
			await this.api.delete('pods', pod.metadata!.namespace, pod.metadata!.name!, {gracePeriodSeconds: 0, preconditions: {uid: pod.metadata!.uid}});
		} catch (error) {
			if (!(error instanceof ApiError) && this.powered) throw error;
		}
	}

	private allocateIp(existing: string | undefined): string {
		const prefix = this.subnet;
		if (existing?.startsWith(prefix)) {
			const last = Number(existing.slice(prefix.length));
			if (!this.usedIps.has(last)) {
				this.usedIps.add(last);
				return existing;
			}
		}
		let last = this.freeIps.pop();
		while (last !== undefined && this.usedIps.has(last)) last = this.freeIps.pop();
		if (last === undefined) {
			while (this.usedIps.has(this.nextIp)) this.nextIp++;
			last = this.nextIp++;
			if (last > 254) last = 2 + (last % 253);
		}
		this.usedIps.add(last);
		return `${prefix}${last}`;
	}

	private releaseIp(ip: string): void {
		if (!ip.startsWith(this.subnet)) return;
		const last = Number(ip.slice(this.subnet.length));
		if (this.usedIps.delete(last)) this.freeIps.push(last);
	}

	private async renew(): Promise<void> {
		if (!this.powered) return;
		const now = this.clock.now();
		const lease: KubeObject = {
			apiVersion: 'coordination.k8s.io/v1',
			kind: 'Lease',
			metadata: {name: this.nodeName, namespace: 'kube-node-lease'},
			spec: {holderIdentity: this.nodeName, leaseDurationSeconds: this.timings.leaseDurationSeconds, renewTime: microTime(now)},
		};
		try {
			if (this.api.tryGet('leases', 'kube-node-lease', this.nodeName))
				await this.api.modify('leases', 'kube-node-lease', this.nodeName, current => {
					current['spec'] = {...(current['spec'] as object), holderIdentity: this.nodeName, leaseDurationSeconds: this.timings.leaseDurationSeconds, renewTime: microTime(now)};
					return current;
				});
			else {
				const node = this.api.tryGet('nodes', undefined, this.nodeName);
				if (node) lease.metadata.ownerReferences = [{apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: node.metadata.uid!}];
				await this.api.create('leases', 'kube-node-lease', lease);
			}
		} catch (error) {
			if (!(error instanceof ApiError) && this.powered) throw error;
		}
		if (this.powered) this.renewTimer = this.clock.setTimeout(() => void this.renew(), this.timings.leaseRenewSeconds * 1000);
	}

	/** Node conditions as a healthy kubelet posts them. */
	private async reportReady(): Promise<void> {
		const now = new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
		const condition = (type: string, status: string, reason: string, message: string) => ({type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message});
		try {
			await this.api.modify(
				'nodes',
				undefined,
				this.nodeName,
				node => {
					const status = (node['status'] ?? {}) as Record<string, unknown>;
					status['conditions'] = [
						condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
						condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
						condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
						condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
					];
					node['status'] = status;
					return node;
				},
				{status: true},
			);
		} catch (error) {
			if (!(error instanceof ApiError) && this.powered) throw error;
		}
	}
}
