/**
 * validate(resource, object, old?): the field causes kube-apiserver would give for a create (or, with `old`, an
 * update) of one object, after defaulting. An empty list means the object may be stored.
 */
import type {KubeObject} from '../object.js';
import {findResource} from '../resources.js';
import type {StatusCause} from '../status.js';
import {positive, type Causes} from './causes.js';
import {validateConfigMap} from './configmap.js';
import {validateDeployment} from './deployment.js';
import {validateEndpointSlice, validateEndpoints} from './endpoints.js';
import {validateEvent} from './event.js';
import {validateIngress} from './ingress.js';
import {validateJob} from './job.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1123Subdomain} from './names.js';
import {validateNamespace} from './namespace.js';
import {validateNode} from './node.js';
import {validatePod} from './pod.js';
import {validatePodDisruptionBudget} from './poddisruptionbudget.js';
import {record} from './read.js';
import {validateReplicaSet} from './replicaset.js';
import {validateSecret} from './secret.js';
import {validateService} from './service.js';
import {validateStatefulSet} from './statefulset.js';

type Validator = (causes: Causes, object: KubeObject, old?: KubeObject) => void;

/** Metadata alone: for kinds whose content Kubernetes leaves free (ServiceAccount) or that only the cluster writes. */
function metadataOnly(resource: string): Validator {
	const namespaced = findResource(resource)?.namespaced ?? true;
	return (causes, object, old) => {
		validateObjectMeta(causes, object, {namespaced, name: isDns1123Subdomain});
		if (old) validateObjectMetaUpdate(causes, object, old);
	};
}

const validators: Record<string, Validator> = {
	pods: validatePod,
	deployments: validateDeployment,
	replicasets: validateReplicaSet,
	statefulsets: validateStatefulSet,
	jobs: validateJob,
	services: validateService,
	namespaces: validateNamespace,
	configmaps: validateConfigMap,
	secrets: validateSecret,
	nodes: validateNode,
	events: validateEvent,
	ingresses: validateIngress,
	poddisruptionbudgets: validatePodDisruptionBudget,
	endpoints: validateEndpoints,
	endpointslices: validateEndpointSlice,
	leases: validateLease,
};

const validateLeaseMetadata = metadataOnly('leases');

function validateLease(causes: Causes, lease: KubeObject, old?: KubeObject): void {
	validateLeaseMetadata(causes, lease, old);
	positive(causes, record(lease.spec)?.leaseDurationSeconds, 'spec.leaseDurationSeconds');
}

export function validate(resource: string, object: KubeObject, old?: KubeObject): StatusCause[] {
	const causes: Causes = [];
	const validator = validators[resource] ?? (validators[resource] = metadataOnly(resource));
	validator(causes, object, old);
	return causes;
}
