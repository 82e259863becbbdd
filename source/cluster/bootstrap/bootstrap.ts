import type {ObjectAPI} from '../api/object-api.js';
import type {KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import {nodeNames, nodeObject} from './nodes.js';

export const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * What a fresh cluster holds before anyone uses it, as kubeadm leaves it: the system namespaces, their default
 * service accounts, the `kubernetes` service, and the nodes. Idempotent: a reopened cluster keeps what it has.
 */
export async function bootstrapCluster(api: ObjectAPI, options: {nodes: number; maxPodsPerNode?: number}): Promise<void> {
	for (const name of systemNamespaces) {
		await ensure(api, 'namespaces', undefined, {metadata: {name, labels: {'kubernetes.io/metadata.name': name}}});
		await ensure(api, 'serviceaccounts', name, {metadata: {name: 'default'}});
	}
	await ensure(api, 'services', 'default', {
		metadata: {name: 'kubernetes', labels: {component: 'apiserver', provider: 'kubernetes'}},
		spec: {type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{name: 'https', port: 443, protocol: 'TCP', targetPort: 6443}]},
	});
	if (api.list('nodes', undefined).items.length > 0) return;
	const names = nodeNames(options.nodes);
	for (const [index, name] of names.entries()) {
		const controlPlane = index === 0;
		await ensure(api, 'nodes', undefined, nodeObject(name, index, {controlPlane, tainted: controlPlane && names.length > 1, maxPods: options.maxPodsPerNode ?? 10_000}));
	}
}

async function ensure(api: ObjectAPI, resource: string, namespace: string | undefined, object: KubeObject): Promise<void> {
	if (api.tryGet(resource, namespace, object.metadata.name!)) return;
	try {
		await api.create(resource, namespace, object);
	} catch (error) {
		if (!(error instanceof ApiError && error.reason === 'AlreadyExists')) throw error;
	}
}
