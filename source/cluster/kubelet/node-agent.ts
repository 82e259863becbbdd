import type {Pod} from 'kubernetes-types/core/v1.js';
import type {ObjectAPI} from '../api/object-api.js';
import type {KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import type {Clock} from '../clock.js';
import type {Timings} from '../cluster-types.js';
import type {ContainerEngine} from './engine.js';
import type {EventSink, KubeletContext} from './kubelet-context.js';
import {PodAddresses} from './pod-addresses.js';
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
	private readonly addresses: PodAddresses;
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
		subnet: string,
		private readonly events: EventSink,
		/** Every node's running pods by IP, shared by all kubelets, for the service network's every request. */
		private readonly byIp: Map<string, PodWorker>,
	) {
		this.addresses = new PodAddresses(subnet);
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
				this.release(worker);
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
		for (const worker of this.workers.values()) {
			worker.kill();
			if (this.byIp.get(worker.podIP) === worker) this.byIp.delete(worker.podIP);
		}
		this.workers.clear();
		this.addresses.clear();
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
		const fresh = new PodWorker(this.context, pod, this.addresses.allocate(pod.status?.podIP || undefined));
		this.workers.set(uid, fresh);
		this.byIp.set(fresh.podIP, fresh);
		fresh.start();
	}

	/** The pod object is gone from the API: stop what still runs for it. */
	removed(pod: Pod): void {
		const worker = this.workers.get(pod.metadata!.uid!);
		if (!worker) return;
		worker.kill();
		this.workers.delete(worker.uid);
		this.release(worker);
	}

	private release(worker: PodWorker): void {
		if (this.byIp.get(worker.podIP) === worker) this.byIp.delete(worker.podIP);
		this.addresses.release(worker.podIP);
	}

	private async remove(pod: Pod): Promise<void> {
		try {
			await this.api.delete('pods', pod.metadata!.namespace, pod.metadata!.name!, {gracePeriodSeconds: 0, preconditions: {uid: pod.metadata!.uid}});
		} catch (error) {
			if (!(error instanceof ApiError) && this.powered) throw error;
		}
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
