import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {bodyOf, bootCluster, deployment, service, type BootedCluster, type HttpAnswer} from '../../helpers/cluster-boot.js';

let booted: BootedCluster | undefined;

/** A GET from outside to one of the cluster's listeners. */
function GET(port: number, path = '/', headers: Record<string, string> = {}): Promise<HttpAnswer> {
	return booted!.get(port, path, headers);
}

afterEach(async () => {
	await booted?.stop();
	booted = undefined;
});

function nodeOf(pod: KubeObject): string {
	return (pod['spec'] as {nodeName: string}).nodeName;
}

function renewTime(current: BootedCluster, node: string): number {
	return Date.parse((current.api.get('leases', 'kube-node-lease', node)['spec'] as {renewTime: string}).renewTime);
}

describe('nodes', () => {
	it('register Ready with capacity and renew their Leases', async () => {
		booted = await bootCluster({nodes: 3});
		const nodes = booted.api.list('nodes', undefined).items;
		expect(nodes.map(node => node.metadata.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);
		for (const node of nodes) {
			expect(booted.nodeReady(node.metadata.name!)).toBe('True');
			expect((node['status'] as {capacity: Record<string, string>}).capacity).toMatchObject({cpu: '4', pods: expect.stringMatching(/^\d+$/)});
		}
		const before = renewTime(booted, 'worker-1');
		await booted.pass(3000);
		expect(renewTime(booted, 'worker-1')).toBeGreaterThan(before);
		expect(booted.api.get('leases', 'kube-node-lease', 'worker-1')['spec']).toMatchObject({holderIdentity: 'worker-1', leaseDurationSeconds: 4});
	});

	it('report what their pods use, for metrics', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('web', {containers: [{name: 'web', image: 'nginx'}]});
		await booted.eventually(() => booted!.ready(booted!.api.get('pods', 'default', 'web')), 'web Ready');
		const usage = booted.runtime.podUsage('default');
		expect(usage).toEqual([{namespace: 'default', name: 'web', containers: [{name: 'web', cpuMilli: expect.any(Number), memoryBytes: expect.any(Number)}]}]);
		expect(usage[0]!.containers[0]!.memoryBytes).toBeGreaterThan(0);
		const nodes = booted.runtime.nodeUsage();
		expect(nodes.map(node => node.name).sort()).toEqual(['control-plane', 'worker-1']);
		const host = nodes.find(node => node.name === nodeOf(booted!.api.get('pods', 'default', 'web')))!;
		const other = nodes.find(node => node !== host)!;
		expect(host.memoryBytes).toBeGreaterThan(other.memoryBytes);
	});

	it('powered off (kubedeck.io/power=off) turn NotReady, their pods run elsewhere; powered on they are Ready again', async () => {
		booted = await bootCluster({nodes: 3});
		const {api} = booted;
		// Tolerate the control plane too, so three nodes share the pods and one can go.
		await api.create('deployments', 'default', deployment('web', 'gcr.io/google-samples/kubernetes-bootcamp:v1', 3, {tolerations: [{operator: 'Exists', effect: 'NoSchedule'}]}));
		const svc = await api.create('services', 'default', service('web', 8080));
		const nodePort = (svc['spec'] as {ports: Array<{nodePort: number}>}).ports[0]!.nodePort;
		await booted.eventually(() => booted!.live('app=web').filter(booted!.ready).length === 3, 'three ready');
		const counts = new Map<string, number>();
		for (const pod of booted.live('app=web')) counts.set(nodeOf(pod), (counts.get(nodeOf(pod)) ?? 0) + 1);
		const victim = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
		const doomed = booted.live('app=web').filter(pod => nodeOf(pod) === victim).map(pod => pod.metadata.name!);

		await booted.setPower(victim, 'off');
		const healed = () => {
			const live = booted!.live('app=web').filter(booted!.ready);
			return live.length === 3 && live.every(pod => nodeOf(pod) !== victim);
		};
		await booted.eventually(healed, 'three ready pods on other nodes', {withinMs: 30_000, stepMs: 500});
		expect(booted.nodeReady(victim)).toBe('Unknown');
		// The NodePort answers from the pods that are left, never the dead node's.
		for (let i = 0; i < 6; i++) expect(bodyOf(await GET(nodePort))).not.toMatch(new RegExp(`Running on: (${doomed.join('|')}) `));
		// As in Kubernetes, pods on a dead node stay Terminating: nothing there can confirm they stopped.
		for (const name of doomed) expect(api.get('pods', 'default', name).metadata.deletionTimestamp).toBeDefined();

		await booted.setPower(victim, 'on');
		await booted.eventually(() => booted!.nodeReady(victim) === 'True', 'node Ready again', {withinMs: 10_000});
		await booted.eventually(() => doomed.every(name => !api.tryGet('pods', 'default', name)), 'the old pods gone', {withinMs: 10_000});
		expect(booted.live('app=web').filter(booted!.ready)).toHaveLength(3);
	});

	it('powered off stop their pods’ containers: they no longer answer', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('lonely', {nodeName: 'worker-1', containers: [{name: 'web', image: 'nginx'}]});
		await booted.eventually(() => booted!.ready(booted!.api.get('pods', 'default', 'lonely')), 'lonely Ready');
		await booted.setPower('worker-1', 'off');
		await booted.settle();
		await expect(booted.runtime.exec('default', 'lonely', undefined, ['true'], {tty: false, onStdout() {}, onStderr() {}})).rejects.toThrow(/waiting to start|not running/);
		expect(booted.runtime.podUsage('default')).toEqual([]);
	});

	it('can be cordoned and drained through the API', async () => {
		booted = await bootCluster({nodes: 3});
		const {api} = booted;
		await api.create('deployments', 'default', deployment('web', 'nginx', 4));
		await booted.eventually(() => booted!.live('app=web').filter(booted!.ready).length === 4, 'four ready');
		await api.modify('nodes', undefined, 'worker-1', node => {
			(node['spec'] as {unschedulable?: boolean}).unschedulable = true;
			return node;
		});
		// Drain: evict (delete) what runs there; the ReplicaSet makes replacements, which avoid the cordoned node.
		for (const pod of booted.live('app=web').filter(pod => nodeOf(pod) === 'worker-1')) await api.delete('pods', 'default', pod.metadata.name!);
		await booted.eventually(() => booted!.pods('app=web').length === 4 && booted!.live('app=web').filter(booted!.ready).length === 4, 'four ready again', {withinMs: 10_000});
		expect(booted.pods('app=web').filter(pod => nodeOf(pod) === 'worker-1')).toEqual([]);
	});
});
