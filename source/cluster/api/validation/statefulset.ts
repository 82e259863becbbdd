/** StatefulSets: pod management and update strategy, and a spec of which only some fields may change. */
import type {KubeObject} from '../object.js';
import {forbidden, invalid, nonNegative, required, type Causes} from './causes.js';
import {semanticEqual} from './equal.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1123Subdomain} from './names.js';
import {record} from './read.js';
import {validateSelectorAndTemplate} from './workload.js';

/** The spec fields a StatefulSet update may change. */
const mutable = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export function validateStatefulSet(causes: Causes, statefulSet: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, statefulSet, {namespaced: true, name: isDns1123Subdomain});
	const spec = record(statefulSet.spec);
	if (!spec) {
		causes.push(required('spec'));
		return;
	}
	const policy = spec.podManagementPolicy;
	if (policy !== undefined && policy !== 'OrderedReady' && policy !== 'Parallel')
		causes.push(invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
	const strategy = record(spec.updateStrategy);
	if (strategy) {
		if (strategy.type !== undefined && strategy.type !== 'RollingUpdate' && strategy.type !== 'OnDelete')
			causes.push(invalid('spec.updateStrategy', strategy, "must be 'RollingUpdate' or 'OnDelete'"));
		const rolling = record(strategy.rollingUpdate);
		if (strategy.type === 'OnDelete' && rolling)
			causes.push(invalid('spec.updateStrategy.rollingUpdate', rolling, "only allowed for updateStrategy 'RollingUpdate'"));
		if (rolling) nonNegative(causes, rolling.partition, 'spec.updateStrategy.rollingUpdate.partition');
	}
	nonNegative(causes, spec.replicas, 'spec.replicas');
	nonNegative(causes, spec.minReadySeconds, 'spec.minReadySeconds');
	nonNegative(causes, spec.revisionHistoryLimit, 'spec.revisionHistoryLimit');
	validateSelectorAndTemplate(causes, spec, 'statefulset');
	if (old) {
		validateObjectMetaUpdate(causes, statefulSet, old);
		const previous = record(old.spec) ?? {};
		const fixed = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([key]) => !mutable.includes(key)));
		if (!semanticEqual(fixed(spec), fixed(previous)))
			causes.push(
				forbidden(
					'spec',
					"updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
				),
			);
	}
}
