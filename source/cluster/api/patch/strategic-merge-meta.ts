/**
 * The patch-merge metadata of the kinds the cluster serves, as Kubernetes declares it in its Go types
 * (`patchStrategy` and `patchMergeKey` struct tags). Only fields that differ from the default are listed:
 * by default objects (structs and maps) merge key by key and lists are replaced whole.
 */
export type FieldPatchMeta = {
	/** The struct type of the field, or of each element of a list, to look further down. */
	type?: string;
	/** 'merge' on a list merges elements by mergeKey, or as a set for a list of strings; 'replace' replaces an object whole. */
	strategy?: 'merge' | 'replace';
	mergeKey?: string;
};

const mergedBy = (mergeKey: string, type?: string): FieldPatchMeta => ({strategy: 'merge', mergeKey, type});
const conditions = mergedBy('type');

export const patchTypes: Readonly<Record<string, Readonly<Record<string, FieldPatchMeta>>>> = {
	Object: {metadata: {type: 'ObjectMeta'}},
	ObjectMeta: {
		ownerReferences: mergedBy('uid'),
		finalizers: {strategy: 'merge'},
	},
	ConditionsStatus: {conditions},

	Pod: {metadata: {type: 'ObjectMeta'}, spec: {type: 'PodSpec'}, status: {type: 'PodStatus'}},
	PodTemplate: {metadata: {type: 'ObjectMeta'}, template: {type: 'PodTemplateSpec'}},
	PodTemplateSpec: {metadata: {type: 'ObjectMeta'}, spec: {type: 'PodSpec'}},
	PodSpec: {
		volumes: mergedBy('name'),
		initContainers: mergedBy('name', 'Container'),
		containers: mergedBy('name', 'Container'),
		ephemeralContainers: mergedBy('name', 'Container'),
		imagePullSecrets: mergedBy('name'),
		hostAliases: mergedBy('ip'),
		topologySpreadConstraints: mergedBy('topologyKey'),
		schedulingGates: mergedBy('name'),
		resourceClaims: mergedBy('name'),
		// tolerations have no merge key in Kubernetes: a patch replaces the whole list.
	},
	Container: {
		ports: mergedBy('containerPort'),
		env: mergedBy('name'),
		volumeMounts: mergedBy('mountPath'),
		volumeDevices: mergedBy('devicePath'),
	},
	PodStatus: {
		conditions,
		podIPs: mergedBy('ip'),
		hostIPs: mergedBy('ip'),
		resourceClaimStatuses: mergedBy('name'),
	},

	/** Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs: a pod template under spec.template. */
	Workload: {metadata: {type: 'ObjectMeta'}, spec: {type: 'WorkloadSpec'}, status: {type: 'ConditionsStatus'}},
	WorkloadSpec: {template: {type: 'PodTemplateSpec'}},
	CronJob: {metadata: {type: 'ObjectMeta'}, spec: {type: 'CronJobSpec'}},
	CronJobSpec: {jobTemplate: {type: 'JobTemplateSpec'}},
	JobTemplateSpec: {metadata: {type: 'ObjectMeta'}, spec: {type: 'WorkloadSpec'}},

	Service: {metadata: {type: 'ObjectMeta'}, spec: {type: 'ServiceSpec'}, status: {type: 'ConditionsStatus'}},
	ServiceSpec: {ports: mergedBy('port')},
	ServiceAccount: {metadata: {type: 'ObjectMeta'}, secrets: mergedBy('name')},
	Node: {metadata: {type: 'ObjectMeta'}, spec: {type: 'NodeSpec'}, status: {type: 'NodeStatus'}},
	// taints have no merge key in Kubernetes either: `kubectl taint` sends the whole new list.
	NodeSpec: {podCIDRs: {strategy: 'merge'}},
	NodeStatus: {conditions, addresses: mergedBy('type')},
	Namespace: {metadata: {type: 'ObjectMeta'}, status: {type: 'ConditionsStatus'}},
	PodDisruptionBudget: {metadata: {type: 'ObjectMeta'}, spec: {type: 'PodDisruptionBudgetSpec'}, status: {type: 'ConditionsStatus'}},
	PodDisruptionBudgetSpec: {selector: {strategy: 'replace'}},
};

/** The type at the root of each resource; resources not listed only know their metadata. */
export const resourcePatchTypes: Readonly<Record<string, string>> = {
	pods: 'Pod',
	podtemplates: 'PodTemplate',
	deployments: 'Workload',
	replicasets: 'Workload',
	statefulsets: 'Workload',
	daemonsets: 'Workload',
	replicationcontrollers: 'Workload',
	jobs: 'Workload',
	cronjobs: 'CronJob',
	services: 'Service',
	serviceaccounts: 'ServiceAccount',
	nodes: 'Node',
	namespaces: 'Namespace',
	poddisruptionbudgets: 'PodDisruptionBudget',
};

export function rootPatchType(resource: string): string {
	// 'deployments/status' and 'deployments.apps' patch like 'deployments'.
	const plural = resource.split('/')[0].split('.')[0];
	const type = resourcePatchTypes[plural];
	return type && patchTypes[type] ? type : 'Object';
}

export function fieldPatchMeta(type: string | undefined, field: string): FieldPatchMeta {
	return (type && patchTypes[type]?.[field]) || {};
}
