import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {isRunningAndReady, startTestCluster, type TestCluster} from '../../helpers/cluster-test-cluster.js';

let cluster: TestCluster | undefined;

afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

function statefulSet(name: string, replicas: number): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'StatefulSet',
		metadata: {name},
		spec: {
			replicas,
			serviceName: name,
			selector: {matchLabels: {app: name}},
			template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'db', image: 'postgres:16'}]}},
		},
	};
}

describe('statefulset controller', () => {
	it('creates <name>-0..N-1 one after another, each once the previous is Ready, and removes them in reverse', async () => {
		const ready = new Set<string>();
		cluster = await startTestCluster({nodes: 2, kubelet: {outcome: pod => (ready.has(pod.metadata.name!) ? 'ready' : 'unready')}});
		const {api} = cluster;
		const created: string[] = [];
		const deleted: string[] = [];
		const watch = api.watch('pods', 'default', {}, events => {
			for (const event of events) {
				if (event.type === 'ADDED') created.push(event.object.metadata.name!);
				if (event.type === 'DELETED') deleted.push(event.object.metadata.name!);
			}
		});
		for (const name of ['db-0', 'db-1', 'db-2']) ready.add(name);
		ready.delete('db-1');
		await api.create('statefulsets', 'default', statefulSet('db', 3));
		await cluster.eventually(() => created.length === 2, 'db-0 and db-1');
		// db-1 runs but is not Ready: db-2 must wait.
		expect(created).toEqual(['db-0', 'db-1']);
		await cluster.settle();
		expect(created).toEqual(['db-0', 'db-1']);

		// A Ready db-1 (its replacement, as the fake kubelet decides at start) lets db-2 come.
		ready.add('db-1');
		await api.delete('pods', 'default', 'db-1');
		await cluster.eventually(() => cluster!.pods('app=db').filter(isRunningAndReady).length === 3, 'three ready');
		expect(created).toEqual(['db-0', 'db-1', 'db-1', 'db-2']);
		const pod = api.get('pods', 'default', 'db-2');
		expect(pod.metadata.labels).toMatchObject({'statefulset.kubernetes.io/pod-name': 'db-2', 'apps.kubernetes.io/pod-index': '2'});
		expect(pod['spec']).toMatchObject({hostname: 'db-2', subdomain: 'db'});
		expect(api.get('statefulsets', 'default', 'db')['status']).toMatchObject({replicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1});

		deleted.length = 0;
		await api.modify('statefulsets', 'default', 'db', set => ({...set, spec: {...(set['spec'] as object), replicas: 1}}));
		await cluster.eventually(() => cluster!.pods('app=db').length === 1, 'one left');
		watch.stop();
		expect(deleted).toEqual(['db-2', 'db-1']);
		expect(cluster.events('SuccessfulCreate').map(event => event['message'])).toContain('create Pod db-0 in StatefulSet db successful');
	});
});

describe('statefulset rolling update', () => {
	it('replaces pods from the highest ordinal down and reports the new revision as current', async () => {
		cluster = await startTestCluster({nodes: 2});
		const {api} = cluster;
		await api.create('statefulsets', 'default', statefulSet('db', 3));
		await cluster.eventually(() => cluster!.pods('app=db').filter(isRunningAndReady).length === 3, 'three ready');
		const before = api.get('statefulsets', 'default', 'db')['status'] as {currentRevision: string; updateRevision: string};
		expect(before.currentRevision).toBe(before.updateRevision);
		const deleted: string[] = [];
		const watch = api.watch('pods', 'default', {resourceVersion: api.list('pods', 'default').resourceVersion}, events => {
			for (const event of events) if (event.type === 'DELETED') deleted.push(event.object.metadata.name!);
		});
		await api.modify('statefulsets', 'default', 'db', set => {
			(set['spec'] as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers[0]!.image = 'postgres:17';
			return set;
		});
		await cluster.eventually(() => {
			const status = api.get('statefulsets', 'default', 'db')['status'] as {currentRevision: string; updateRevision: string; updatedReplicas: number};
			return status.currentRevision === status.updateRevision && status.updatedReplicas === 3 && cluster!.pods('app=db').filter(isRunningAndReady).length === 3;
		}, 'rolled');
		watch.stop();
		expect(deleted).toEqual(['db-2', 'db-1', 'db-0']);
		const after = api.get('statefulsets', 'default', 'db')['status'] as {updateRevision: string};
		expect(after.updateRevision).not.toBe(before.updateRevision);
		for (const pod of cluster.pods('app=db')) expect((pod['spec'] as {containers: Array<{image: string}>}).containers[0]!.image).toBe('postgres:17');
	});
});
