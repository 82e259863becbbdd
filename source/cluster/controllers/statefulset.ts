import type {KubeObject} from '../api/object.js';
import {podTemplateHash} from '../api/names.js';
import {ApiError} from '../api/status.js';
import type {ControllerContext} from './controller-context.js';
import type {EventRecorder} from './events.js';
import {controllerUid, type Informer} from './informer.js';
import {controllerOf, controllerReference} from './owners.js';
import {podFromTemplate, type PodTemplate} from './pod-template.js';
import {isPodAvailable, isPodReady, podPhase} from './pods.js';
import {QueueController} from './queue-controller.js';
import {messageOf} from './replicaset.js';
import {writeStatus} from './write-status.js';

export const podNameLabel = 'statefulset.kubernetes.io/pod-name';
export const podIndexLabel = 'apps.kubernetes.io/pod-index';
export const revisionLabel = 'controller-revision-hash';

type StatefulSetSpec = {
	replicas?: number;
	serviceName?: string;
	podManagementPolicy?: string;
	minReadySeconds?: number;
	updateStrategy?: {type?: string; rollingUpdate?: {partition?: number}};
	template?: PodTemplate;
};

type StatefulSetStatus = {
	observedGeneration?: number;
	replicas?: number;
	readyReplicas?: number;
	currentReplicas?: number;
	updatedReplicas?: number;
	availableReplicas?: number;
	currentRevision?: string;
	updateRevision?: string;
	collisionCount?: number;
};

function stsSpec(set: KubeObject): StatefulSetSpec {
	return (set['spec'] as StatefulSetSpec | undefined) ?? {};
}

function stsStatus(set: KubeObject): StatefulSetStatus {
	return (set['status'] as StatefulSetStatus | undefined) ?? {};
}

/** `<set>-<hash>`: the revision a template is at (a ControllerRevision's name in Kubernetes). */
export function revisionName(set: KubeObject): string {
	return `${set.metadata.name}-${podTemplateHash(stsSpec(set).template ?? {})}`;
}

