import {afterEach, describe, expect, it} from 'vitest';
import {connect, type ConnectOptions} from '../../source/client/connect.js';
import type {HttpClusterClient} from '../../source/client/http-client.js';
import type {ListWatchCache} from '../../source/client/list-watch.js';
import {FakeApiServer, pod} from './helpers/fake-api-server.js';
import {ManualClock, recordingWait, waitUntil} from './helpers/waiting.js';

let server: FakeApiServer;
let client: HttpClusterClient | undefined;

async function open(options: Partial<ConnectOptions> = {}, setup?: (server: FakeApiServer) => void): Promise<HttpClusterClient> {
	server = new FakeApiServer();
	setup?.(server);
	await server.start();
	client = await connect({kubeconfig: server.kubeconfig(), coalesceMs: 10, lingerMs: 0, ...options});
	return client;
}

const names = (cache: {items(): readonly {metadata: {name?: string; namespace?: string}}[]}) =>
	cache.items().map(item => `${item.metadata.namespace ?? ''}/${item.metadata.name}`);

afterEach(async () => {
	client?.close();
	client = undefined;
	await server?.close();
});

describe('list-then-watch cache', () => {
	it('lists, then follows adds, updates and deletes', async () => {
		const kube = await open({}, fake => fake.seed('pods', [pod('web-2'), pod('web-1'), pod('db-1', 'other')]));
		const cache = kube.cache('pods', 'default');
		await waitUntil(() => cache.synced(), 'first list');
		expect(names(cache)).toEqual(['default/web-1', 'default/web-2']);
		expect(cache.items()[0].kind).toBe('Pod');
		await server.waitForWatches(1);

		server.put('pods', pod('web-3'));
		server.put('pods', pod('elsewhere', 'other'));
		await waitUntil(() => names(cache).includes('default/web-3'), 'added pod');
		expect(names(cache)).toEqual(['default/web-1', 'default/web-2', 'default/web-3']);

		server.put('pods', pod('web-1', 'default', {status: {phase: 'Running'}}));
		await waitUntil(() => (cache.items()[0].status as {phase?: string} | undefined)?.phase === 'Running', 'updated pod');

		server.remove('pods', 'default', 'web-2');
		await waitUntil(() => !names(cache).includes('default/web-2'), 'deleted pod');
		expect(names(cache)).toEqual(['default/web-1', 'default/web-3']);
		expect(cache.error()).toBeUndefined();
	});

	it('keeps items sorted by namespace, then name, across all namespaces', async () => {
		const kube = await open({}, fake => fake.seed('pods', [pod('b', 'a-b'), pod('z', 'a'), pod('a', 'a-b'), pod('m', 'a')]));
		const cache = kube.cache('pods', undefined);
		await waitUntil(() => cache.synced(), 'first list');
		expect(names(cache)).toEqual(['a/m', 'a/z', 'a-b/a', 'a-b/b']);
		await server.waitForWatches(1);
		server.put('pods', pod('n', 'a'));
		await waitUntil(() => cache.items().length === 5, 'added pod');
		expect(names(cache)).toEqual(['a/m', 'a/n', 'a/z', 'a-b/a', 'a-b/b']);
	});

	it('hands out the same array until something changes', async () => {
		const kube = await open({}, fake => fake.seed('pods', [pod('web-1')]));
		const cache = kube.cache('pods', 'default');
		await waitUntil(() => cache.synced(), 'first list');
		const first = cache.items();
		server.bookmark();
		await new Promise(resolve => setTimeout(resolve, 50));
		expect(cache.items()).toBe(first);
		server.put('pods', pod('web-2'));
		await waitUntil(() => cache.items() !== first, 'new array');
		expect(cache.items()).toHaveLength(2);
	});

	it('lists again when the watch is told its resourceVersion is gone (HTTP 410)', async () => {
		const waiting = recordingWait();
		const kube = await open({wait: waiting.wait}, fake => fake.seed('pods', [pod('web-1')]));
		const cache = kube.cache('pods', 'default') as ListWatchCache;
		await waitUntil(() => cache.synced(), 'first list');
		await server.waitForWatches(1);

		waiting.hold();
		server.dropWatches();
		await waitUntil(() => waiting.delays.length === 1, 'the client to notice the drop');
		expect(cache.error()).toMatch(/lost the watch connection/);
		// While the client is away, a pod comes and goes out of the server's history.
		server.put('pods', pod('while-away'));
		server.remove('pods', 'default', 'web-1');
		server.compact();
		waiting.release();

		await waitUntil(() => names(cache).join() === 'default/while-away', 'state after re-list');
		expect(cache.stats().lists).toBe(2);
		expect(cache.error()).toBeUndefined();
	});

	it('lists again after an ERROR 410 event on an open watch', async () => {
		const kube = await open({}, fake => fake.seed('pods', [pod('web-1')]));
		const cache = kube.cache('pods', 'default') as ListWatchCache;
		await waitUntil(() => cache.synced(), 'first list');
		await server.waitForWatches(1);
		server.seed('pods', [pod('unseen')]);
		server.expireWatches();
		await waitUntil(() => names(cache).includes('default/unseen'), 're-list');
		expect(cache.stats().lists).toBe(2);
		const listRequests = server.requests.filter(request => request.path === '/api/v1/namespaces/default/pods' && !request.query.get('watch'));
		expect(listRequests).toHaveLength(2);
	});

	it('backs off 0.5 s doubling while the watch fails, and starts over after an event', async () => {
		const waiting = recordingWait();
		const kube = await open({wait: waiting.wait}, fake => {
			fake.seed('pods', [pod('web-1')]);
			fake.refuseWatches = 4;
		});
		const cache = kube.cache('pods', 'default');
		await server.waitForWatches(1);
		expect(waiting.delays).toEqual([500, 1000, 2000, 4000]);
		expect(cache.synced()).toBe(true);
		// A refused watch resumes from the same resourceVersion: one list in all.
		expect(server.requests.filter(request => request.path.endsWith('/pods') && !request.query.get('watch'))).toHaveLength(1);

		server.put('pods', pod('web-2'));
		await waitUntil(() => cache.items().length === 2, 'event after recovery');
		server.refuseWatches = 2;
		server.dropWatches();
		await server.waitForWatches(1);
		expect(waiting.delays).toEqual([500, 1000, 2000, 4000, 500, 1000, 2000]);
	});

	it('says why while disconnected, and clears it when the watch is back', async () => {
		const waiting = recordingWait();
		const kube = await open({wait: waiting.wait}, fake => fake.seed('pods', [pod('web-1')]));
		const cache = kube.cache('pods', 'default');
		await server.waitForWatches(1);
		waiting.hold();
		server.refuseWatches = 1;
		server.dropWatches();
		await waitUntil(() => waiting.delays.length === 1, 'first retry');
		waiting.release();
		waiting.hold();
		await waitUntil(() => waiting.delays.length === 2, 'second retry');
		expect(cache.error()).toBe('Error from server (InternalError): Internal error occurred: watch refused for the test');
		waiting.release();
		await server.waitForWatches(1);
		await waitUntil(() => cache.error() === undefined, 'error cleared');
	});

	it('coalesces a storm of 1,000 events into one notification per window', async () => {
		const clock = new ManualClock();
		const kube = await open({clock, coalesceMs: 150});
		const cache = kube.cache('pods', 'default') as ListWatchCache;
		await waitUntil(() => cache.synced(), 'first list');
		await server.waitForWatches(1);
		let notifications = 0;
		cache.subscribe(() => notifications++);

		server.burst('pods', Array.from({length: 1000}, (_, index) => pod(`storm-${String(index).padStart(4, '0')}`)));
		await waitUntil(() => cache.stats().events === 1000, 'all events applied');
		expect(notifications).toBe(0);
		expect(cache.items()).toHaveLength(0);
		clock.advance(150);
		expect(notifications).toBe(1);
		expect(cache.items()).toHaveLength(1000);
		expect(cache.items()[999].metadata.name).toBe('storm-0999');
		clock.advance(1000);
		expect(notifications).toBe(1);
	});

	it('reads a big list in pages of 500 with continue', async () => {
		const pods = Array.from({length: 1234}, (_, index) => pod(`pod-${String(index).padStart(4, '0')}`));
		const kube = await open({}, fake => fake.seed('pods', pods));
		const cache = kube.cache('pods', 'default');
		await waitUntil(() => cache.synced(), 'first list');
		expect(cache.items()).toHaveLength(1234);
		expect(cache.items()[1233].metadata.name).toBe('pod-1233');
		const pages = server.requests.filter(request => request.path === '/api/v1/namespaces/default/pods' && !request.query.get('watch'));
		expect(pages.map(page => [page.query.get('limit'), Boolean(page.query.get('continue'))])).toEqual([
			['500', false],
			['500', true],
			['500', true],
		]);
		expect(await kube.list('pods', 'default')).toHaveLength(1234);
	});

	it('asks for the next page as soon as its token arrives, before the current page is complete', async () => {
		const pods = Array.from({length: 1500}, (_, index) => pod(`pod-${String(index).padStart(4, '0')}`));
		const kube = await open({}, fake => {
			fake.seed('pods', pods);
			fake.holdPageTails = true;
		});
		const listed = await kube.list('pods', 'default');
		expect(listed).toHaveLength(1500);
		expect(server.pagesAskedEarly).toBe(2);
	});

	it('reads every page whatever order the list\'s fields come in', async () => {
		const pods = Array.from({length: 1100}, (_, index) => pod(`pod-${String(index).padStart(4, '0')}`));
		const kube = await open({}, fake => {
			fake.seed('pods', pods);
			fake.listMetadataLast = true;
		});
		const listed = await kube.list('pods', 'default');
		expect(listed.map(item => item.metadata.name)).toEqual(pods.map(item => item.metadata.name));
		expect(server.requests.filter(request => request.path === '/api/v1/namespaces/default/pods')).toHaveLength(3);
	});

	it('reads the list in one answer when told to', async () => {
		const kube = await open({pageSize: 0}, fake => fake.seed('pods', Array.from({length: 700}, (_, index) => pod(`pod-${index}`))));
		const cache = kube.cache('pods', undefined);
		await waitUntil(() => cache.synced(), 'first list');
		expect(cache.items()).toHaveLength(700);
		expect(server.requests.filter(request => request.path === '/api/v1/pods' && !request.query.get('watch'))).toHaveLength(1);
	});

	it('watches from the list resourceVersion with bookmarks', async () => {
		const kube = await open({}, fake => fake.seed('pods', [pod('web-1')]));
		const cache = kube.cache('pods', 'default') as ListWatchCache;
		await server.waitForWatches(1);
		const watch = server.requests.find(request => request.query.get('watch'));
		expect(watch?.query.get('allowWatchBookmarks')).toBe('true');
		expect(watch?.query.get('resourceVersion')).toBe(cache.stats().resourceVersion);
	});

	it('shares one cache per resource and namespace, and stops watching once every user released it', async () => {
		const kube = await open();
		const first = kube.cache('pods', 'default');
		const second = kube.cache('po', 'default');
		const other = kube.cache('pods', 'kube-system');
		const nodes = kube.cache('nodes', 'default');
		expect(second).toBe(first);
		expect(other).not.toBe(first);
		expect(nodes.namespace).toBeUndefined();
		await server.waitForWatches(3);
		kube.release(first);
		kube.release(other);
		kube.release(nodes);
		await waitUntil(() => server.openWatches === 1, 'two watches closed');
		kube.release(second);
		await waitUntil(() => server.openWatches === 0, 'watch closed');
		expect(kube.cache('pods', 'default')).not.toBe(first);
	});

	it('lists again now and then a resource that cannot be watched', async () => {
		const waiting = recordingWait();
		waiting.hold();
		const kube = await open({wait: waiting.wait}, fake => fake.seed('componentstatuses', [{metadata: {name: 'etcd-0'}}]));
		const cache = kube.cache('cs', undefined);
		await waitUntil(() => waiting.delays.length === 1, 'first pause');
		expect(names(cache)).toEqual(['/etcd-0']);
		expect(waiting.delays).toEqual([5000]);
		server.seed('componentstatuses', [{metadata: {name: 'scheduler'}}]);
		waiting.release();
		waiting.hold();
		await waitUntil(() => cache.items().length === 2, 'second list');
		expect(server.requests.some(request => request.query.get('watch'))).toBe(false);
	});

	it('reports a resource the cluster does not serve', async () => {
		const kube = await open();
		const cache = kube.cache('frobs', undefined);
		expect(cache.synced()).toBe(false);
		expect(cache.error()).toBe('the server doesn\'t have a resource type "frobs"');
	});

	it('close ends every watch', async () => {
		const kube = await open();
		kube.cache('pods', undefined);
		kube.cache('deployments', 'default');
		await server.waitForWatches(2);
		kube.close();
		await waitUntil(() => server.openWatches === 0, 'watches closed');
	});
});
