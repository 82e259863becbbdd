import type {KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import {timestamp} from '../clock.js';
import {claimObjects, orphanNamespace} from './claim.js';
import type {ControllerContext} from './controller-context.js';
import type {EventRecorder} from './events.js';
import {Expectations} from './expectations.js';
import {controllerUid, keyOf, type Informer} from './informer.js';
import {controllerOf, controllerReference} from './owners.js';
import {podsToDelete} from './pod-ranking.js';
import {podFromTemplate, slowStartBatch, type PodTemplate} from './pod-template.js';
import {isPodActive, isPodAvailable, isPodReady, podCondition} from './pods.js';
import {QueueController} from './queue-controller.js';
import {compileSelector, type LabelSelector} from './selector.js';
import {writeStatus} from './write-status.js';

export type ReplicaSetSpec = {replicas?: number; minReadySeconds?: number; selector?: LabelSelector; template?: PodTemplate};
export type ReplicaSetStatus = {
	replicas?: number;
	fullyLabeledReplicas?: number;
	readyReplicas?: number;
	availableReplicas?: number;
	observedGeneration?: number;
	conditions?: unknown[];
};

export function rsSpec(rs: KubeObject): ReplicaSetSpec {
	return (rs['spec'] as ReplicaSetSpec | undefined) ?? {};
}

export function rsStatus(rs: KubeObject): ReplicaSetStatus {
	return (rs['status'] as ReplicaSetStatus | undefined) ?? {};
}

/** Kubernetes creates or deletes at most this many pods per sync (burstReplicas). */
const burstReplicas = 500;

/**
 * kube-controller-manager's ReplicaSet controller: keeps spec.replicas active pods that match the selector, named
 * `<rs>-<5 chars>`, adopting orphans and releasing pods that no longer match, and reports counts in status.
 */
export class ReplicaSetController extends QueueController {
	private readonly expectations: Expectations;
	private readonly recorder: EventRecorder;
	private sets!: Informer;
	private pods!: Informer;

	constructor(context: ControllerContext) {
		super(context, 'replicaset', 5);
		this.expectations = new Expectations(context.clock);
		this.recorder = context.recorder.withSource({component: 'replicaset-controller'});
	}

	start(): void {
		this.sets = this.informers.for('replicasets');
		this.pods = this.informers.for('pods');
		this.sets.addIndex('uid', set => [set.metadata.uid ?? '']);
		this.sets.addIndex('namespace', set => [set.metadata.namespace ?? '']);
		this.pods.addIndex('controller', controllerUid);
		this.pods.addIndex('orphans', orphanNamespace);
		this.subscribe(
			this.sets.on({...this.queueOnChange(), deleted: set => this.expectations.forget(keyOf(set))}),
			this.pods.on({
				added: pod => this.podAdded(pod),
				updated: (previous, pod) => this.podUpdated(previous, pod),
				deleted: pod => this.podDeleted(pod),
			}),
		);
		this.sets.start();
		this.pods.start();
	}

	private ownerKey(pod: KubeObject): string | undefined {
		const owner = controllerOf(pod);
		if (owner?.kind !== 'ReplicaSet') return undefined;
		const set = this.sets.byIndex('uid', owner.uid)[0];
		return set ? keyOf(set) : undefined;
	}

	private podAdded(pod: KubeObject): void {
		if (pod.metadata.deletionTimestamp) return this.podDeleted(pod);
		const key = this.ownerKey(pod);
		if (key) {
			this.expectations.creationObserved(key);
			this.queue.add(key);
			return;
		}
		if (!controllerOf(pod)) this.enqueueMatching(pod);
	}

	private podUpdated(previous: KubeObject, pod: KubeObject): void {
		if (pod.metadata.deletionTimestamp && !previous.metadata.deletionTimestamp) {
			// Graceful deletion has begun: for a controller the pod is gone now.
			const key = this.ownerKey(pod);
			if (key) this.expectations.deletionObserved(key, pod.metadata.uid!);
		}
		const before = controllerOf(previous);
		const after = controllerOf(pod);
		if (before && before.uid !== after?.uid) {
			const set = this.sets.byIndex('uid', before.uid)[0];
			if (set) this.enqueue(set);
		}
		const key = this.ownerKey(pod);
		if (key) {
			this.queue.add(key);
			const set = this.sets.getByKey(key)!;
			const minReadySeconds = rsSpec(set).minReadySeconds ?? 0;
			if (minReadySeconds > 0 && !isPodReady(previous) && isPodReady(pod)) this.queue.addAfter(key, minReadySeconds * 1000 + 1000);
			return;
		}
		if (!after && !pod.metadata.deletionTimestamp) this.enqueueMatching(pod);
	}

	private podDeleted(pod: KubeObject): void {
		const key = this.ownerKey(pod);
		if (!key) return;
		this.expectations.deletionObserved(key, pod.metadata.uid!);
		this.queue.add(key);
	}

	/** An orphan: every ReplicaSet that would adopt it looks at it. */
	private enqueueMatching(pod: KubeObject): void {
		for (const set of this.sets.byIndex('namespace', pod.metadata.namespace ?? ''))
			if (compileSelector(rsSpec(set).selector)(pod.metadata.labels)) this.enqueue(set);
	}

	protected async sync(key: string): Promise<void> {
		const set = this.sets.getByKey(key);
		if (!set) {
			this.expectations.forget(key);
			return;
		}
		const spec = rsSpec(set);
		const satisfied = this.expectations.satisfied(key);
		const selector = compileSelector(spec.selector);
		const claimed = await claimObjects({
			api: this.context.api,
			resource: 'pods',
			owner: set,
			ownerApiVersion: 'apps/v1',
			ownerKind: 'ReplicaSet',
			selector,
			owned: this.pods.byIndex('controller', set.metadata.uid!),
			orphans: this.pods.byIndex('orphans', set.metadata.namespace ?? ''),
		});
		const active = claimed.filter(isPodActive);
		let failure: unknown;
		if (satisfied && !set.metadata.deletionTimestamp) {
			try {
				await this.manageReplicas(key, set, active);
			} catch (error) {
				failure = error;
			}
		}
		const current = this.sets.getByKey(key);
		if (current && current.metadata.uid === set.metadata.uid) await this.updateStatus(key, current, active, failure);
		if (failure) throw failure;
	}

	private async manageReplicas(key: string, set: KubeObject, active: KubeObject[]): Promise<void> {
		const spec = rsSpec(set);
		const diff = active.length - (spec.replicas ?? 1);
		const {api} = this.context;
		const {namespace, name} = set.metadata;
		if (diff < 0) {
			const count = Math.min(-diff, burstReplicas);
			this.expectations.expectCreations(key, count);
			const owner = controllerReference(set, 'apps/v1', 'ReplicaSet');
			const template = spec.template ?? {};
			const result = await slowStartBatch(count, 1, async () => {
				try {
					const pod = await api.create('pods', namespace, podFromTemplate(template, owner, {generateName: `${name}-`}));
					this.recorder.event(set, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
				} catch (error) {
					this.expectations.lowerCreations(key);
					if (!(error instanceof ApiError && error.code === 403 && /being terminated/.test(error.message)))
						this.recorder.event(set, 'Warning', 'FailedCreate', `Error creating: ${messageOf(error)}`);
					throw error;
				}
			});
			// Creations never attempted will never be observed.
			const attempted = result.error === undefined ? count : attemptedBatches(count, result.succeeded);
			if (count > attempted) this.expectations.lowerCreations(key, count - attempted);
			if (result.error !== undefined) throw result.error;
			return;
		}
		if (diff > 0) {
			const victims = podsToDelete(active, Math.min(diff, burstReplicas));
			this.expectations.expectDeletions(
				key,
				victims.map(pod => pod.metadata.uid!),
			);
			const results = await Promise.allSettled(
				victims.map(async pod => {
					try {
						await api.delete('pods', pod.metadata.namespace, pod.metadata.name!, {preconditions: {uid: pod.metadata.uid}});
						this.recorder.event(set, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
					} catch (error) {
						this.expectations.deletionObserved(key, pod.metadata.uid!);
						if (error instanceof ApiError && (error.code === 404 || error.code === 409)) return;
						this.recorder.event(set, 'Warning', 'FailedDelete', `Error deleting: ${messageOf(error)}`);
						throw error;
					}
				}),
			);
			const rejected = results.find(result => result.status === 'rejected');
			if (rejected) throw (rejected as PromiseRejectedResult).reason;
		}
	}

	private async updateStatus(key: string, set: KubeObject, active: KubeObject[], failure: unknown): Promise<void> {
		const spec = rsSpec(set);
		const now = this.context.clock.now();
		const minReadySeconds = spec.minReadySeconds ?? 0;
		const templateLabels = spec.template?.metadata?.labels ?? {};
		let fullyLabeled = 0;
		let ready = 0;
		let available = 0;
		let waitingForAvailable = false;
		for (const pod of active) {
			const labels = pod.metadata.labels ?? {};
			if (Object.entries(templateLabels).every(([label, value]) => labels[label] === value)) fullyLabeled++;
			if (isPodReady(pod)) {
				ready++;
				if (isPodAvailable(pod, minReadySeconds, now)) available++;
				else waitingForAvailable = true;
			}
		}
		const status = rsStatus(set);
		const next: ReplicaSetStatus = {
			...status,
			replicas: active.length,
			fullyLabeledReplicas: fullyLabeled,
			readyReplicas: ready,
			availableReplicas: available,
			observedGeneration: set.metadata.generation,
		};
		// A create or delete that failed shows as ReplicaFailure until one succeeds again.
		const conditions = (status.conditions ?? []) as Array<{type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string}>;
		const others = conditions.filter(condition => condition.type !== 'ReplicaFailure');
		if (failure !== undefined) {
			const reason = active.length < (spec.replicas ?? 1) ? 'FailedCreate' : 'FailedDelete';
			const previous = conditions.find(condition => condition.type === 'ReplicaFailure');
			const message = messageOf(failure);
			next.conditions = [
				...others,
				previous?.reason === reason && previous.message === message ? previous : {type: 'ReplicaFailure', status: 'True', lastTransitionTime: timestamp(now), reason, message},
			];
		} else if (others.length !== conditions.length) next.conditions = others;
		if (next.conditions?.length === 0) delete next.conditions;
		if (waitingForAvailable) this.queue.addAfter(key, nextAvailableInMs(active, minReadySeconds, now));
		if (
			status.replicas === next.replicas &&
			(status.fullyLabeledReplicas ?? 0) === next.fullyLabeledReplicas &&
			(status.readyReplicas ?? 0) === next.readyReplicas &&
			(status.availableReplicas ?? 0) === next.availableReplicas &&
			status.observedGeneration === next.observedGeneration &&
			JSON.stringify(status.conditions ?? []) === JSON.stringify(next.conditions ?? [])
		)
			return;
		// replicas always shows; the other counts are omitted when zero, as the API serializes them.
		const written = {...next};
		for (const field of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const) if (written[field] === 0) delete written[field];
		await writeStatus(this.context.api, 'replicasets', set, written);
	}
}

/** How many creations slowStartBatch attempted before it stopped, given how many succeeded. */
function attemptedBatches(count: number, succeeded: number): number {
	let attempted = 0;
	for (let batch = 1; attempted < count; batch = Math.min(batch * 2, count - attempted)) {
		attempted += batch;
		if (attempted > succeeded) break;
	}
	return Math.min(attempted, count);
}

function nextAvailableInMs(pods: KubeObject[], minReadySeconds: number, now: number): number {
	let soonest = minReadySeconds * 1000;
	for (const pod of pods) {
		const since = podCondition(pod, 'Ready')?.lastTransitionTime;
		if (!since) continue;
		const at = Date.parse(since) + minReadySeconds * 1000 - now;
		if (at > 0 && at < soonest) soonest = at;
	}
	return soonest + 1000;
}

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
