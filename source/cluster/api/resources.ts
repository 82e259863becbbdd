/** What the API serves: one entry per resource, the single source for discovery, storage keys and routing. */
export type ResourceInfo = {
	/** Plural, lower case: the name in URLs and the id used across the cluster ('pods', 'deployments'). */
	plural: string;
	singular: string;
	kind: string;
	/** '' for the core group. */
	group: string;
	version: string;
	namespaced: boolean;
	shortNames: string[];
	categories: string[];
	verbs: string[];
	subresources: Array<{name: string; kind: string; group?: string; version?: string; verbs: string[]}>;
};

const crud = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const status = {name: 'status', kind: '', verbs: ['get', 'patch', 'update']};
const scale = {name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update']};

function r(
	plural: string,
	kind: string,
	group: string,
	version: string,
	namespaced: boolean,
	shortNames: string[] = [],
	subresources: ResourceInfo['subresources'] = [],
	categories: string[] = [],
	verbs: string[] = crud,
): ResourceInfo {
	return {
		plural,
		singular: kind.toLowerCase(),
		kind,
		group,
		version,
		namespaced,
		shortNames,
		categories,
		verbs,
		subresources: subresources.map(s => ({...s, kind: s.kind || kind})),
	};
}

export const resources: readonly ResourceInfo[] = [
	r('namespaces', 'Namespace', '', 'v1', false, ['ns'], [status], [], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
	r('nodes', 'Node', '', 'v1', false, ['no'], [status]),
	r('pods', 'Pod', '', 'v1', true, ['po'], [
		status,
		{name: 'log', kind: 'Pod', verbs: ['get']},
		{name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get']},
		{name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create']},
		{name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update']},
		{name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get']},
		{name: 'binding', kind: 'Binding', verbs: ['create']},
	], ['all']),
	r('services', 'Service', '', 'v1', true, ['svc'], [status, {name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update']}], ['all']),
	r('endpoints', 'Endpoints', '', 'v1', true, ['ep']),
	r('configmaps', 'ConfigMap', '', 'v1', true, ['cm']),
	r('secrets', 'Secret', '', 'v1', true),
	r('serviceaccounts', 'ServiceAccount', '', 'v1', true, ['sa']),
	r('events', 'Event', '', 'v1', true, ['ev']),
	r('deployments', 'Deployment', 'apps', 'v1', true, ['deploy'], [status, scale], ['all']),
	r('replicasets', 'ReplicaSet', 'apps', 'v1', true, ['rs'], [status, scale], ['all']),
	r('statefulsets', 'StatefulSet', 'apps', 'v1', true, ['sts'], [status, scale], ['all']),
	r('jobs', 'Job', 'batch', 'v1', true, [], [status], ['all']),
	r('ingresses', 'Ingress', 'networking.k8s.io', 'v1', true, ['ing'], [status]),
	r('endpointslices', 'EndpointSlice', 'discovery.k8s.io', 'v1', true),
	r('leases', 'Lease', 'coordination.k8s.io', 'v1', true),
	r('poddisruptionbudgets', 'PodDisruptionBudget', 'policy', 'v1', true, ['pdb'], [status]),
];

const byPlural = new Map(resources.map(resource => [resource.plural, resource]));
const byKind = new Map(resources.map(resource => [resource.kind, resource]));

/** The resource by its plural ('pods'); throws for a name the cluster does not serve. */
export function resourceInfo(plural: string): ResourceInfo {
	const info = byPlural.get(plural);
	if (!info) throw new Error(`unknown resource ${plural}`);
	return info;
}

export function findResource(plural: string): ResourceInfo | undefined {
	return byPlural.get(plural);
}

export function resourceForKind(kind: string): ResourceInfo | undefined {
	return byKind.get(kind);
}

/** 'v1' for core, 'apps/v1' otherwise. */
export function apiVersionOf(info: ResourceInfo): string {
	return info.group ? `${info.group}/${info.version}` : info.version;
}

/** Where the store keeps one object, or, without a name, the prefix of a namespace or the whole resource. */
export function storeKey(info: ResourceInfo, namespace?: string, name?: string): string {
	const base = `/registry/${info.group ? `${info.plural}.${info.group}` : info.plural}/`;
	if (!info.namespaced) return name === undefined ? base : base + name;
	if (namespace === undefined) return base;
	return name === undefined ? `${base}${namespace}/` : `${base}${namespace}/${name}`;
}
