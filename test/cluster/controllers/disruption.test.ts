import {afterEach, describe, expect, it} from 'vitest';
import {deploymentObject, startTestCluster, type TestCluster} from '../../helpers/cluster-test-cluster.js';

let cluster: TestCluster | undefined;

afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

describe('disruption controller', () => {
	it('tells how many pods a budget lets go', async () => {
		cluster = await startTestCluster({nodes: 2});
		const {api} = cluster;
		await api.create('deployments', 'default', deploymentObject('web', 'nginx', 4));
		await api.create('poddisruptionbudgets', 'default', {
			apiVersion: 'policy/v1',
			kind: 'PodDisruptionBudget',
			metadata: {name: 'web'},
			spec: {maxUnavailable: '25%', selector: {matchLabels: {app: 'web'}}},
		});
		await cluster.eventually(() => (api.get('poddisruptionbudgets', 'default', 'web')['status'] as {currentHealthy?: number}).currentHealthy === 4, 'four healthy');
		expect(api.get('poddisruptionbudgets', 'default', 'web')['status']).toMatchObject({
			observedGeneration: 1,
			currentHealthy: 4,
			desiredHealthy: 3,
			expectedPods: 4,
			disruptionsAllowed: 1,
			conditions: [{type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods'}],
		});
		await api.modify('poddisruptionbudgets', 'default', 'web', budget => ({...budget, spec: {minAvailable: 4, selector: {matchLabels: {app: 'web'}}}}));
		await cluster.eventually(() => (api.get('poddisruptionbudgets', 'default', 'web')['status'] as {observedGeneration?: number}).observedGeneration === 2, 'observed');
		expect(api.get('poddisruptionbudgets', 'default', 'web')['status']).toMatchObject({disruptionsAllowed: 0, conditions: [{status: 'False', reason: 'InsufficientPods'}]});
	});
});
