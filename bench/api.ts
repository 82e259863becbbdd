// API server speed over HTTPS on loopback: GET, LIST and PATCH latency, throughput with concurrent clients,
// a LIST of 10,000 pods as JSON and as a Table, and how fast 100 watchers hear of a write.
// The cluster behind the server is the real registry over the in-memory store, with no controllers or kubelets,
// so the figures are the API's own. Run alone: node --import tsx bench/api.ts
import {Agent, request} from 'node:https';
import {pathToFileURL} from 'node:url';
import {systemClock} from '../source/cluster/clock.js';
import {compressedTimings, type Cluster, type PodRuntime} from '../source/cluster/cluster-types.js';
import {createRegistry} from '../source/cluster/api/registry.js';
import {bootstrapCluster} from '../source/cluster/bootstrap/bootstrap.js';
import {openStore} from '../source/cluster/store/open.js';
import {startApiServer, type ApiServer} from '../source/cluster/server/api-server.js';
import type {KubeObject} from '../source/cluster/api/object.js';

const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

const idleRuntime: PodRuntime = {
	logs: async () => ({stop() {}, done: Promise.resolve()}),
	exec: async () => ({write() {}, closeStdin() {}, resize() {}, exitCode: Promise.resolve(0)}),
	proxy: async () => ({status: 502, headers: {}, body: new Uint8Array()}),
	serviceProxy: async () => ({status: 502, headers: {}, body: new Uint8Array()}),
	nodeUsage: () => [],
	podUsage: () => [],
};

async function benchCluster(): Promise<Cluster> {
	const store = await openStore({historyLimit: 50_000});
	const api = createRegistry(store, {clock: systemClock, defaultTolerationSeconds: 300});
	await bootstrapCluster(api, {nodes: 3});
	return {api, runtime: idleRuntime, clock: systemClock, timings: compressedTimings, ready: async () => {}, stop: () => store.close()};
}

function pod(name: string, namespace: string): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace, labels: {app: 'web', tier: 'frontend', 'pod-template-hash': '7d4b9c8f6'}},
		spec: {
			nodeName: 'worker-1',
			containers: [
				{
					name: 'web',
					image: 'gcr.io/google-samples/kubernetes-bootcamp:v1',
					ports: [{containerPort: 8080, protocol: 'TCP'}],
					resources: {requests: {cpu: '100m', memory: '64Mi'}},
				},
			],
		},
	};
}

type Client = {call(method: string, path: string, options?: {body?: string; headers?: Record<string, string>}): Promise<{status: number; bytes: number}>};

function client(server: ApiServer, sockets: number): Client {
	const agent = new Agent({ca: server.credentials.caCertificate, keepAlive: true, maxSockets: sockets});
	const authorization = `Bearer ${server.credentials.token}`;
	return {
		call(method, path, options = {}) {
			return new Promise((resolve, reject) => {
				const headers: Record<string, string> = {authorization, ...options.headers};
				if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
				const call = request(`${server.url}${path}`, {method, headers, agent}, response => {
					let bytes = 0;
					response.on('data', (chunk: Buffer) => (bytes += chunk.length));
					response.on('end', () => resolve({status: response.statusCode ?? 0, bytes}));
				});
				call.on('error', reject);
				call.end(options.body);
			});
		},
	};
}

function percentile(samples: number[], fraction: number): number {
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

async function latencies(count: number, call: (index: number) => Promise<unknown>): Promise<number[]> {
	const samples: number[] = [];
	for (let index = 0; index < count; index++) {
		const started = performance.now();
		await call(index);
		samples.push(performance.now() - started);
	}
	return samples;
}

async function throughput(clients: number, perClient: number, call: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await Promise.all(
		Array.from({length: clients}, async () => {
			for (let index = 0; index < perClient; index++) await call();
		}),
	);
	return (clients * perClient) / ((performance.now() - started) / 1000);
}

async function watchDelivery(server: ApiServer, cluster: Cluster, watchers: number, writes: number): Promise<number[]> {
	const authorization = `Bearer ${server.credentials.token}`;
	const agent = new Agent({ca: server.credentials.caCertificate, keepAlive: true, maxSockets: watchers + 4});
	const resourceVersion = cluster.api.list('configmaps', 'watched').resourceVersion;
	const written = new Map<string, number>();
	const samples: number[] = [];
	const closers: Array<() => void> = [];
	let pending: (() => void) | undefined;
	let heard = 0;
	await Promise.all(
		Array.from(
			{length: watchers},
			() =>
				new Promise<void>((resolve, reject) => {
					const call = request(
						`${server.url}/api/v1/namespaces/watched/configmaps?watch=true&resourceVersion=${resourceVersion}`,
						{headers: {authorization}, agent},
						response => {
							let buffered = '';
							response.on('data', (chunk: Buffer) => {
								const now = performance.now();
								buffered += chunk.toString();
								let newline: number;
								while ((newline = buffered.indexOf('\n')) >= 0) {
									const event = JSON.parse(buffered.slice(0, newline)) as {object: KubeObject};
									buffered = buffered.slice(newline + 1);
									const sent = written.get(event.object.metadata.name!);
									if (sent !== undefined) samples.push(now - sent);
									if (++heard === watchers) pending?.();
								}
							});
							resolve();
						},
					);
					call.on('error', reject);
					call.end();
					closers.push(() => call.destroy());
				}),
		),
	);
	for (let index = 0; index < writes; index++) {
		heard = 0;
		const everyone = new Promise<void>(resolve => (pending = resolve));
		const name = `change-${index}`;
		written.set(name, performance.now());
		await cluster.api.create('configmaps', 'watched', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name}, data: {index: String(index)}});
		await everyone;
	}
	for (const close of closers) close();
	agent.destroy();
	return samples;
}

