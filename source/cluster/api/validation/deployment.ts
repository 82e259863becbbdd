/** Deployments: replicas, selector and template, strategy, and a selector that never changes. */
import type {KubeObject} from '../object.js';
import {forbidden, immutable, invalid, nonNegative, notSupported, positive, required, type Causes} from './causes.js';
import {semanticEqual} from './equal.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1123Subdomain, isPercent, percentError} from './names.js';
import {isInteger, record, type Loose} from './read.js';
import {validateSelectorAndTemplate} from './workload.js';

export function validateDeployment(causes: Causes, deployment: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, deployment, {namespaced: true, name: isDns1123Subdomain});
	const spec = record(deployment.spec);
	if (!spec) {
		causes.push(required('spec'));
		return;
	}
	nonNegative(causes, spec.replicas, 'spec.replicas');
	validateSelectorAndTemplate(causes, spec, 'deployment');
	validateStrategy(causes, record(spec.strategy) ?? {});
	nonNegative(causes, spec.minReadySeconds, 'spec.minReadySeconds');
	nonNegative(causes, spec.revisionHistoryLimit, 'spec.revisionHistoryLimit');
	const deadline = spec.progressDeadlineSeconds;
	positive(causes, deadline, 'spec.progressDeadlineSeconds');
	if (isInteger(deadline) && deadline > 0 && deadline <= (isInteger(spec.minReadySeconds) ? spec.minReadySeconds : 0))
		causes.push(invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
	if (old) {
		validateObjectMetaUpdate(causes, deployment, old);
		const previous = record(old.spec)?.selector;
		if (!semanticEqual(spec.selector, previous)) causes.push(immutable('spec.selector', spec.selector));
	}
}

function validateStrategy(causes: Causes, strategy: Loose): void {
	const type = strategy.type;
	if (type === 'Recreate') {
		if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null)
			causes.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
		return;
	}
	if (type !== 'RollingUpdate' && type !== undefined) {
		causes.push(notSupported('spec.strategy.type', type, ['Recreate', 'RollingUpdate']));
		return;
	}
	const rolling = record(strategy.rollingUpdate);
	if (!rolling) return;
	const unavailable = intOrPercent(causes, rolling.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable');
	const surge = intOrPercent(causes, rolling.maxSurge, 'spec.strategy.rollingUpdate.maxSurge');
	if (unavailable === 0 && surge === 0)
		causes.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', rolling.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
	if (typeof rolling.maxUnavailable === 'string' && unavailable !== undefined && unavailable > 100)
		causes.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', rolling.maxUnavailable, 'must not be greater than 100%'));
}

/** An IntOrString count or percentage; returns its number (the percentage for '25%') when valid. */
export function intOrPercent(causes: Causes, value: unknown, field: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') {
		if (!isPercent(value)) {
			causes.push(invalid(field, value, percentError));
			return undefined;
		}
		return Number(value.slice(0, -1));
	}
	if (!isInteger(value)) {
		causes.push(invalid(field, value, 'must be an integer or a percentage'));
		return undefined;
	}
	if (value < 0) {
		causes.push(invalid(field, value, 'must be greater than or equal to 0'));
		return undefined;
	}
	return value;
}
