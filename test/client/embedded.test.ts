import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {connect} from '../../source/client/connect.js';
import {describeError} from '../../source/client/errors.js';
import type {HttpClusterClient} from '../../source/client/http-client.js';
import {ClientError} from '../../source/client/types.js';
import {startEmbedded, type EmbeddedCluster} from '../../source/commands/serve.js';
import {waitUntil} from './helpers/waiting.js';

/** The client against kubedeck's own API server over HTTPS, as the dashboard reaches it. */
let embedded: EmbeddedCluster;
let client: HttpClusterClient;

beforeAll(async () => {
	embedded = await startEmbedded({ephemeral: true, nodes: 2, quiet: true});
	client = await connect({kubeconfigPath: embedded.kubeconfigPath});
});

afterAll(async () => {
	client?.close();
	await embedded?.stop();
});

describe('the client on the embedded cluster', () => {
	it('knows it is kubedeck\'s own cluster and what it serves', () => {
		expect(client.info()).toMatchObject({context: 'kubedeck', embedded: true, version: 'v1.32.4', server: embedded.url});
		expect(client.resolve('deploy')).toMatchObject({plural: 'deployments', group: 'apps'});
		expect(client.resolve('po')).toMatchObject({plural: 'pods', namespaced: true});
	});

	it('watches nodes, a deployment\'s pods, and objects that come, change and go', async () => {
		const nodes = client.cache('nodes', undefined);
		await waitUntil(() => nodes.synced() && nodes.items().length === 2, 'nodes');
		const pods = client.cache('pods', 'client-test');
		await client.create('namespaces', undefined, {metadata: {name: 'client-test'}});
		await client.create('deployments', 'client-test', {
			metadata: {name: 'web'},
			spec: {
				replicas: 2,
				selector: {matchLabels: {app: 'web'}},
				template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1'}]}},
			},
		});
		await waitUntil(() => pods.items().length === 2, 'two pods');
		await waitUntil(() => pods.items().every(pod => (pod.status as {phase?: string} | undefined)?.phase === 'Running'), 'pods running', 30_000);
		const configMaps = client.cache('configmaps', 'client-test');
		await client.create('configmaps', 'client-test', {metadata: {name: 'settings'}, data: {colour: 'blue'}});
		await waitUntil(() => configMaps.items().some(item => item.metadata.name === 'settings'), 'config map added');
		await client.patch('configmaps', 'client-test', 'settings', {data: {colour: 'green'}}, 'merge');
		await waitUntil(() => (configMaps.items()[0]?.data as {colour?: string} | undefined)?.colour === 'green', 'config map changed');
		await client.delete('configmaps', 'client-test', 'settings');
		await waitUntil(() => configMaps.items().length === 0, 'config map deleted');
		expect(pods.error()).toBeUndefined();
	});

	it('shows the server\'s own error messages', async () => {
		const error = await client.get('deployments', 'default', 'nope').catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ClientError);
		expect(describeError(error)).toBe('Error from server (NotFound): deployments.apps "nope" not found');
	});
});
