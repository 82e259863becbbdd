/** What Deployments, ReplicaSets and StatefulSets share: a selector that selects their own template of pods. */
import {forbidden, invalid, notSupported, required, type Causes} from './causes.js';
import {isEmptySelector, validateLabelSelector, validateSelectorMatchesTemplate} from './labels.js';
import {validatePodTemplate} from './pod.js';
import {record, type Loose} from './read.js';

/**
 * spec.selector (required, non-empty, valid) and spec.template (valid, selected by the selector, restarting always).
 * `kind` words the empty-selector message as Kubernetes does ('deployment', 'statefulset').
 */
export function validateSelectorAndTemplate(causes: Causes, spec: Loose, kind: string): void {
	const selector = spec.selector;
	if (selector === undefined || selector === null) causes.push(required('spec.selector'));
	else {
		validateLabelSelector(causes, selector, 'spec.selector');
		if (isEmptySelector(selector)) causes.push(invalid('spec.selector', selector, `empty selector is invalid for ${kind}`));
	}
	const template = record(spec.template);
	if (!template) {
		causes.push(required('spec.template'));
		return;
	}
	const labels = record(template.metadata)?.labels;
	if (selector !== undefined && selector !== null && !isEmptySelector(selector))
		validateSelectorMatchesTemplate(causes, selector, labels, 'spec.template.metadata.labels');
	validatePodTemplate(causes, template, 'spec.template');
	const podSpec = record(template.spec);
	if (!podSpec) return;
	if (podSpec.restartPolicy !== undefined && podSpec.restartPolicy !== 'Always')
		causes.push(notSupported('spec.template.spec.restartPolicy', podSpec.restartPolicy, ['Always']));
	if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null)
		causes.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported'));
}
