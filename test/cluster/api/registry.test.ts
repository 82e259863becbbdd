import {describe, expect, it} from 'vitest';
import {MemoryBackend} from '../../../source/cluster/store/memory.js';
import {createRegistry} from '../../../source/cluster/api/registry.js';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import type {WatchEvent} from '../../../source/cluster/api/object-api.js';
import {ApiError} from '../../../source/cluster/api/status.js';

function setup() {
	let now = Date.parse('2026-01-01T00:00:00Z');
	const clock = {now: () => now, setTimeout: () => ({cancel() {}})};
	const api = createRegistry(new MemoryBackend(), {clock, defaultTolerationSeconds: 300});
	return {api, advance: (ms: number) => (now += ms)};
}

async function withNamespace() {
	const context = setup();
	await context.api.create('namespaces', undefined, {metadata: {name: 'default'}});
	return context;
}

const deployment = (name: string): KubeObject => ({
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name, labels: {app: name}},
	spec: {selector: {matchLabels: {app: name}}, template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'c', image: 'nginx:1.27'}]}}, strategy: {}},
});

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof ApiError) return error;
		throw error;
	}
	throw new Error('expected the API to refuse');
}

describe('registry writes', () => {
	it('defaults a deployment as kube-apiserver does and sets server metadata', async () => {
		const {api} = await withNamespace();
		const created = await api.create('deployments', 'default', deployment('web'));
		const spec = created['spec'] as Record<string, any>;
		expect(spec['replicas']).toBe(1);
		expect(spec['strategy']).toEqual({type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}});
		expect(spec['revisionHistoryLimit']).toBe(10);
		expect(spec['template'].spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
		expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
		expect(created.metadata.generation).toBe(1);
		expect(created.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
		expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(0);
	});

	it('refuses an invalid name with a field cause and stores nothing', async () => {
		const {api} = await withNamespace();
		const error = await rejection(api.create('deployments', 'default', deployment('Bad_Name')));
		expect(error.code).toBe(422);
		expect(error.status.details?.causes?.[0]?.field).toBe('metadata.name');
		expect(api.list('deployments', 'default').items).toHaveLength(0);
	});

	it('answers AlreadyExists, NotFound and Conflict like Kubernetes', async () => {
		const {api} = await withNamespace();
		const first = await api.create('configmaps', 'default', {metadata: {name: 'c'}, data: {a: '1'}});
		expect((await rejection(api.create('configmaps', 'default', {metadata: {name: 'c'}}))).status.message).toBe('configmaps "c" already exists');
		expect((await rejection(api.create('configmaps', 'nowhere', {metadata: {name: 'c'}}))).status.message).toBe('namespaces "nowhere" not found');
		await api.update('configmaps', 'default', {...first, data: {a: '2'}});
		const stale = await rejection(api.update('configmaps', 'default', {...first, data: {a: '3'}}));
		expect(stale.code).toBe(409);
		expect((api.get('configmaps', 'default', 'c')['data'] as Record<string, string>)['a']).toBe('2');
	});

	it('generates names from generateName with the Kubernetes alphabet', async () => {
		const {api} = await withNamespace();
		const pod = await api.create('pods', 'default', {metadata: {generateName: 'web-'}, spec: {containers: [{name: 'c', image: 'nginx'}]}});
		expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
	});

	it('bumps generation on spec changes only, and a no-op update writes nothing', async () => {
		const {api} = await withNamespace();
		const created = await api.create('deployments', 'default', deployment('web'));
		const relabelled = await api.modify('deployments', 'default', 'web', d => ({...d, metadata: {...d.metadata, labels: {app: 'web', x: 'y'}}}));
		expect(relabelled.metadata.generation).toBe(1);
		const scaled = await api.modify('deployments', 'default', 'web', d => {
			(d['spec'] as Record<string, unknown>)['replicas'] = 3;
			return d;
		});
		expect(scaled.metadata.generation).toBe(2);
		const same = await api.modify('deployments', 'default', 'web', d => d);
		expect(same.metadata.resourceVersion).toBe(scaled.metadata.resourceVersion);
		expect(created.metadata.uid).toBe(scaled.metadata.uid);
	});

	it('gives services a cluster IP and distinct node ports, and keeps the cluster IP immutable', async () => {
		const {api} = await withNamespace();
		const ports = new Set<number>();
		for (let i = 0; i < 20; i++) {
			const svc = await api.create('services', 'default', {metadata: {name: `s${i}`}, spec: {type: 'NodePort', ports: [{port: 80}]}});
			const spec = svc['spec'] as {clusterIP: string; ports: Array<{nodePort: number}>};
			expect(spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
			ports.add(spec.ports[0]!.nodePort);
			expect(spec.ports[0]!.nodePort).toBeGreaterThanOrEqual(30000);
		}
		expect(ports.size).toBe(20);
		const error = await rejection(api.modify('services', 'default', 's0', s => ({...s, spec: {...(s['spec'] as object), clusterIP: '10.96.5.5', clusterIPs: ['10.96.5.5']}})));
		expect(error.code).toBe(422);
	});
});

describe('pod binding', () => {
	it('binds once, marks the pod scheduled in the same write, and refuses a second node', async () => {
		const {api} = await withNamespace();
		const pod = await api.create('pods', 'default', {metadata: {name: 'p'}, spec: {containers: [{name: 'c', image: 'nginx'}]}});
		const bound = await api.bind('default', 'p', {uid: pod.metadata.uid, nodeName: 'n1'});
		expect((bound['spec'] as {nodeName: string}).nodeName).toBe('n1');
		const conditions = (bound['status'] as {conditions: Array<{type: string; status: string}>}).conditions;
		expect(conditions.find(c => c.type === 'PodScheduled')?.status).toBe('True');
		expect(Number(bound.metadata.resourceVersion)).toBe(Number(pod.metadata.resourceVersion) + 1);
		const again = await rejection(api.bind('default', 'p', {nodeName: 'n2'}));
		expect(again.code).toBe(409);
		expect(again.status.message).toContain('already assigned to node "n1"');
		const replaced = await rejection(api.bind('default', 'p', {uid: 'another', nodeName: 'n2'}));
		expect(replaced.code).toBe(409);
	});
});

describe('registry deletes', () => {
	it('deletes a bound pod gracefully: Terminating first, gone after a zero-grace delete', async () => {
		const {api} = await withNamespace();
		await api.create('pods', 'default', {metadata: {name: 'p'}, spec: {nodeName: 'n1', containers: [{name: 'c', image: 'nginx'}]}});
		const terminating = await api.delete('pods', 'default', 'p');
		expect(terminating.metadata.deletionTimestamp).toBeDefined();
		expect(terminating.metadata.deletionGracePeriodSeconds).toBe(30);
		expect(api.tryGet('pods', 'default', 'p')).toBeDefined();
		await api.delete('pods', 'default', 'p', {gracePeriodSeconds: 0});
		expect(api.tryGet('pods', 'default', 'p')).toBeUndefined();
	});

	it('keeps an object with finalizers until the last one is removed', async () => {
		const {api} = await withNamespace();
		await api.create('configmaps', 'default', {metadata: {name: 'c', finalizers: ['example.com/hold']}});
		await api.delete('configmaps', 'default', 'c');
		expect(api.get('configmaps', 'default', 'c').metadata.deletionTimestamp).toBeDefined();
		await api.modify('configmaps', 'default', 'c', c => ({...c, metadata: {...c.metadata, finalizers: []}}));
		expect(api.tryGet('configmaps', 'default', 'c')).toBeUndefined();
	});

	it('marks foreground and orphan deletions with their finalizers', async () => {
		const {api} = await withNamespace();
		await api.create('deployments', 'default', deployment('a'));
		await api.create('deployments', 'default', deployment('b'));
		expect((await api.delete('deployments', 'default', 'a', {propagationPolicy: 'Foreground'})).metadata.finalizers).toEqual(['foregroundDeletion']);
		expect((await api.delete('deployments', 'default', 'b', {propagationPolicy: 'Orphan'})).metadata.finalizers).toEqual(['orphan']);
	});
});

describe('registry reads', () => {
	it('lists with label selectors and pages with continue', async () => {
		const {api} = await withNamespace();
		for (let i = 0; i < 7; i++) await api.create('configmaps', 'default', {metadata: {name: `c${i}`, labels: {tier: i % 2 ? 'odd' : 'even'}}});
		expect(api.list('configmaps', 'default', {labelSelector: 'tier=odd'}).items.map(c => c.metadata.name)).toEqual(['c1', 'c3', 'c5']);
		expect(api.list('configmaps', 'default', {labelSelector: 'tier notin (odd)'}).items).toHaveLength(4);
		const first = api.list('configmaps', 'default', {limit: 3});
		expect(first.items.map(c => c.metadata.name)).toEqual(['c0', 'c1', 'c2']);
		expect(first.remainingItemCount).toBe(4);
		const second = api.list('configmaps', 'default', {limit: 3, continue: first.continue});
		expect(second.items.map(c => c.metadata.name)).toEqual(['c3', 'c4', 'c5']);
		const last = api.list('configmaps', 'default', {limit: 3, continue: second.continue});
		expect(last.items.map(c => c.metadata.name)).toEqual(['c6']);
		expect(last.continue).toBeUndefined();
	});

	it('watches from a revision, and objects leaving a selection arrive as DELETED', async () => {
		const {api} = await withNamespace();
		const start = api.resourceVersion();
		const seen: WatchEvent[] = [];
		const watch = api.watch('configmaps', 'default', {resourceVersion: start, labelSelector: 'app=x'}, events => seen.push(...events));
		await api.create('configmaps', 'default', {metadata: {name: 'a', labels: {app: 'x'}}});
		await api.create('configmaps', 'default', {metadata: {name: 'b', labels: {app: 'y'}}});
		await api.modify('configmaps', 'default', 'a', c => ({...c, metadata: {...c.metadata, labels: {app: 'z'}}}));
		await new Promise(resolve => setTimeout(resolve, 10));
		watch.stop();
		expect(seen.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED a', 'DELETED a']);
	});

	it('starts a watch without a revision with ADDED events for what exists', async () => {
		const {api} = await withNamespace();
		await api.create('configmaps', 'default', {metadata: {name: 'a'}});
		const seen: WatchEvent[] = [];
		const watch = api.watch('configmaps', 'default', {}, events => seen.push(...events));
		await api.create('configmaps', 'default', {metadata: {name: 'b'}});
		await new Promise(resolve => setTimeout(resolve, 10));
		watch.stop();
		expect(seen.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED a', 'ADDED b']);
	});
});
