import {afterEach, describe, expect, it} from 'vitest';
import {deploymentObject, startTestCluster, type TestCluster} from '../../helpers/cluster-test-cluster.js';

let cluster: TestCluster | undefined;

afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

async function readyDeployment(current: TestCluster, replicas: number): Promise<void> {
	await current.api.create('deployments', 'default', deploymentObject('web', 'nginx:1.25', replicas));
	await current.eventually(() => current.pods('app=web').length === replicas && current.api.list('replicasets', 'default').items.length === 1, 'deployment up');
}

describe('garbage collector', () => {
	it('foreground deletion removes the dependents before the owner', async () => {
		cluster = await startTestCluster({nodes: 2});
		const {api} = cluster;
		await readyDeployment(cluster, 3);
		const deleting = await api.delete('deployments', 'default', 'web', {propagationPolicy: 'Foreground'});
		expect(deleting.metadata.finalizers).toContain('foregroundDeletion');
		expect(deleting.metadata.deletionTimestamp).toBeDefined();
		// While the owner is held by its finalizer, its dependents are already going.
		let sawOwnerWhileDependentsLeft = false;
		const watch = api.watch('deployments', 'default', {resourceVersion: api.list('deployments', 'default').resourceVersion}, events => {
			for (const event of events) if (event.type === 'DELETED' && api.list('pods', 'default').items.length > 0) sawOwnerWhileDependentsLeft = true;
		});
		await cluster.eventually(() => !api.tryGet('deployments', 'default', 'web'), 'deployment gone');
		watch.stop();
		expect(sawOwnerWhileDependentsLeft).toBe(false);
		expect(api.list('replicasets', 'default').items).toHaveLength(0);
		expect(cluster.pods('app=web')).toHaveLength(0);
	});

	it('orphan deletion keeps the dependents and strips their owner references', async () => {
		cluster = await startTestCluster({nodes: 2});
		const {api} = cluster;
		await readyDeployment(cluster, 2);
		const rs = api.list('replicasets', 'default').items[0]!;
		await api.delete('deployments', 'default', 'web', {propagationPolicy: 'Orphan'});
		await cluster.eventually(() => !api.tryGet('deployments', 'default', 'web'), 'deployment gone');
		const kept = api.get('replicasets', 'default', rs.metadata.name!);
		expect(kept.metadata.ownerReferences ?? []).toHaveLength(0);
		expect(cluster.pods('app=web')).toHaveLength(2);
	});

	it('collects dependents whose owner no longer exists', async () => {
		cluster = await startTestCluster({nodes: 1});
		const {api} = cluster;
		await api.create('configmaps', 'default', {
			apiVersion: 'v1',
			kind: 'ConfigMap',
			metadata: {name: 'stray', ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'ghost', uid: '0b7f6d1e-0000-4000-8000-000000000000'}]},
			data: {a: 'b'},
		});
		await cluster.eventually(() => !api.tryGet('configmaps', 'default', 'stray'), 'stray configmap collected');
	});
});