export async function benchApi(): Promise<Record<string, string | number>> {
	const cluster = await benchCluster();
	const server = await startApiServer(cluster, {});
	const figures: Record<string, string | number> = {};
	try {
		const api = cluster.api;
		for (const namespace of ['bench', 'big', 'watched']) await api.create('namespaces', undefined, {metadata: {name: namespace}});
		for (let index = 0; index < 100; index++) await api.create('pods', 'bench', pod(`web-${index}`, 'bench'));

		const one = client(server, 1);
		await latencies(200, () => one.call('GET', '/api/v1/namespaces/bench/pods/web-0')); // warm up
		const get = await latencies(2000, index => one.call('GET', `/api/v1/namespaces/bench/pods/web-${index % 100}`));
		figures['GET one pod p50 / p99'] = `${ms(percentile(get, 0.5))} / ${ms(percentile(get, 0.99))}`;
		const list = await latencies(300, () => one.call('GET', '/api/v1/namespaces/bench/pods?limit=500', {headers: {accept: tableAccept}}));
		figures['LIST 100 pods as Table p50 / p99'] = `${ms(percentile(list, 0.5))} / ${ms(percentile(list, 0.99))}`;
		const patch = await latencies(1000, index =>
			one.call('PATCH', `/api/v1/namespaces/bench/pods/web-${index % 100}`, {
				body: JSON.stringify({metadata: {labels: {round: String(index)}}}),
				headers: {'content-type': 'application/merge-patch+json'},
			}),
		);
		figures['PATCH (merge) p50 / p99'] = `${ms(percentile(patch, 0.5))} / ${ms(percentile(patch, 0.99))}`;

		const many = client(server, 16);
		let index = 0;
		const gets = await throughput(16, 250, () => many.call('GET', `/api/v1/namespaces/bench/pods/web-${index++ % 100}`));
		figures['GET throughput, 16 clients'] = `${Math.round(gets)} req/s`;
		const patches = await throughput(16, 60, () =>
			many.call('PATCH', `/api/v1/namespaces/bench/pods/web-${index++ % 100}`, {
				body: JSON.stringify({metadata: {annotations: {touched: String(index)}}}),
				headers: {'content-type': 'application/merge-patch+json'},
			}),
		);
		figures['PATCH throughput, 16 clients'] = `${Math.round(patches)} req/s`;

		for (let index = 0; index < 10_000; index++) await api.create('pods', 'big', pod(`big-${String(index).padStart(5, '0')}`, 'big'));
		let listBytes = 0;
		const bigJson = await latencies(5, async () => (listBytes = (await one.call('GET', '/api/v1/namespaces/big/pods')).bytes));
		figures['LIST 10,000 pods as JSON (median of 5)'] = `${ms(percentile(bigJson, 0.5))} (${(listBytes / 1024 / 1024).toFixed(1)} MiB)`;
		const bigTable = await latencies(5, () => one.call('GET', '/api/v1/namespaces/big/pods', {headers: {accept: tableAccept}}));
		figures['LIST 10,000 pods as Table (median of 5)'] = ms(percentile(bigTable, 0.5));

		const delivery = await watchDelivery(server, cluster, 100, 50);
		figures['watch delivery, 100 watchers, p50 / p99'] = `${ms(percentile(delivery, 0.5))} / ${ms(percentile(delivery, 0.99))}`;
	} finally {
		await server.close();
		await cluster.stop();
	}
	return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const figures = await benchApi();
	for (const [name, value] of Object.entries(figures)) process.stdout.write(`${name}: ${value}\n`);
	process.exit(0);
}
