import type {KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import type {ControllerContext} from './controller-context.js';
import type {Informer} from './informer.js';
import {nodeNameOf, podPhase} from './pods.js';
import {QueueController} from './queue-controller.js';

/** How long a pod may stay bound to a node that does not exist before it goes (Kubernetes' quarantine: 40 s). */
const quarantineMs = 40_000;
/** Finished pods kept cluster-wide before the oldest are deleted (--terminated-pod-gc-threshold). */
export const terminatedPodThreshold = 12_500;

/**
 * kube-controller-manager's pod garbage collector: deletes pods bound to nodes that no longer exist (so their
 * controllers replace them), and the oldest finished pods beyond the threshold.
 */
export class PodGarbageCollector extends QueueController {
	private pods!: Informer;
	private nodes!: Informer;
	private terminated = 0;

	constructor(context: ControllerContext) {
		super(context, 'pod-gc', 4);
	}

	start(): void {
		this.pods = this.informers.for('pods');
		this.nodes = this.informers.for('nodes');
		this.pods.addIndex('node', pod => {
			const node = nodeNameOf(pod);
			return node ? [node] : [];
		});
		const finished = (pod: KubeObject) => ['Succeeded', 'Failed'].includes(podPhase(pod));
		this.subscribe(
			this.nodes.on({deleted: node => this.queue.addAfter(`node|${node.metadata.name}`, quarantineMs)}),
			this.pods.on({
				added: pod => {
					if (finished(pod)) this.countTerminated(1);
					const node = nodeNameOf(pod);
					if (node && this.nodes.started && !this.nodes.get(undefined, node)) this.queue.addAfter(`node|${node}`, quarantineMs);
				},
				updated: (previous, pod) => {
					if (!finished(previous) && finished(pod)) this.countTerminated(1);
				},
				deleted: pod => {
					if (finished(pod)) this.terminated--;
				},
			}),
		);
		this.nodes.start();
		this.pods.start();
	}

	private countTerminated(count: number): void {
		this.terminated += count;
		if (this.terminated > terminatedPodThreshold) this.queue.add('terminated');
	}

	protected async sync(work: string): Promise<void> {
		const {api} = this.context;
		if (work === 'terminated') {
			const finished = [...this.pods.values()]
				.filter(pod => ['Succeeded', 'Failed'].includes(podPhase(pod)) && !pod.metadata.deletionTimestamp)
				.sort((a, b) => Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? ''));
			await Promise.all(finished.slice(0, Math.max(0, finished.length - terminatedPodThreshold)).map(pod => this.forceDelete(pod)));
			return;
		}
		const node = work.slice('node|'.length);
		if (this.nodes.get(undefined, node) || api.tryGet('nodes', undefined, node)) return;
		await Promise.all(this.pods.byIndex('node', node).map(pod => this.forceDelete(pod)));
	}

	private async forceDelete(pod: KubeObject): Promise<void> {
		try {
			await this.context.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, {gracePeriodSeconds: 0, preconditions: {uid: pod.metadata.uid}});
		} catch (error) {
			if (!(error instanceof ApiError && (error.code === 404 || error.code === 409))) throw error;
		}
	}
}
