/** Jobs: counts, a template that does not restart always, and a selector and template fixed once created. */
import type {KubeObject} from '../object.js';
import {immutable, nonNegative, notSupported, required, type Causes} from './causes.js';
import {semanticEqual} from './equal.js';
import {validateLabelSelector, validateSelectorMatchesTemplate} from './labels.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1123Subdomain} from './names.js';
import {validatePodTemplate} from './pod.js';
import {record} from './read.js';

export function validateJob(causes: Causes, job: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, job, {namespaced: true, name: isDns1123Subdomain});
	const spec = record(job.spec);
	if (!spec) {
		causes.push(required('spec'));
		return;
	}
	for (const key of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'])
		nonNegative(causes, spec[key], `spec.${key}`);
	const mode = spec.completionMode;
	if (mode !== undefined && mode !== null && mode !== 'NonIndexed' && mode !== 'Indexed')
		causes.push(notSupported('spec.completionMode', mode, ['NonIndexed', 'Indexed']));
	if (mode === 'Indexed' && (spec.completions === undefined || spec.completions === null))
		causes.push(required('spec.completions', 'when completion mode is Indexed'));
	const template = record(spec.template);
	const selector = spec.selector;
	if (selector === undefined || selector === null) causes.push(required('spec.selector'));
	else {
		validateLabelSelector(causes, selector, 'spec.selector');
		if (template) validateSelectorMatchesTemplate(causes, selector, record(template.metadata)?.labels, 'spec.template.metadata.labels');
	}
	validatePodTemplate(causes, spec.template, 'spec.template');
	const restartPolicy = record(template?.spec)?.restartPolicy;
	if (template && restartPolicy !== 'OnFailure' && restartPolicy !== 'Never')
		causes.push(notSupported('spec.template.spec.restartPolicy', restartPolicy ?? '', ['OnFailure', 'Never']));
	if (old) {
		validateObjectMetaUpdate(causes, job, old);
		const previous = record(old.spec) ?? {};
		if (!semanticEqual(spec.selector, previous.selector)) causes.push(immutable('spec.selector', spec.selector));
		if (!semanticEqual(spec.template, previous.template)) causes.push(immutable('spec.template', spec.template));
		if (!semanticEqual(spec.completions, previous.completions)) causes.push(immutable('spec.completions', spec.completions));
		if (!semanticEqual(spec.completionMode, previous.completionMode)) causes.push(immutable('spec.completionMode', spec.completionMode));
	}
}
