import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {podsToDelete} from '../../../source/cluster/controllers/pod-ranking.js';
import {slowStartBatch} from '../../../source/cluster/controllers/pod-template.js';
import {isRunningAndReady, startTestCluster, type TestCluster} from '../../helpers/cluster-test-cluster.js';

let cluster: TestCluster | undefined;

afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

function replicaSet(name: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'ReplicaSet',
		metadata: {name},
		spec: {replicas, selector: {matchLabels: {app: name}}, template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'web', image: 'nginx'}]}}, ...extra},
	};
}

function bare(name: string, labels: Record<string, string>): KubeObject {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, labels}, spec: {containers: [{name: 'web', image: 'nginx'}]}};
}

describe('replicaset controller', () => {
	it('adopts a matching orphan instead of creating a pod, and releases a pod whose labels stop matching', async () => {
		cluster = await startTestCluster({nodes: 1});
		const {api} = cluster;
		await api.create('pods', 'default', bare('orphan', {app: 'web'}));
		await cluster.settle();
		await api.create('replicasets', 'default', replicaSet('web', 2));
		await cluster.eventually(() => cluster!.pods('app=web').length === 2, 'two pods');
		const orphan = api.get('pods', 'default', 'orphan');
		expect(orphan.metadata.ownerReferences?.[0]).toMatchObject({kind: 'ReplicaSet', name: 'web', controller: true, blockOwnerDeletion: true});

		await api.modify('pods', 'default', 'orphan', pod => ({...pod, metadata: {...pod.metadata, labels: {app: 'debug'}}}));
		await cluster.eventually(() => cluster!.pods('app=web').length === 2 && !api.get('pods', 'default', 'orphan').metadata.ownerReferences?.length, 'released and replaced');
		expect(api.get('replicasets', 'default', 'web')['status']).toMatchObject({replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2});
	});

	it('counts a pod available only after minReadySeconds', async () => {
		cluster = await startTestCluster({nodes: 1});
		const {api} = cluster;
		await api.create('replicasets', 'default', replicaSet('slow', 2, {minReadySeconds: 10}));
		await cluster.eventually(() => cluster!.pods('app=slow').filter(isRunningAndReady).length === 2, 'two ready');
		const early = api.get('replicasets', 'default', 'slow')['status'] as {readyReplicas: number; availableReplicas?: number};
		expect(early.readyReplicas).toBe(2);
		// Zero counts are left out, as the API serializes them.
		expect(early.availableReplicas).toBeUndefined();
		await cluster.eventually(() => (api.get('replicasets', 'default', 'slow')['status'] as {availableReplicas: number}).availableReplicas === 2, 'available', {withinMs: 15_000, stepMs: 1000});
	});

	it('does not count terminating pods, so a replacement starts at once', async () => {
		cluster = await startTestCluster({nodes: 2, kubelet: {outcome: () => 'ready'}});
		const {api, kubelet} = cluster;
		await api.create('replicasets', 'default', replicaSet('web', 2));
		await cluster.eventually(() => cluster!.pods('app=web').filter(isRunningAndReady).length === 2, 'two ready');
		const victim = cluster.pods('app=web')[0]!;
		kubelet!.powerOff((victim['spec'] as {nodeName: string}).nodeName);
		await api.delete('pods', 'default', victim.metadata.name!);
		await cluster.eventually(() => cluster!.pods('app=web').filter(pod => !pod.metadata.deletionTimestamp).length === 2, 'replacement');
		expect(api.get('pods', 'default', victim.metadata.name!).metadata.deletionTimestamp).toBeDefined();
	});
});

describe('scale-down ranking', () => {
	const pod = (name: string, node: string | undefined, phase: string, ready: boolean, created: string, restarts = 0): KubeObject => ({
		metadata: {name, creationTimestamp: created},
		spec: node ? {nodeName: node} : {},
		status: {
			phase,
			conditions: [{type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: created}],
			containerStatuses: [{name: 'c', restartCount: restarts}],
		},
	});
	it('removes unscheduled, then pending, then not ready, then doubled-up, then newer pods first', () => {
		const pods = [
			pod('old-ready', 'a', 'Running', true, '2026-01-01T00:00:00Z'),
			pod('new-ready', 'b', 'Running', true, '2026-01-02T00:00:00Z'),
			pod('doubled', 'a', 'Running', true, '2026-01-01T12:00:00Z'),
			pod('not-ready', 'c', 'Running', false, '2026-01-01T00:00:00Z'),
			pod('pending', 'c', 'Pending', false, '2026-01-01T00:00:00Z'),
			pod('unscheduled', undefined, 'Pending', false, '2026-01-01T00:00:00Z'),
		];
		expect(podsToDelete(pods, 4).map(p => p.metadata.name)).toEqual(['unscheduled', 'pending', 'not-ready', 'doubled']);
	});
});

describe('slow start', () => {
	it('grows batches 1, 2, 4 and stops at the first failing batch', async () => {
		let calls = 0;
		const result = await slowStartBatch(20, 1, async () => {
			calls++;
			if (calls > 5) throw new Error('quota');
		});
		expect(calls).toBe(7);
		expect(result.succeeded).toBe(5);
		expect(result.error).toBeInstanceOf(Error);
	});
});
