import type http from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {connect, type ConnectOptions} from '../../source/client/connect.js';
import {describeError} from '../../source/client/errors.js';
import type {HttpClusterClient} from '../../source/client/http-client.js';
import {ClientError} from '../../source/client/types.js';
import {FakeApiServer, pod} from './helpers/fake-api-server.js';
import {waitUntil} from './helpers/waiting.js';

let server: FakeApiServer;
let client: HttpClusterClient | undefined;

async function open(
	options: Partial<ConnectOptions> = {},
	setup?: (server: FakeApiServer) => void,
	served: {metrics?: boolean} = {},
): Promise<HttpClusterClient> {
	server = new FakeApiServer(served);
	setup?.(server);
	await server.start();
	client = await connect({kubeconfig: server.kubeconfig(), coalesceMs: 10, lingerMs: 0, ...options});
	return client;
}

async function rejection(promise: Promise<unknown>): Promise<ClientError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(ClientError);
		return error as ClientError;
	}
	throw new Error('expected a rejection');
}

afterEach(async () => {
	client?.close();
	client = undefined;
	await server?.close();
});

describe('verbs', () => {
	it('gets and lists objects with their kind filled in', async () => {
		const kube = await open({}, fake => fake.seed('pods', [pod('web-1'), pod('web-2', 'other')]));
		const one = await kube.get('pods', 'default', 'web-1');
		expect(one.metadata.name).toBe('web-1');
		expect(one.kind).toBe('Pod');
		const all = await kube.list('pods', undefined);
		expect(all.map(item => `${item.metadata.namespace}/${item.metadata.name}`).sort()).toEqual(['default/web-1', 'other/web-2']);
		expect(all.every(item => item.kind === 'Pod' && item.apiVersion === 'v1')).toBe(true);
		await kube.list('pods', 'default', {labelSelector: 'app=web', fieldSelector: 'status.phase=Running'});
		const last = server.requests.at(-1)!;
		expect(last.path).toBe('/api/v1/namespaces/default/pods');
		expect(last.query.get('labelSelector')).toBe('app=web');
		expect(last.query.get('fieldSelector')).toBe('status.phase=Running');
	});

	it('builds group and cluster-scoped URLs from the kinds', async () => {
		const kube = await open({}, fake => {
			fake.seed('deployments', [{metadata: {name: 'web', namespace: 'default'}}]);
			fake.seed('nodes', [{metadata: {name: 'node-1'}}]);
		});
		expect((await kube.get('deploy', 'default', 'web')).apiVersion).toBe('apps/v1');
		expect((await kube.get('nodes', 'ignored', 'node-1')).kind).toBe('Node');
		expect(server.requests.slice(-2).map(request => request.path)).toEqual([
			'/apis/apps/v1/namespaces/default/deployments/web',
			'/api/v1/nodes/node-1',
		]);
	});

	it('creates in the object\'s namespace, or the context\'s', async () => {
		const kube = await open();
		const created = await kube.create('configmaps', undefined, {metadata: {name: 'settings'}, data: {a: '1'}});
		expect(created.metadata.namespace).toBe('default');
		expect(JSON.parse(server.requests.at(-1)!.body)).toMatchObject({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings'}});
		await kube.create('configmaps', 'default', {metadata: {name: 'other', namespace: 'kube-system'}});
		expect(server.requests.at(-1)!.path).toBe('/api/v1/namespaces/kube-system/configmaps');
	});

	it('patches with the content type of each patch kind', async () => {
		const kube = await open({}, fake => fake.seed('deployments', [{metadata: {name: 'web', namespace: 'default'}, spec: {replicas: 1}}]));
		const merged = await kube.patch('deployments', 'default', 'web', {spec: {replicas: 3}}, 'merge');
		expect((merged.spec as {replicas: number}).replicas).toBe(3);
		await kube.patch('deployments', 'default', 'web', {metadata: {labels: {team: 'blue'}}}, 'strategic');
		await kube.patch('deployments', 'default', 'web', [{op: 'replace', path: '/spec/replicas', value: 2}], 'json');
		const patches = server.requests.filter(request => request.method === 'PATCH');
		expect(patches.map(request => request.headers['content-type'])).toEqual([
			'application/merge-patch+json',
			'application/strategic-merge-patch+json',
			'application/json-patch+json',
		]);
		expect(JSON.parse(patches[2].body)).toEqual([{op: 'replace', path: '/spec/replicas', value: 2}]);
	});

	it('deletes with DeleteOptions in the body', async () => {
		const kube = await open({}, fake => fake.seed('pods', [pod('web-1')]));
		await kube.delete('pods', 'default', 'web-1', {gracePeriodSeconds: 0, propagationPolicy: 'Background'});
		const request = server.requests.at(-1)!;
		expect(request.method).toBe('DELETE');
		expect(JSON.parse(request.body)).toEqual({kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, propagationPolicy: 'Background'});
		expect(await rejection(kube.get('pods', 'default', 'web-1'))).toMatchObject({code: 404});
	});

	it('evicts with a policy/v1 Eviction, and says why one is refused', async () => {
		const kube = await open({}, fake => fake.seed('pods', [pod('web-1'), pod('web-2')]));
		await kube.evict('default', 'web-1');
		const request = server.requests.at(-1)!;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/v1/namespaces/default/pods/web-1/eviction');
		expect(JSON.parse(request.body)).toEqual({apiVersion: 'policy/v1', kind: 'Eviction', metadata: {name: 'web-1', namespace: 'default'}});
		server.evictionRefusal = {code: 429, reason: 'TooManyRequests', message: 'Cannot evict pod as it would violate the pod\'s disruption budget.'};
		const error = await rejection(kube.evict('default', 'web-2'));
		expect(describeError(error)).toBe('Error from server (TooManyRequests): Cannot evict pod as it would violate the pod\'s disruption budget.');
	});
});

describe('errors', () => {
	it('carry the server\'s own message, code and reason', async () => {
		const kube = await open({}, fake => fake.seed('deployments', [{metadata: {name: 'web', namespace: 'default'}}]));
		const missing = await rejection(kube.get('deployments', 'default', 'x'));
		expect(missing.message).toBe('deployments.apps "x" not found');
		expect(missing.code).toBe(404);
		expect(missing.reason).toBe('NotFound');
		expect(describeError(missing)).toBe('Error from server (NotFound): deployments.apps "x" not found');
		const duplicate = await rejection(kube.create('deployments', 'default', {metadata: {name: 'web'}}));
		expect(describeError(duplicate)).toBe('Error from server (AlreadyExists): deployments.apps "web" already exists');
	});

	it('name a resource the cluster does not serve', async () => {
		const kube = await open();
		const error = await rejection(kube.get('frobs', 'default', 'x'));
		expect(error.message).toBe('the server doesn\'t have a resource type "frobs"');
	});

	it('say so when the answer is no Status', async () => {
		const kube = await open();
		server.failures.set('/api/v1/namespaces/default/pods/x', {code: 502, body: 'upstream gone'});
		const error = await rejection(kube.get('pods', 'default', 'x'));
		expect(error.message).toBe('upstream gone');
		expect(error.code).toBe(502);
	});

	it('say the server cannot be reached once it is gone', async () => {
		const kube = await open();
		await server.close();
		const error = await rejection(kube.get('pods', 'default', 'x'));
		expect(error.message).toMatch(/^Unable to connect to the server: .*ECONNREFUSED/);
	});
});

describe('logs', () => {
	it('hands out whole lines however the chunks fall', async () => {
		const kube = await open({}, fake => {
			fake.seed('pods', [pod('web-1')]);
			fake.onLogs = response => {
				response.write('first line\nsec');
				setTimeout(() => response.write('ond line\r\nthird'), 10);
				setTimeout(() => response.end(' and last'), 20);
			};
		});
		const lines: string[] = [];
		let ended: {error?: string} | undefined;
		kube.logs('default', 'web-1', {container: 'main', tailLines: 10, timestamps: true}, chunk => lines.push(...chunk), error => (ended = {error}));
		await waitUntil(() => ended !== undefined, 'end of logs');
		expect(lines).toEqual(['first line', 'second line', 'third and last']);
		expect(ended).toEqual({error: undefined});
		const query = server.requests.at(-1)!.query;
		expect(Object.fromEntries(query)).toEqual({container: 'main', tailLines: '10', timestamps: 'true'});
	});

	it('follows a stream line by line until stopped', async () => {
		let stream: http.ServerResponse | undefined;
		const kube = await open({}, fake => {
			fake.seed('pods', [pod('web-1')]);
			fake.onLogs = response => {
				stream = response;
				response.write('started\n');
			};
		});
		const chunks: string[][] = [];
		let ended = false;
		const logs = kube.logs('default', 'web-1', {follow: true}, chunk => chunks.push(chunk), () => (ended = true));
		await waitUntil(() => chunks.length === 1, 'first line');
		expect(server.requests.at(-1)!.query.get('follow')).toBe('true');
		stream!.write('tick 1\ntick 2\n');
		await waitUntil(() => chunks.length === 2, 'more lines');
		expect(chunks).toEqual([['started'], ['tick 1', 'tick 2']]);
		logs.stop();
		await waitUntil(() => stream!.destroyed || stream!.socket === null, 'stream closed on the server');
		expect(ended).toBe(false);
	});

	it('ends with the server\'s message when there are no logs to read', async () => {
		const kube = await open();
		let ended: string | undefined;
		kube.logs('default', 'nope', {}, () => undefined, error => (ended = error));
		await waitUntil(() => ended !== undefined, 'end');
		expect(ended).toBe('Error from server (NotFound): pods "nope" not found');
	});

	it('are stopped by close', async () => {
		let stream: http.ServerResponse | undefined;
		const kube = await open({}, fake => {
			fake.seed('pods', [pod('web-1')]);
			fake.onLogs = response => {
				stream = response;
				response.write('started\n');
			};
		});
		kube.logs('default', 'web-1', {follow: true}, () => undefined, () => undefined);
		await waitUntil(() => stream !== undefined, 'stream open');
		kube.close();
		await waitUntil(() => stream!.destroyed, 'stream closed on the server');
	});
});

describe('metrics', () => {
	it('adds up pod containers and reads node usage', async () => {
		const kube = await open({}, undefined, {metrics: true});
		expect(await kube.nodeMetrics()).toEqual([
			{name: 'node-1', cpuMilli: 250, memoryBytes: 512 * 2 ** 20},
			{name: 'node-2', cpuMilli: 1500, memoryBytes: 2 ** 30},
		]);
		expect(await kube.podMetrics('default')).toEqual([{namespace: 'default', name: 'web-1', cpuMilli: 15, memoryBytes: 16 * 2 ** 20}]);
		expect(server.requests.at(-1)!.path).toBe('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods');
	});

	it('are undefined when the cluster serves none', async () => {
		const kube = await open();
		expect(await kube.nodeMetrics()).toBeUndefined();
		expect(await kube.podMetrics(undefined)).toBeUndefined();
	});
});
