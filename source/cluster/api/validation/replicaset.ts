/** ReplicaSets: like a Deployment without strategy, and with Kubernetes' own wording for an empty selector. */
import type {KubeObject} from '../object.js';
import {immutable, nonNegative, required, type Causes} from './causes.js';
import {semanticEqual} from './equal.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1123Subdomain} from './names.js';
import {record} from './read.js';
import {validateSelectorAndTemplate} from './workload.js';

export function validateReplicaSet(causes: Causes, replicaSet: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, replicaSet, {namespaced: true, name: isDns1123Subdomain});
	const spec = record(replicaSet.spec);
	if (!spec) {
		causes.push(required('spec'));
		return;
	}
	nonNegative(causes, spec.replicas, 'spec.replicas');
	nonNegative(causes, spec.minReadySeconds, 'spec.minReadySeconds');
	// Kubernetes says 'deployment' here too.
	validateSelectorAndTemplate(causes, spec, 'deployment');
	if (old) {
		validateObjectMetaUpdate(causes, replicaSet, old);
		if (!semanticEqual(spec.selector, record(old.spec)?.selector)) causes.push(immutable('spec.selector', spec.selector));
	}
}
