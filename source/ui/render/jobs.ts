import type {Job} from 'kubernetes-types/batch/v1.js';
import {humanDuration} from './age.js';
import {ageColumn, makeRow, nameColumn, namespaceColumn, withNamespace} from './common.js';
import type {Column, Renderer, RowState} from './types.js';

function jobStatus(job: Job): string {
	const conditions = job.status?.conditions ?? [];
	const has = (type: string) => conditions.some(condition => condition.type === type && condition.status === 'True');
	if (has('Failed')) return 'Failed';
	if (has('Complete')) return 'Complete';
	if (has('Suspended')) return 'Suspended';
	if (job.metadata?.deletionTimestamp) return 'Terminating';
	return 'Running';
}

const columns: Column[] = [
	nameColumn,
	{id: 'status', title: 'STATUS', priority: 1},
	{id: 'completions', title: 'COMPLETIONS', priority: 1},
	{id: 'duration', title: 'DURATION', priority: 3, live: {width: 8, value(object, context) {
		const job = object as unknown as Job;
		const start = Date.parse(job.status?.startTime ?? '');
		if (Number.isNaN(start)) return '';
		const end = Date.parse(job.status?.completionTime ?? '');
		return humanDuration((Number.isNaN(end) ? context.now : end) - start);
	}}},
	ageColumn,
];

const states: Record<string, RowState> = {Failed: 'failing', Complete: 'completed', Suspended: 'pending', Terminating: 'terminating', Running: 'running'};

export const jobsRenderer: Renderer = {
	columns: ({allNamespaces}) => withNamespace(allNamespaces, namespaceColumn, columns),
	row(object, {allNamespaces}) {
		const job = object as unknown as Job;
		const status = jobStatus(job);
		const completions = `${job.status?.succeeded ?? 0}/${job.spec?.completions ?? 1}`;
		const cells = [job.metadata?.name ?? '', status, completions, '', ''];
		return makeRow(object, withNamespace(allNamespaces, job.metadata?.namespace ?? '', cells), states[status]);
	},
};
