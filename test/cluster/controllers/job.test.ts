import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {startTestCluster, type TestCluster} from '../../helpers/cluster-test-cluster.js';

let cluster: TestCluster | undefined;

afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

function job(name: string, spec: Record<string, unknown> = {}): KubeObject {
	return {
		apiVersion: 'batch/v1',
		kind: 'Job',
		metadata: {name},
		spec: {...spec, template: {spec: {restartPolicy: 'Never', containers: [{name, image: 'busybox', command: ['sh', '-c', 'echo done']}]}}},
	};
}

function condition(current: TestCluster, name: string, type: string): Record<string, string> | undefined {
	const status = current.api.get('jobs', 'default', name)['status'] as {conditions?: Array<Record<string, string>>};
	return status.conditions?.find(c => c['type'] === type);
}

describe('job controller', () => {
	it('runs pods until the completions succeed, parallelism at a time, then is Complete', async () => {
		cluster = await startTestCluster({nodes: 2, kubelet: {outcome: () => 'succeed'}});
		const {api} = cluster;
		let mostActive = 0;
		const watch = api.watch('pods', 'default', {}, () => {
			const active = api.list('pods', 'default').items.filter(pod => !['Succeeded', 'Failed'].includes((pod['status'] as {phase: string}).phase));
			mostActive = Math.max(mostActive, active.length);
		});
		await api.create('jobs', 'default', job('batch', {completions: 5, parallelism: 2}));
		await cluster.eventually(() => condition(cluster!, 'batch', 'Complete')?.['status'] === 'True', 'job complete');
		watch.stop();
		const status = api.get('jobs', 'default', 'batch')['status'] as Record<string, unknown>;
		expect(status).toMatchObject({succeeded: 5, ready: 0, terminating: 0, uncountedTerminatedPods: {}});
		expect(status['active']).toBeUndefined();
		expect((status['conditions'] as Array<{type: string}>).map(c => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
		expect(status['startTime']).toBeDefined();
		expect(status['completionTime']).toBeDefined();
		expect(mostActive).toBeLessThanOrEqual(2);
		const pods = cluster.pods();
		expect(pods).toHaveLength(5);
		for (const pod of pods) {
			expect(pod.metadata.name).toMatch(/^batch-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
			expect(pod.metadata.labels).toMatchObject({'batch.kubernetes.io/job-name': 'batch', 'job-name': 'batch'});
			expect(pod.metadata.labels?.['controller-uid']).toBe(api.get('jobs', 'default', 'batch').metadata.uid);
		}
		expect(cluster.events('Completed')[0]).toMatchObject({message: 'Job completed', source: {component: 'job-controller'}});
	});

	it('counts failed pods against backoffLimit and ends Failed', async () => {
		cluster = await startTestCluster({nodes: 1, kubelet: {outcome: () => 'fail'}});
		await cluster.api.create('jobs', 'default', job('doomed', {backoffLimit: 2}));
		await cluster.eventually(() => condition(cluster!, 'doomed', 'Failed')?.['status'] === 'True', 'job failed', {withinMs: 60_000, stepMs: 500});
		expect(condition(cluster, 'doomed', 'Failed')).toMatchObject({reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit'});
		expect(condition(cluster, 'doomed', 'FailureTarget')).toMatchObject({status: 'True', reason: 'BackoffLimitExceeded'});
		expect(cluster.api.get('jobs', 'default', 'doomed')['status']).toMatchObject({failed: 3});
		expect(cluster.pods()).toHaveLength(3);
	});
});
