import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {startTestCluster, type TestCluster} from '../../helpers/cluster-test-cluster.js';

let cluster: TestCluster | undefined;

afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

function pod(name: string, spec: Record<string, unknown> = {}, requests?: Record<string, string>): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, labels: {run: name}},
		spec: {containers: [{name: 'app', image: 'nginx:1.27', ...(requests ? {resources: {requests}} : {})}], ...spec},
	};
}

function nodeOf(current: TestCluster, name: string): string | undefined {
	return (current.api.get('pods', 'default', name)['spec'] as {nodeName?: string}).nodeName;
}

const controlPlane = {name: 'control-plane', taints: [{key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'}], labels: {'node-role.kubernetes.io/control-plane': ''}};

describe('scheduler', () => {
	it('binds a pod, sets PodScheduled and records Scheduled', async () => {
		cluster = await startTestCluster({nodes: [controlPlane, {name: 'worker-1'}]});
		await cluster.api.create('pods', 'default', pod('one'));
		await cluster.eventually(() => nodeOf(cluster!, 'one') !== undefined, 'bound');
		expect(nodeOf(cluster, 'one')).toBe('worker-1');
		const conditions = (cluster.api.get('pods', 'default', 'one')['status'] as {conditions: Array<{type: string; status: string}>}).conditions;
		expect(conditions.find(c => c.type === 'PodScheduled')?.status).toBe('True');
		const [scheduled] = cluster.events('Scheduled');
		expect(scheduled).toMatchObject({
			type: 'Normal',
			message: 'Successfully assigned default/one to worker-1',
			source: {component: 'default-scheduler'},
			involvedObject: {kind: 'Pod', name: 'one', namespace: 'default'},
			count: 1,
		});
		expect(scheduled!.metadata.name).toMatch(/^one\.[0-9a-f]{16}$/);
	});

	it('explains a pod that fits nowhere as kube-scheduler does, and places it once a node fits', async () => {
		cluster = await startTestCluster({nodes: [controlPlane, {name: 'worker-1'}, {name: 'worker-2'}]});
		await cluster.api.create('pods', 'default', pod('hog', {}, {cpu: '500'}));
		await cluster.eventually(() => cluster!.events('FailedScheduling').length > 0, 'FailedScheduling');
		const [failed] = cluster.events('FailedScheduling');
		expect(failed!['type']).toBe('Warning');
		const message =
			'0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
			'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
		expect(failed!['message']).toBe(message);
		const status = cluster.api.get('pods', 'default', 'hog')['status'] as {phase: string; conditions: Array<Record<string, string>>};
		expect(status.phase).toBe('Pending');
		expect(status.conditions.find(c => c['type'] === 'PodScheduled')).toMatchObject({status: 'False', reason: 'Unschedulable', message});

		await cluster.api.create('nodes', undefined, (await import('../../helpers/cluster-test-cluster.js')).nodeObject({name: 'huge', cpu: '1000'}, cluster.clock.now()));
		await cluster.eventually(() => nodeOf(cluster!, 'hog') === 'huge', 'hog placed on the new node', {withinMs: 20_000});
	});

	it('counts memory and the pod limit per node', async () => {
		cluster = await startTestCluster({nodes: [{name: 'full', pods: '1'}, {name: 'tiny', memory: '100Mi'}]});
		await cluster.api.create('pods', 'default', pod('first', {nodeSelector: {'kubernetes.io/hostname': 'full'}}));
		await cluster.eventually(() => nodeOf(cluster!, 'first') === 'full', 'first bound');
		await cluster.api.create('pods', 'default', pod('big', {}, {memory: '512Mi'}));
		await cluster.eventually(() => cluster!.events('FailedScheduling').length > 0, 'big fails');
		expect(cluster.events('FailedScheduling')[0]!['message']).toBe(
			'0/2 nodes are available: 1 Insufficient memory, 1 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
		);
		await cluster.api.delete('pods', 'default', 'first', {gracePeriodSeconds: 0});
		await cluster.eventually(() => nodeOf(cluster!, 'big') === 'full', 'big placed once the slot is free', {withinMs: 20_000});
	});

	it('honours nodeSelector, required node affinity and tolerations', async () => {
		cluster = await startTestCluster({
			nodes: [controlPlane, {name: 'ssd', labels: {disk: 'ssd', generation: '5'}}, {name: 'hdd', labels: {disk: 'hdd', generation: '2'}}],
		});
		const {api} = cluster;
		await api.create('pods', 'default', pod('selector', {nodeSelector: {disk: 'hdd'}}));
		const affinity = (expressions: unknown[]) => ({affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: expressions}]}}}});
		await api.create('pods', 'default', pod('newer', affinity([{key: 'generation', operator: 'Gt', values: ['3']}])));
		await api.create('pods', 'default', pod('not-ssd', affinity([{key: 'disk', operator: 'NotIn', values: ['ssd']}, {key: 'disk', operator: 'Exists'}])));
		await api.create(
			'pods',
			'default',
			pod('on-control-plane', {
				nodeSelector: {'node-role.kubernetes.io/control-plane': ''},
				tolerations: [{key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule'}],
			}),
		);
		await api.create('pods', 'default', pod('nowhere', {nodeSelector: {disk: 'nvme'}}));
		await cluster.eventually(() => ['selector', 'newer', 'not-ssd', 'on-control-plane'].every(name => nodeOf(cluster!, name)), 'all placed');
		expect(nodeOf(cluster, 'selector')).toBe('hdd');
		expect(nodeOf(cluster, 'newer')).toBe('ssd');
		expect(nodeOf(cluster, 'not-ssd')).toBe('hdd');
		expect(nodeOf(cluster, 'on-control-plane')).toBe('control-plane');
		expect(nodeOf(cluster, 'nowhere')).toBeUndefined();
		const failed = cluster.events('FailedScheduling').find(event => (event['involvedObject'] as {name: string}).name === 'nowhere');
		expect(failed!['message']).toBe(
			"0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. " +
				'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
		);
	});

	it('holds a pod with scheduling gates until they are removed', async () => {
		cluster = await startTestCluster({nodes: 1});
		await cluster.api.create('pods', 'default', pod('gated', {schedulingGates: [{name: 'example.com/quota'}]}));
		await cluster.settle();
		expect(nodeOf(cluster, 'gated')).toBeUndefined();
		const condition = () => (cluster!.api.get('pods', 'default', 'gated')['status'] as {conditions?: Array<Record<string, string>>}).conditions?.find(c => c['type'] === 'PodScheduled');
		expect(condition()).toMatchObject({status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates'});
		await cluster.api.modify('pods', 'default', 'gated', current => {
			(current['spec'] as {schedulingGates?: unknown[]}).schedulingGates = [];
			return current;
		});
		await cluster.eventually(() => nodeOf(cluster!, 'gated') === 'node-1', 'scheduled once ungated');
	});

	it('never puts two pods wanting the same host port on one node', async () => {
		cluster = await startTestCluster({nodes: 1});
		const withPort = (name: string) => ({...pod(name), spec: {containers: [{name: 'app', image: 'nginx', ports: [{containerPort: 80, hostPort: 8080}]}]}});
		await cluster.api.create('pods', 'default', withPort('first'));
		await cluster.api.create('pods', 'default', withPort('second'));
		await cluster.eventually(() => cluster!.events('FailedScheduling').length > 0, 'second fails');
		expect(String(cluster.events('FailedScheduling')[0]!['message'])).toContain("1 node(s) didn't have free ports for the requested pod ports.");
	});

	it('leaves nodes that are cordoned or not Ready alone', async () => {
		cluster = await startTestCluster({nodes: [{name: 'cordoned', unschedulable: true}, {name: 'sick', ready: false}]});
		await cluster.api.create('pods', 'default', pod('waiting'));
		await cluster.eventually(() => cluster!.events('FailedScheduling').length > 0, 'FailedScheduling');
		expect(cluster.events('FailedScheduling')[0]!['message']).toBe(
			'0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable. ' +
				'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
		);
		await cluster.api.modify('nodes', undefined, 'cordoned', node => ({...node, spec: {}}));
		await cluster.eventually(() => nodeOf(cluster!, 'waiting') === 'cordoned', 'placed once uncordoned', {withinMs: 20_000});
	});
});

describe('inter-pod constraints', () => {
	it('keeps replicas with required anti-affinity on separate nodes and explains the one left over', async () => {
		cluster = await startTestCluster({nodes: 2});
		const antiAffinity = {
			affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: 'cache'}}, topologyKey: 'kubernetes.io/hostname'}]}},
		};
		for (const name of ['cache-a', 'cache-b', 'cache-c'])
			await cluster.api.create('pods', 'default', {...pod(name, antiAffinity), metadata: {name, labels: {app: 'cache'}}});
		await cluster.eventually(() => cluster!.events('FailedScheduling').length > 0, 'one cannot fit');
		const nodes = ['cache-a', 'cache-b', 'cache-c'].map(name => nodeOf(cluster!, name));
		expect(nodes.filter(Boolean).sort()).toEqual(['node-1', 'node-2']);
		expect(cluster.events('FailedScheduling')[0]!['message']).toBe(
			"0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
		);
	});

	it('places a pod next to the pods its required affinity names', async () => {
		cluster = await startTestCluster({nodes: 3});
		await cluster.api.create('pods', 'default', {...pod('db', {nodeSelector: {'kubernetes.io/hostname': 'node-3'}}), metadata: {name: 'db', labels: {app: 'db'}}});
		await cluster.api.create(
			'pods',
			'default',
			pod('web', {affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: 'db'}}, topologyKey: 'kubernetes.io/hostname'}]}}}),
		);
		await cluster.eventually(() => nodeOf(cluster!, 'web') !== undefined, 'web placed');
		expect(nodeOf(cluster, 'web')).toBe('node-3');
	});

	it('honours topology spread constraints that must not be broken', async () => {
		cluster = await startTestCluster({nodes: [{name: 'a1', labels: {zone: 'a'}}, {name: 'a2', labels: {zone: 'a'}}, {name: 'b1', labels: {zone: 'b'}}]});
		const spread = {topologySpreadConstraints: [{maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: {matchLabels: {app: 'spread'}}}]};
		for (let index = 0; index < 4; index++) {
			const name = `spread-${index}`;
			await cluster.api.create('pods', 'default', {...pod(name, spread), metadata: {name, labels: {app: 'spread'}}});
			await cluster.eventually(() => nodeOf(cluster!, name) !== undefined, `${name} placed`);
		}
		const zones = ['spread-0', 'spread-1', 'spread-2', 'spread-3'].map(name => (nodeOf(cluster!, name)!.startsWith('a') ? 'a' : 'b'));
		expect(zones.filter(zone => zone === 'a')).toHaveLength(2);
		expect(zones.filter(zone => zone === 'b')).toHaveLength(2);
	});
});
