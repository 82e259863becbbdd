import {Agent, request} from 'node:https';
import type {IncomingMessage} from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ObjectAPI} from '../../../source/cluster/api/object-api.js';
import {fakeCluster} from '../../helpers/serve-fake-cluster.js';
import {serveForTest, type TestServer} from '../../helpers/serve-client.js';
import {eventually} from '../../helpers/serve-kubectl.js';

let api: TestServer;
let cluster: Awaited<ReturnType<typeof fakeCluster>>;
let openWatches = 0;

beforeAll(async () => {
	const base = await fakeCluster({historyLimit: 1000});
	// Count the store watches the server holds open, to see it let go of them.
	const counted: ObjectAPI = Object.create(base.api) as ObjectAPI;
	counted.watch = (resource, namespace, options, onEvent) => {
		const watch = base.api.watch(resource, namespace, options, onEvent);
		openWatches++;
		let stopped = false;
		return {
			stop() {
				if (!stopped) openWatches--;
				stopped = true;
				watch.stop();
			},
		};
	};
	cluster = {...base, api: counted};
	api = await serveForTest(cluster, {limits: {maxWatchBacklogBytes: 256 * 1024}});
	await base.api.create('namespaces', undefined, {metadata: {name: 'busy'}});
});

afterAll(async () => {
	await api.close();
	await cluster.stop();
});

function openRaw(path: string): Promise<{response: IncomingMessage; destroy(): void}> {
	return new Promise((resolve, reject) => {
		const outgoing = request(`${api.url}${path}`, {headers: {authorization: `Bearer ${api.token}`}, agent: new Agent({ca: api.server.credentials.caCertificate})}, response =>
			resolve({response, destroy: () => outgoing.destroy()}),
		);
		outgoing.on('error', reject);
		outgoing.end();
	});
}

describe('watch lifecycle', () => {
	it('lets go of the store watch when the client goes away', async () => {
		const before = openWatches;
		const stream = await openRaw('/api/v1/namespaces/default/configmaps?watch=true');
		expect(openWatches).toBe(before + 1);
		stream.destroy();
		await eventually(async () => openWatches === before, 10, 'the watch to stop');
	});

	it('closes a watch whose client stops reading and falls far behind', async () => {
		const before = openWatches;
		const list = (await api.request('GET', '/api/v1/namespaces/busy/configmaps')).json();
		const stream = await openRaw(`/api/v1/namespaces/busy/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}`);
		stream.response.pause();
		const big = 'x'.repeat(500 * 1024);
		for (let index = 0; index < 40 && openWatches > before; index++) {
			await cluster.api.create('configmaps', 'busy', {metadata: {name: `big-${index}`}, data: {big}});
		}
		await eventually(async () => openWatches === before, 10, 'the lagging watch to be closed');
		stream.destroy();
	});

	it('ends all streams when the server closes', async () => {
		const other = await serveForTest(cluster);
		const stream = await other.stream('/api/v1/namespaces/default/configmaps?watch=true');
		const before = openWatches;
		await other.close();
		await stream.ended;
		expect(openWatches).toBe(before - 1);
	});
});

describe('listen address', () => {
	it('warns when the API listens beyond loopback', async () => {
		const warnings: string[] = [];
		const wide = await serveForTest(cluster, {address: '0.0.0.0', warn: message => warnings.push(message)});
		try {
			expect(warnings.join()).toContain('listens on 0.0.0.0');
			expect(wide.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
			expect((await wide.request('GET', '/readyz')).text).toBe('ok');
		} finally {
			await wide.close();
		}
	});
});