/** The ordinal of a pod named `<set>-<n>`, or -1. */
export function ordinalOf(set: KubeObject, pod: KubeObject): number {
	const prefix = `${set.metadata.name}-`;
	const name = pod.metadata.name ?? '';
	if (!name.startsWith(prefix)) return -1;
	const rest = name.slice(prefix.length);
	return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

function runningAndReady(pod: KubeObject): boolean {
	return podPhase(pod) === 'Running' && isPodReady(pod) && !pod.metadata.deletionTimestamp;
}

/**
 * kube-controller-manager's StatefulSet controller: pods `<name>-0` to `<name>-(N-1)` with stable names; with
 * OrderedReady (the default) each is created only when the one before is Running and Ready, and scale-down removes
 * the highest ordinal first, one at a time. Rolling updates replace pods from the highest ordinal down to the
 * partition.
 */
export class StatefulSetController extends QueueController {
	private readonly recorder: EventRecorder;
	private sets!: Informer;
	private pods!: Informer;

	constructor(context: ControllerContext) {
		super(context, 'statefulset', 4);
		this.recorder = context.recorder.withSource({component: 'statefulset-controller'});
	}

	start(): void {
		this.sets = this.informers.for('statefulsets');
		this.pods = this.informers.for('pods');
		this.sets.addIndex('uid', set => [set.metadata.uid ?? '']);
		this.pods.addIndex('controller', controllerUid);
		const podChanged = (pod: KubeObject) => {
			const owner = controllerOf(pod);
			if (owner?.kind !== 'StatefulSet') return;
			const set = this.sets.byIndex('uid', owner.uid)[0];
			if (set) this.enqueue(set);
		};
		this.subscribe(
			this.sets.on(this.queueOnChange()),
			this.pods.on({added: podChanged, updated: (_, pod) => podChanged(pod), deleted: podChanged}),
		);
		this.sets.start();
		this.pods.start();
	}

	protected async sync(key: string): Promise<void> {
		const set = this.sets.getByKey(key);
		if (!set) return;
		const spec = stsSpec(set);
		const replicas = spec.replicas ?? 1;
		const updateRevision = revisionName(set);
		const ordered = (spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
		const byOrdinal = new Map<number, KubeObject>();
		for (const pod of this.pods.byIndex('controller', set.metadata.uid!)) {
			const ordinal = ordinalOf(set, pod);
			if (ordinal >= 0) byOrdinal.set(ordinal, pod);
		}
		if (!set.metadata.deletionTimestamp) await this.reconcile(set, byOrdinal, replicas, updateRevision, ordered);
		await this.updateStatus(set, byOrdinal, updateRevision);
	}

	private async reconcile(set: KubeObject, pods: Map<number, KubeObject>, replicas: number, updateRevision: string, ordered: boolean): Promise<void> {
		const spec = stsSpec(set);
		// Replace failed pods, create missing ones in order.
		for (let ordinal = 0; ordinal < replicas; ordinal++) {
			const pod = pods.get(ordinal);
			if (pod && podPhase(pod) === 'Failed' && !pod.metadata.deletionTimestamp) {
				await this.deletePod(set, pod);
				if (ordered) return;
				continue;
			}
			if (!pod) {
				await this.createPod(set, ordinal, updateRevision);
				if (ordered) return;
				continue;
			}
			// OrderedReady: the next pod waits until this one is Running and Ready.
			if (ordered && !runningAndReady(pod)) return;
		}
		// Scale down: highest ordinal first, one at a time, and only when the rest is healthy.
		const condemned = [...pods.keys()].filter(ordinal => ordinal >= replicas).sort((a, b) => b - a);
		for (const ordinal of condemned) {
			const pod = pods.get(ordinal)!;
			if (pod.metadata.deletionTimestamp) {
				if (ordered) return;
				continue;
			}
			await this.deletePod(set, pod);
			if (ordered) return;
		}
		if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
		// Rolling update: replace stale pods from the highest ordinal down to the partition, one at a time.
		const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
		for (let ordinal = replicas - 1; ordinal >= partition; ordinal--) {
			const pod = pods.get(ordinal);
			if (!pod) return;
			if (pod.metadata.deletionTimestamp) return;
			if (pod.metadata.labels?.[revisionLabel] !== updateRevision) {
				await this.deletePod(set, pod);
				return;
			}
			if (!runningAndReady(pod)) return;
		}
	}

	private async createPod(set: KubeObject, ordinal: number, revision: string): Promise<void> {
		const spec = stsSpec(set);
		const name = `${set.metadata.name}-${ordinal}`;
		const pod = podFromTemplate(spec.template ?? {}, controllerReference(set, 'apps/v1', 'StatefulSet'), {name}, {
			labels: {[podNameLabel]: name, [revisionLabel]: revision, [podIndexLabel]: String(ordinal)},
		});
		const podSpec = pod['spec'] as {hostname?: string; subdomain?: string};
		podSpec.hostname = name;
		if (spec.serviceName) podSpec.subdomain = spec.serviceName;
		try {
			await this.context.api.create('pods', set.metadata.namespace, pod);
			this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} successful`);
		} catch (error) {
			if (error instanceof ApiError && error.code === 409) return; // the old pod of that name is still going
			this.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${messageOf(error)}`);
			throw error;
		}
	}

	private async deletePod(set: KubeObject, pod: KubeObject): Promise<void> {
		try {
			await this.context.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, {preconditions: {uid: pod.metadata.uid}});
			this.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
		} catch (error) {
			if (!(error instanceof ApiError && (error.code === 404 || error.code === 409))) throw error;
		}
	}

	private async updateStatus(set: KubeObject, pods: Map<number, KubeObject>, updateRevision: string): Promise<void> {
		const spec = stsSpec(set);
		const status = stsStatus(set);
		const now = this.context.clock.now();
		let replicas = 0;
		let ready = 0;
		let available = 0;
		let updated = 0;
		let current = 0;
		const currentRevision = status.currentRevision ?? updateRevision;
		for (const pod of pods.values()) {
			if (pod.metadata.deletionTimestamp) continue;
			replicas++;
			if (runningAndReady(pod)) {
				ready++;
				if (isPodAvailable(pod, spec.minReadySeconds ?? 0, now)) available++;
			}
			const revision = pod.metadata.labels?.[revisionLabel];
			if (revision === updateRevision) updated++;
			if (revision === currentRevision) current++;
		}
		const desired = spec.replicas ?? 1;
		const next: StatefulSetStatus = {
			...status,
			observedGeneration: set.metadata.generation,
			replicas,
			readyReplicas: ready,
			availableReplicas: available,
			updatedReplicas: updated,
			currentReplicas: current,
			currentRevision,
			updateRevision,
			collisionCount: status.collisionCount ?? 0,
		};
		// The update is complete: what was the update revision is now the current one.
		if (updated === desired && replicas === desired && ready === desired) {
			next.currentRevision = updateRevision;
			next.currentReplicas = updated;
		}
		if (JSON.stringify(next) === JSON.stringify(status)) return;
		await writeStatus(this.context.api, 'statefulsets', set, next);
	}
}
