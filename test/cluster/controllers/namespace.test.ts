import {afterEach, describe, expect, it} from 'vitest';
import {deploymentObject, startTestCluster, type TestCluster} from '../../helpers/cluster-test-cluster.js';

let cluster: TestCluster | undefined;

afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

describe('namespace controller', () => {
	it('empties a deleted namespace, then lets it go', async () => {
		cluster = await startTestCluster({nodes: 1});
		const {api} = cluster;
		await api.create('namespaces', undefined, {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}});
		await api.create('deployments', 'shop', {...deploymentObject('cart', 'nginx', 2), metadata: {name: 'cart', namespace: 'shop', labels: {app: 'cart'}}});
		await api.create('configmaps', 'shop', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings'}, data: {}});
		await cluster.eventually(() => api.list('pods', 'shop').items.length === 2, 'pods running in shop');
		expect(api.get('serviceaccounts', 'shop', 'default').metadata.name).toBe('default');
		const terminating = await api.delete('namespaces', undefined, 'shop');
		expect((terminating['status'] as {phase: string}).phase).toBe('Terminating');
		await cluster.eventually(() => !api.tryGet('namespaces', undefined, 'shop'), 'namespace gone', {withinMs: 10_000});
		expect(api.list('pods', 'shop').items).toHaveLength(0);
		expect(api.list('configmaps', 'shop').items).toHaveLength(0);
	});
});
