import type {KubeObject} from '../object.js';

/**
 * What each kind's strategy does before a write, as kube-apiserver's rest strategies do: clients cannot set status
 * on create, and a main-resource update cannot change status.
 */
const statusOnCreate: Record<string, (object: KubeObject) => unknown> = {
	pods: object => ({phase: 'Pending', qosClass: qosClass(object)}),
	deployments: () => ({}),
	replicasets: () => ({replicas: 0}),
	statefulsets: () => ({replicas: 0, availableReplicas: 0}),
	jobs: () => ({}),
	services: () => ({loadBalancer: {}}),
	namespaces: () => ({phase: 'Active'}),
	ingresses: () => ({loadBalancer: {}}),
	poddisruptionbudgets: () => ({disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0}),
};

export function prepareForCreate(resource: string, object: KubeObject): void {
	const status = statusOnCreate[resource];
	if (status) object.status = status(object);
}

/** Kinds whose status a main-resource update keeps from the stored object. */
const hasStatusSubresource = new Set([
	'pods',
	'nodes',
	'namespaces',
	'services',
	'deployments',
	'replicasets',
	'statefulsets',
	'jobs',
	'ingresses',
	'poddisruptionbudgets',
]);

export function keepsStatusOnUpdate(resource: string): boolean {
	return hasStatusSubresource.has(resource);
}

type Resources = {requests?: Record<string, string>; limits?: Record<string, string>};
type Container = {resources?: Resources};

/** Pod QoS class from its containers' requests and limits. */
export function qosClass(pod: KubeObject): 'BestEffort' | 'Burstable' | 'Guaranteed' {
	const spec = pod['spec'] as {containers?: Container[]; initContainers?: Container[]} | undefined;
	const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
	let any = false;
	let guaranteed = containers.length > 0;
	for (const container of containers) {
		const requests = container.resources?.requests ?? {};
		const limits = container.resources?.limits ?? {};
		if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) any = true;
		for (const name of ['cpu', 'memory']) {
			const limit = limits[name];
			const request = requests[name] ?? limit;
			if (limit === undefined || request !== limit) guaranteed = false;
		}
	}
	if (!any) return 'BestEffort';
	return guaranteed ? 'Guaranteed' : 'Burstable';
}
