import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CoreV1Api, KubeConfig, makeInformer, PatchStrategy, setHeaderOptions, type V1ConfigMap} from '@kubernetes/client-node';
import {createCluster} from '../../source/cluster/cluster.js';
import type {Cluster} from '../../source/cluster/cluster-types.js';
import {startApiServer, type ApiServer} from '../../source/cluster/server/api-server.js';
import {writeKubeconfig} from '../../source/cluster/server/kubeconfig.js';

// A second real client beside kubectl: @kubernetes/client-node's informer, as an operator would use it.
let cluster: Cluster;
let server: ApiServer;
let dir: string;
let config: KubeConfig;

async function eventually(check: () => boolean, what: string, ms = 15_000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 25));
	}
}

beforeAll(async () => {
	cluster = await createCluster({nodes: 1, serviceListeners: false});
	server = await startApiServer(cluster, {port: 0});
	dir = await mkdtemp(path.join(os.tmpdir(), 'kd-client-node-'));
	const file = path.join(dir, 'kubeconfig');
	await writeKubeconfig(file, server.url, server.credentials.caCertificate, server.credentials.token);
	config = new KubeConfig();
	config.loadFromFile(file);
});

afterAll(async () => {
	await server?.close();
	await cluster?.stop();
	if (dir) await rm(dir, {recursive: true, force: true});
});

describe('@kubernetes/client-node against kubedeck serve', () => {
	it('runs an informer that sees adds, updates and deletes, patches, and lists again after 410 Gone', async () => {
		const core = config.makeApiClient(CoreV1Api);
		let lists = 0;
		const informer = makeInformer(config, '/api/v1/namespaces/default/configmaps', () => {
			lists++;
			return core.listNamespacedConfigMap({namespace: 'default'});
		});
		const seen: string[] = [];
		informer.on('add', (object: V1ConfigMap) => seen.push(`add ${object.metadata?.name}`));
		informer.on('update', (object: V1ConfigMap) => seen.push(`update ${object.metadata?.name} ${object.data?.['k']}`));
		informer.on('delete', (object: V1ConfigMap) => seen.push(`delete ${object.metadata?.name}`));
		informer.on('error', () => {});
		await informer.start();

		await core.createNamespacedConfigMap({namespace: 'default', body: {metadata: {name: 'watched'}, data: {k: '1'}}});
		await eventually(() => seen.includes('add watched'), 'the add');
		await core.patchNamespacedConfigMap({name: 'watched', namespace: 'default', body: {data: {k: '2'}}}, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
		await eventually(() => seen.includes('update watched 2'), 'the update');
		expect((await core.readNamespacedConfigMap({name: 'watched', namespace: 'default'})).data?.['k']).toBe('2');
		await core.deleteNamespacedConfigMap({name: 'watched', namespace: 'default'});
		await eventually(() => seen.includes('delete watched'), 'the delete');

		// The API server goes away; meanwhile so many writes happen that the informer's resourceVersion is compacted.
		// When the server is back, the informer's watch gets 410 Gone and must list again to catch up.
		const port = server.port;
		const credentials = server.credentials;
		await server.close();
		for (let index = 0; index < 10_050; index++) await cluster.api.create('configmaps', 'default', {metadata: {name: `bulk-${index}`}});
		server = await startApiServer(cluster, {port, credentials});
		await eventually(() => informer.list('default').length === 10_050, 'the re-list after 410', 40_000);
		expect(lists).toBeGreaterThanOrEqual(2);
		await informer.stop();
	}, 90_000);
});
