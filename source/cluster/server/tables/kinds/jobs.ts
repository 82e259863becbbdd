import type {Job, JobCondition} from 'kubernetes-types/batch/v1.js';
import {ageSince, humanDuration} from '../../age.js';
import {ageColumn, containersColumn, imagesColumn, nameColumn, printer} from '../printer.js';
import {containerCells, formatLabelSelector} from '../format.js';

export const jobs = printer<Job>(
	[
		nameColumn,
		{name: 'Status', type: 'string', description: 'Status of the job.'},
		{name: 'Completions', type: 'string', description: 'The number of pods which reached phase Succeeded.'},
		{name: 'Duration', type: 'string', description: 'Time required to complete the job.'},
		ageColumn,
		containersColumn,
		imagesColumn,
		{name: 'Selector', type: 'string', priority: 1, description: 'A label query over pods that should match the pod count.'},
	],
	(job, now) => {
		const [containers, images] = containerCells(job.spec?.template?.spec?.containers);
		return [
			job.metadata?.name ?? '',
			jobStatus(job),
			completions(job),
			jobDuration(job, now),
			ageSince(job.metadata?.creationTimestamp, now),
			containers,
			images,
			formatLabelSelector(job.spec?.selector),
		];
	},
);

/** '1/3', or for a job without completions '0/1', '0/1 of 3' when it runs pods in parallel. */
function completions(job: Job): string {
	const succeeded = job.status?.succeeded ?? 0;
	if (job.spec?.completions !== undefined && job.spec.completions !== null) return `${succeeded}/${job.spec.completions}`;
	const parallelism = job.spec?.parallelism ?? 0;
	return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: Job, now: number): string {
	const start = job.status?.startTime ? Date.parse(job.status.startTime) : Number.NaN;
	if (Number.isNaN(start)) return '';
	const completion = job.status?.completionTime ? Date.parse(job.status.completionTime) : Number.NaN;
	return humanDuration((Number.isNaN(completion) ? now : completion) - start);
}

function jobStatus(job: Job): string {
	const conditions = job.status?.conditions ?? [];
	if (hasCondition(conditions, 'Complete')) return 'Complete';
	if (hasCondition(conditions, 'Failed')) return 'Failed';
	if (job.metadata?.deletionTimestamp) return 'Terminating';
	if (hasCondition(conditions, 'Suspended')) return 'Suspended';
	if (hasCondition(conditions, 'FailureTarget')) return 'FailureTarget';
	return 'Running';
}

/** The first condition of the type decides, as in Kubernetes. */
function hasCondition(conditions: readonly JobCondition[], type: string): boolean {
	return conditions.find(condition => condition.type === type)?.status === 'True';
}
