/**
 * Job defaults: one completion at a time, six retries, and, unless the selector is manual, the selector Kubernetes
 * generates from the job's uid (so the registry must set metadata.uid and the name before defaulting).
 */
import {child, fill, isRecord, type Loose} from './fill.js';
import {defaultPodTemplate} from './pod.js';

const maxInt32 = 2147483647;

export function defaultJob(job: Loose): void {
	const spec = child(job, 'spec');
	const unset = (key: string) => spec[key] === undefined || spec[key] === null;
	if (unset('completions') && unset('parallelism')) {
		spec.completions = 1;
		spec.parallelism = 1;
	}
	if (unset('parallelism')) spec.parallelism = 1;
	if (unset('backoffLimit')) spec.backoffLimit = unset('backoffLimitPerIndex') ? 6 : maxInt32;
	fill(spec, 'completionMode', 'NonIndexed');
	if (unset('suspend')) spec.suspend = false;
	fill(spec, 'podReplacementPolicy', unset('podFailurePolicy') ? 'TerminatingOrFailed' : 'Failed');
	const template = child(spec, 'template');
	const metadata = child(job, 'metadata');
	if (spec.manualSelector !== true && typeof metadata.uid === 'string' && metadata.uid) generateSelector(spec, template, metadata);
	// A Job without labels shows its template's (Kubernetes defaults them again when reading it back).
	const templateLabels = isRecord(template.metadata) ? template.metadata.labels : undefined;
	if (isRecord(templateLabels) && (!isRecord(metadata.labels) || Object.keys(metadata.labels).length === 0))
		metadata.labels = {...templateLabels};
	// Templates get restartPolicy Always like any pod spec; validation then asks a Job for OnFailure or Never.
	defaultPodTemplate(template);
}

/** What the job strategy adds: job-name and controller-uid labels on the template, selected by the uid. */
function generateSelector(spec: Loose, template: Loose, metadata: Loose): void {
	const labels = child(child(template, 'metadata'), 'labels');
	const name = typeof metadata.name === 'string' ? metadata.name : '';
	const uid = metadata.uid as string;
	for (const key of ['batch.kubernetes.io/job-name', 'job-name']) if (labels[key] === undefined && name) labels[key] = name;
	for (const key of ['batch.kubernetes.io/controller-uid', 'controller-uid']) if (labels[key] === undefined) labels[key] = uid;
	const matchLabels = child(child(spec, 'selector'), 'matchLabels');
	if (matchLabels['batch.kubernetes.io/controller-uid'] === undefined) matchLabels['batch.kubernetes.io/controller-uid'] = uid;
}
