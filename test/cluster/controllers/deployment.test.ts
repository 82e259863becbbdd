import {afterEach, describe, expect, it} from 'vitest';
import {deploymentObject, isRunningAndReady, startTestCluster, type TestCluster} from '../../helpers/cluster-test-cluster.js';

const alphabet = '[bcdfghjklmnpqrstvwxz2456789]';
let cluster: TestCluster | undefined;

afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

describe('deployment controller', () => {
	it('creates a ReplicaSet <deployment>-<hash> whose pods are <rs>-<5 chars>, all Running', async () => {
		cluster = await startTestCluster({nodes: 3});
		const {api} = cluster;
		await api.create('deployments', 'default', deploymentObject('web', 'nginx:1.25', 3));
		await cluster.eventually(() => cluster!.pods('app=web').filter(isRunningAndReady).length === 3, '3 running pods');
		const sets = api.list('replicasets', 'default').items;
		expect(sets).toHaveLength(1);
		const rs = sets[0]!;
		expect(rs.metadata.name).toMatch(new RegExp(`^web-${alphabet}{6,10}$`));
		expect(rs.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
		for (const pod of cluster.pods('app=web')) expect(pod.metadata.name).toMatch(new RegExp(`^${rs.metadata.name}-${alphabet}{5}$`));
		const d = api.get('deployments', 'default', 'web');
		expect(d.status).toMatchObject({replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1});
		expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
	});
});
