import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {deploymentObject, isRunningAndReady, startTestCluster, type TestCluster} from '../../helpers/cluster-test-cluster.js';

let cluster: TestCluster | undefined;

afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

function nodeOfPod(pod: KubeObject): string {
	return (pod['spec'] as {nodeName: string}).nodeName;
}

function ready(current: TestCluster, node: string): string | undefined {
	const conditions = (current.api.get('nodes', undefined, node)['status'] as {conditions?: Array<{type: string; status: string}>}).conditions ?? [];
	return conditions.find(condition => condition.type === 'Ready')?.status;
}

function taintKeys(current: TestCluster, node: string): string[] {
	const taints = (current.api.get('nodes', undefined, node)['spec'] as {taints?: Array<{key: string; effect: string}>}).taints ?? [];
	return taints.map(taint => `${taint.key}:${taint.effect}`).sort();
}

describe('node lifecycle', () => {
	it('evicts the pods of a node that stopped and runs them elsewhere; the node heals when it returns', async () => {
		cluster = await startTestCluster({nodes: 3});
		const {api, kubelet} = cluster;
		await api.create('deployments', 'default', deploymentObject('web', 'nginx:1.25', 3));
		await cluster.eventually(() => cluster!.pods('app=web').filter(isRunningAndReady).length === 3, 'three running');
		const victim = nodeOfPod(cluster.pods('app=web')[0]!);
		const before = cluster.pods('app=web').filter(pod => nodeOfPod(pod) === victim).map(pod => pod.metadata.name);

		kubelet!.powerOff(victim);
		const healed = () => {
			const live = cluster!.pods('app=web').filter(isRunningAndReady);
			return live.length === 3 && live.every(pod => nodeOfPod(pod) !== victim);
		};
		await cluster.eventually(healed, 'three running pods on other nodes', {withinMs: 30_000, stepMs: 500});
		expect(ready(cluster, victim)).toBe('Unknown');
		expect(taintKeys(cluster, victim)).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
		// As in Kubernetes, the dead node cannot confirm: its pods stay Terminating, no longer Ready.
		for (const name of before) {
			const pod = api.get('pods', 'default', name!);
			expect(pod.metadata.deletionTimestamp).toBeDefined();
			const conditions = (pod['status'] as {conditions: Array<{type: string; status: string}>}).conditions;
			expect(conditions.find(condition => condition.type === 'Ready')?.status).toBe('False');
		}
		const notReady = cluster.events('NodeNotReady');
		expect(notReady[0]).toMatchObject({message: `Node ${victim} status is now: NodeNotReady`, source: {component: 'node-controller'}});
		expect(cluster.events('TaintManagerEviction').length).toBe(before.length);

		await kubelet!.powerOn(victim);
		await cluster.eventually(() => ready(cluster!, victim) === 'True' && taintKeys(cluster!, victim).length === 0, 'node back', {withinMs: 10_000});
		await cluster.eventually(() => before.every(name => !api.tryGet('pods', 'default', name!)), 'terminating pods gone', {withinMs: 10_000});
		expect(cluster.pods('app=web').filter(isRunningAndReady)).toHaveLength(3);
	});

	it('marks a node whose lease is not renewed as NodeStatusUnknown', async () => {
		cluster = await startTestCluster({nodes: 2});
		cluster.kubelet!.powerOff('node-2');
		await cluster.eventually(() => ready(cluster!, 'node-2') === 'Unknown', 'node-2 unknown', {withinMs: 20_000});
		const condition = (cluster.api.get('nodes', undefined, 'node-2')['status'] as {conditions: Array<Record<string, string>>}).conditions.find(c => c['type'] === 'Ready');
		expect(condition).toMatchObject({reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.'});
		expect(ready(cluster, 'node-1')).toBe('True');
	});
});

describe('pod garbage collector', () => {
	it('removes the pods of a deleted node, so their replacements run elsewhere', async () => {
		cluster = await startTestCluster({nodes: 2});
		const {api} = cluster;
		await api.create('deployments', 'default', deploymentObject('web', 'nginx', 4));
		await cluster.eventually(() => cluster!.pods('app=web').filter(isRunningAndReady).length === 4, 'four running');
		await api.delete('nodes', undefined, 'node-2');
		await cluster.eventually(
			() => {
				const pods = cluster!.pods('app=web');
				return pods.length === 4 && pods.every(pod => isRunningAndReady(pod) && nodeOfPod(pod) === 'node-1');
			},
			'all on node-1',
			{withinMs: 60_000, stepMs: 1000},
		);
	});
});

describe('cordon', () => {
	it('taints a cordoned node unschedulable and lifts the taint on uncordon', async () => {
		cluster = await startTestCluster({nodes: 1});
		const {api} = cluster;
		const cordon = (unschedulable: boolean) =>
			api.modify('nodes', undefined, 'node-1', node => ({...node, spec: {...(node['spec'] as object), unschedulable: unschedulable || undefined}}));
		await cordon(true);
		await cluster.eventually(() => taintKeys(cluster!, 'node-1').includes('node.kubernetes.io/unschedulable:NoSchedule'), 'tainted');
		await cordon(false);
		await cluster.eventually(() => taintKeys(cluster!, 'node-1').length === 0, 'untainted');
	});
});
