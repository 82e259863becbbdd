import {cloneObject, type KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import {timestamp} from '../clock.js';
import type {ControllerContext} from './controller-context.js';
import type {EventRecorder} from './events.js';
import {Expectations} from './expectations.js';
import {controllerUid, keyOf, type Informer} from './informer.js';
import {controllerOf, controllerReference} from './owners.js';
import {podsToDelete} from './pod-ranking.js';
import {podFromTemplate, slowStartBatch, type PodTemplate} from './pod-template.js';
import {isPodReady, podPhase} from './pods.js';
import {QueueController} from './queue-controller.js';
import {messageOf} from './replicaset.js';
import {writeStatus} from './write-status.js';

export type JobSpec = {
	parallelism?: number;
	completions?: number;
	backoffLimit?: number;
	activeDeadlineSeconds?: number;
	suspend?: boolean;
	ttlSecondsAfterFinished?: number;
	template?: PodTemplate;
};

export type JobCondition = {type: string; status: string; reason?: string; message?: string; lastProbeTime?: string; lastTransitionTime?: string};

export type JobStatus = {
	active?: number;
	succeeded?: number;
	failed?: number;
	ready?: number;
	terminating?: number;
	startTime?: string;
	completionTime?: string;
	conditions?: JobCondition[];
	uncountedTerminatedPods?: Record<string, unknown>;
};

function jobSpec(job: KubeObject): JobSpec {
	return (job['spec'] as JobSpec | undefined) ?? {};
}

function jobStatus(job: KubeObject): JobStatus {
	return (job['status'] as JobStatus | undefined) ?? {};
}

export function jobFinished(job: KubeObject): 'Complete' | 'Failed' | undefined {
	for (const condition of jobStatus(job).conditions ?? [])
		if ((condition.type === 'Complete' || condition.type === 'Failed') && condition.status === 'True') return condition.type;
	return undefined;
}

/** Labels every pod of a job carries (batch/v1's job-name and controller-uid, old and new spellings). */
export function jobPodLabels(job: KubeObject): Record<string, string> {
	return {
		'batch.kubernetes.io/controller-uid': job.metadata.uid!,
		'batch.kubernetes.io/job-name': job.metadata.name!,
		'controller-uid': job.metadata.uid!,
		'job-name': job.metadata.name!,
	};
}

/**
 * kube-controller-manager's Job controller: runs pods named `<job>-<5 chars>` until `completions` succeed (or one,
 * with none set), at most `parallelism` at once; counts failed pods against backoffLimit with growing delays;
 * ends in a Complete or Failed condition, and deletes finished jobs after ttlSecondsAfterFinished.
 */
export class JobController extends QueueController {
	private readonly expectations: Expectations;
	private readonly recorder: EventRecorder;
	private jobs!: Informer;
	private pods!: Informer;

	constructor(context: ControllerContext) {
		super(context, 'job', 5);
		this.expectations = new Expectations(context.clock);
		this.recorder = context.recorder.withSource({component: 'job-controller'});
	}

	start(): void {
		this.jobs = this.informers.for('jobs');
		this.pods = this.informers.for('pods');
		this.jobs.addIndex('uid', job => [job.metadata.uid ?? '']);
		this.pods.addIndex('controller', controllerUid);
		this.subscribe(
			this.jobs.on({...this.queueOnChange(), deleted: job => this.expectations.forget(keyOf(job))}),
			this.pods.on({
				added: pod => this.podEvent(pod, 'added'),
				updated: (previous, pod) => this.podEvent(pod, !previous.metadata.deletionTimestamp && pod.metadata.deletionTimestamp ? 'deleted' : 'updated'),
				deleted: pod => this.podEvent(pod, 'deleted'),
			}),
		);
		this.jobs.start();
		this.pods.start();
	}

	private podEvent(pod: KubeObject, what: 'added' | 'updated' | 'deleted'): void {
		const owner = controllerOf(pod);
		if (owner?.kind !== 'Job') return;
		const job = this.jobs.byIndex('uid', owner.uid)[0];
		if (!job) return;
		const key = keyOf(job);
		if (what === 'added' && !pod.metadata.deletionTimestamp) this.expectations.creationObserved(key);
		if (what === 'deleted') this.expectations.deletionObserved(key, pod.metadata.uid!);
		this.queue.add(key);
	}

	protected async sync(key: string): Promise<void> {
		const job = this.jobs.getByKey(key);
		if (!job) return;
		const spec = jobSpec(job);
		const status = jobStatus(job);
		const now = this.context.clock.now();
		const pods = this.pods.byIndex('controller', job.metadata.uid!);
		const active = pods.filter(pod => !pod.metadata.deletionTimestamp && podPhase(pod) !== 'Succeeded' && podPhase(pod) !== 'Failed');
		const succeeded = Math.max(status.succeeded ?? 0, pods.filter(pod => podPhase(pod) === 'Succeeded').length);
		const failed = Math.max(status.failed ?? 0, pods.filter(pod => podPhase(pod) === 'Failed').length);
		const terminating = pods.filter(pod => pod.metadata.deletionTimestamp && podPhase(pod) !== 'Succeeded' && podPhase(pod) !== 'Failed').length;
		const finished = jobFinished(job);
		const next: JobStatus = cloneObject(status);
		next.uncountedTerminatedPods ??= {};

		if (finished) {
			// Nothing runs after the end; a finished job with a TTL goes away after it.
			await this.deletePods(job, active);
			await this.expireFinished(job, now);
			return;
		}

		if (!next.startTime && !spec.suspend) next.startTime = timestamp(now);
		const backoffLimit = spec.backoffLimit ?? 6;
		const completions = spec.completions;
		const parallelism = spec.parallelism ?? 1;
		let ending: JobCondition | undefined;
		if (failed > backoffLimit)
			ending = condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
		else if (spec.activeDeadlineSeconds !== undefined && next.startTime && Date.parse(next.startTime) + spec.activeDeadlineSeconds * 1000 <= now)
			ending = condition('Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
		else if (completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0)
			ending = condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', now);

		if (ending) {
			await this.deletePods(job, active);
			// As Kubernetes 1.31+ reports it: the target condition first (SuccessCriteriaMet, FailureTarget), then the end.
			const target = {...ending, type: ending.type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget'};
			next.conditions = [...(next.conditions ?? []).filter(c => c.type !== 'Suspended' && c.type !== target.type), target, ending];
			if (ending.type === 'Complete') next.completionTime = timestamp(now);
			next.active = 0;
			this.recorder.event(job, ending.type === 'Failed' ? 'Warning' : 'Normal', ending.type === 'Failed' ? ending.reason! : 'Completed', ending.type === 'Failed' ? ending.message! : 'Job completed');
		} else if (this.expectations.satisfied(key)) {
			let want = 0;
			if (!spec.suspend) {
				if (completions === undefined) want = succeeded > 0 ? active.length : parallelism;
				else want = Math.min(completions - succeeded, parallelism);
			}
			want = Math.max(0, want);
			if (active.length > want) await this.deletePods(job, podsToDelete(active, active.length - want));
			else if (active.length < want) {
				const wait = this.backoffRemaining(pods, failed, now);
				if (wait > 0) this.queue.addAfter(key, wait);
				else await this.createPods(key, job, want - active.length);
			}
			if (spec.activeDeadlineSeconds !== undefined && next.startTime)
				this.queue.addAfter(key, Math.max(0, Date.parse(next.startTime) + spec.activeDeadlineSeconds * 1000 - now) + 1);
		}
		if (!ending) next.active = active.length;
		next.succeeded = succeeded;
		next.failed = failed;
		next.ready = active.filter(isPodReady).length;
		next.terminating = terminating;
		// Counts are omitted when zero, as the API's omitempty does; ready and terminating always show.
		for (const field of ['active', 'succeeded', 'failed'] as const) if (next[field] === 0) delete next[field];
		if (JSON.stringify(next) !== JSON.stringify(status)) await writeStatus(this.context.api, 'jobs', job, next);
	}

	/** After failures, wait backOffInitialSeconds doubled per failure (capped) from the last one before the next pod. */
	private backoffRemaining(pods: KubeObject[], failed: number, now: number): number {
		if (failed === 0) return 0;
		const {backOffInitialSeconds, backOffMaxSeconds} = this.context.timings;
		const delay = Math.min(backOffMaxSeconds, backOffInitialSeconds * 2 ** (failed - 1)) * 1000;
		let last = 0;
		for (const pod of pods) {
			if (podPhase(pod) !== 'Failed') continue;
			last = Math.max(last, finishedAt(pod));
		}
		return last === 0 ? 0 : Math.max(0, last + delay - now);
	}

	private async createPods(key: string, job: KubeObject, count: number): Promise<void> {
		const spec = jobSpec(job);
		const owner = controllerReference(job, 'batch/v1', 'Job');
		const labels = jobPodLabels(job);
		this.expectations.expectCreations(key, count);
		const result = await slowStartBatch(count, 1, async () => {
			try {
				const pod = await this.context.api.create('pods', job.metadata.namespace, podFromTemplate(spec.template ?? {}, owner, {generateName: `${job.metadata.name}-`}, {labels}));
				this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
			} catch (error) {
				this.expectations.lowerCreations(key);
				this.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${messageOf(error)}`);
				throw error;
			}
		});
		if (result.error !== undefined) {
			this.expectations.forget(key);
			throw result.error;
		}
	}

	private async deletePods(job: KubeObject, pods: KubeObject[]): Promise<void> {
		const key = keyOf(job);
		if (pods.length === 0) return;
		this.expectations.expectDeletions(
			key,
			pods.map(pod => pod.metadata.uid!),
		);
		await Promise.all(
			pods.map(async pod => {
				try {
					await this.context.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, {preconditions: {uid: pod.metadata.uid}});
					this.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
				} catch (error) {
					this.expectations.deletionObserved(key, pod.metadata.uid!);
					if (!(error instanceof ApiError && (error.code === 404 || error.code === 409))) throw error;
				}
			}),
		);
	}

	private async expireFinished(job: KubeObject, now: number): Promise<void> {
		const ttl = jobSpec(job).ttlSecondsAfterFinished;
		if (ttl === undefined || job.metadata.deletionTimestamp) return;
		const finishedCondition = (jobStatus(job).conditions ?? []).find(c => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
		const at = Date.parse(jobStatus(job).completionTime ?? finishedCondition?.lastTransitionTime ?? timestamp(now)) + ttl * 1000;
		if (at > now) {
			this.queue.addAfter(keyOf(job), at - now);
			return;
		}
		try {
			await this.context.api.delete('jobs', job.metadata.namespace, job.metadata.name!, {propagationPolicy: 'Background', preconditions: {uid: job.metadata.uid}});
		} catch (error) {
			if (!(error instanceof ApiError && error.code === 404)) throw error;
		}
	}
}

function condition(type: string, reason: string, message: string, now: number): JobCondition {
	const at = timestamp(now);
	return {type, status: 'True', reason, message, lastProbeTime: at, lastTransitionTime: at};
}

/** When a finished pod stopped: its containers' finishedAt, else its last condition change. */
function finishedAt(pod: KubeObject): number {
	const status = pod['status'] as {containerStatuses?: Array<{state?: {terminated?: {finishedAt?: string}}}>; conditions?: Array<{lastTransitionTime?: string}>} | undefined;
	let latest = 0;
	for (const container of status?.containerStatuses ?? []) {
		const at = container.state?.terminated?.finishedAt;
		if (at) latest = Math.max(latest, Date.parse(at));
	}
	if (latest === 0) for (const c of status?.conditions ?? []) if (c.lastTransitionTime) latest = Math.max(latest, Date.parse(c.lastTransitionTime));
	return latest;
}
