/** PodDisruptionBudgets: one of minAvailable and maxUnavailable, as a count or a percentage, and a valid selector. */
import type {KubeObject} from '../object.js';
import {invalid, type Causes} from './causes.js';
import {intOrPercent} from './deployment.js';
import {validateLabelSelector} from './labels.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1123Subdomain} from './names.js';
import {record} from './read.js';

export function validatePodDisruptionBudget(causes: Causes, budget: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, budget, {namespaced: true, name: isDns1123Subdomain});
	const spec = record(budget.spec) ?? {};
	const hasMin = spec.minAvailable !== undefined && spec.minAvailable !== null;
	const hasMax = spec.maxUnavailable !== undefined && spec.maxUnavailable !== null;
	if (hasMin && hasMax) causes.push(invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
	for (const key of ['minAvailable', 'maxUnavailable']) {
		const amount = intOrPercent(causes, spec[key], `spec.${key}`);
		if (typeof spec[key] === 'string' && amount !== undefined && amount > 100) causes.push(invalid(`spec.${key}`, spec[key], 'must not be greater than 100%'));
	}
	validateLabelSelector(causes, spec.selector, 'spec.selector');
	if (old) validateObjectMetaUpdate(causes, budget, old);
}
