import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {deploymentObject, startTestCluster, type TestCluster} from '../../helpers/cluster-test-cluster.js';

let cluster: TestCluster | undefined;

afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

const service: KubeObject = {
	apiVersion: 'v1',
	kind: 'Service',
	metadata: {name: 'web', labels: {app: 'web'}},
	spec: {selector: {app: 'web'}, ports: [{name: 'http', port: 80, targetPort: 'http'}, {name: 'metrics', port: 9090, targetPort: 9090}]},
};

type Slice = {endpoints: Array<{addresses: string[]; conditions: Record<string, boolean>; nodeName?: string; targetRef: {name: string}}>; ports: unknown[]};

describe('endpoint controllers', () => {
	it('follow pod readiness in Endpoints and EndpointSlices, resolving named ports', async () => {
		cluster = await startTestCluster({nodes: 2});
		const {api} = cluster;
		const podSpec = {containers: [{name: 'web', image: 'nginx:1.27', ports: [{name: 'http', containerPort: 8080}]}]};
		await api.create('deployments', 'default', deploymentObject('web', 'nginx:1.27', 2, {podSpec}));
		await api.create('services', 'default', service);
		await cluster.eventually(() => {
			const endpoints = api.tryGet('endpoints', 'default', 'web');
			return ((endpoints?.['subsets'] as Array<{addresses?: unknown[]}> | undefined)?.[0]?.addresses?.length ?? 0) === 2;
		}, 'two ready addresses');
		const endpoints = api.get('endpoints', 'default', 'web');
		const subsets = endpoints['subsets'] as Array<{addresses: Array<{ip: string; nodeName: string; targetRef: {kind: string}}>; ports: unknown[]}>;
		expect(subsets[0]!.ports).toEqual([
			{name: 'http', port: 8080, protocol: 'TCP'},
			{name: 'metrics', port: 9090, protocol: 'TCP'},
		]);
		expect(subsets[0]!.addresses[0]!.targetRef.kind).toBe('Pod');

		const slices = api.list('endpointslices', 'default', {labelSelector: 'kubernetes.io/service-name=web'}).items;
		expect(slices).toHaveLength(1);
		const slice = slices[0]!;
		expect(slice.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
		expect(slice.metadata.labels).toMatchObject({'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io'});
		expect(slice.metadata.ownerReferences?.[0]).toMatchObject({kind: 'Service', name: 'web', controller: true});
		expect(slice['addressType']).toBe('IPv4');
		const content = slice as unknown as Slice;
		expect(content.endpoints).toHaveLength(2);
		for (const endpoint of content.endpoints) {
			expect(endpoint.conditions).toEqual({ready: true, serving: true, terminating: false});
			expect(endpoint.nodeName).toMatch(/^node-/);
		}

		// A pod that stops being Ready moves to notReadyAddresses and turns ready=false in its slice.
		const victim = cluster.pods('app=web')[0]!;
		await api.modify(
			'pods',
			'default',
			victim.metadata.name!,
			pod => {
				const status = pod['status'] as {conditions: Array<{type: string; status: string}>};
				for (const condition of status.conditions) if (condition.type === 'Ready') condition.status = 'False';
				return pod;
			},
			{status: true},
		);
		await cluster.eventually(() => {
			const subset = (api.get('endpoints', 'default', 'web')['subsets'] as Array<{notReadyAddresses?: unknown[]}>)[0]!;
			return subset.notReadyAddresses?.length === 1;
		}, 'one not ready');
		const after = api.list('endpointslices', 'default', {labelSelector: 'kubernetes.io/service-name=web'}).items[0] as unknown as Slice;
		const endpoint = after.endpoints.find(e => e.targetRef.name === victim.metadata.name)!;
		expect(endpoint.conditions).toEqual({ready: false, serving: false, terminating: false});

		await api.delete('services', 'default', 'web');
		await cluster.eventually(
			() => !api.tryGet('endpoints', 'default', 'web') && api.list('endpointslices', 'default').items.length === 0,
			'endpoints gone with the service',
		);
	});
});

describe('endpoint slice placement', () => {
	const backend = (index: number) => ({
		pod: {metadata: {name: `web-${index}`, namespace: 'default', uid: `uid-${index}`}},
		ip: `10.244.0.${index}`,
		nodeName: 'node-1',
		ready: true,
		serving: true,
		terminating: false,
		hostname: undefined,
		ports: [{name: 'http', port: 8080, protocol: 'TCP'}],
	});
	const range = (from: number, to: number) => Array.from({length: to - from}, (_, index) => backend(from + index));

	it('keeps endpoints where they are, fills slices with room, and makes new ones of at most 100', async () => {
		const {planSlices} = await import('../../../source/cluster/controllers/endpointslice.js');
		const first = planSlices([], range(0, 150));
		expect(first.create.map(slice => slice.endpoints.length)).toEqual([100, 50]);
		const existing = first.create.map((slice, index) => ({name: `web-${index}`, ...slice}));
		// One pod goes from the first slice, three arrive: only the slices that change are written.
		const next = planSlices(existing, [...range(1, 150), ...range(150, 153)]);
		expect(next.create).toEqual([]);
		expect(next.remove).toEqual([]);
		expect([...next.update.keys()].sort()).toEqual(['web-0', 'web-1']);
		expect(next.update.get('web-0')!.endpoints.map(e => (e.targetRef as {name: string}).name)).not.toContain('web-0');
		expect(next.update.get('web-0')!.endpoints).toHaveLength(100);
		const unchanged = planSlices(existing, range(0, 150));
		expect(unchanged.update.size + unchanged.create.length + unchanged.remove.length).toBe(0);
		const empty = planSlices(existing, []);
		expect(empty.update.get('web-0')).toEqual({endpoints: [], ports: []});
		expect(empty.remove).toEqual(['web-1']);
	});
});
