// Node figures: pod created → Running latency, NodePort requests/s against a plain node:http server, and memory per
// idle running pod. Runnable alone: `node --import tsx bench/nodes.ts` (KUBEDECK_BENCH_QUICK=1 for a short run).
import {spawn} from 'node:child_process';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import type {KubeObject} from '../source/cluster/api/object.js';
import {createCluster} from '../source/cluster/cluster.js';
import type {Cluster} from '../source/cluster/cluster-types.js';

const quick = Boolean(process.env['KUBEDECK_BENCH_QUICK']);
const bootcamp = 'gcr.io/google-samples/kubernetes-bootcamp:v1';

type Figures = Record<string, string | number>;

function percentile(sorted: number[], fraction: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

function phaseOf(pod: KubeObject): string | undefined {
	return (pod['status'] as {phase?: string} | undefined)?.phase;
}

/** Waits on real time until check holds; the cluster runs meanwhile. */
async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
	const started = performance.now();
	while (!check()) {
		if (performance.now() - started > timeoutMs) throw new Error(`bench: ${what} did not happen within ${timeoutMs} ms`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

function podObject(name: string, image: string, nodeName?: string): KubeObject {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, labels: {bench: 'latency'}}, spec: {...(nodeName ? {nodeName} : {}), containers: [{name: 'app', image}]}};
}

/** Puts the image on every node first, so the figure is the kubelet's and the scheduler's work, not a pull. */
async function prePull(cluster: Cluster, image: string): Promise<void> {
	const nodes = cluster.api.list('nodes', undefined).items.map(node => node.metadata.name!);
	await Promise.all(nodes.map(node => cluster.api.create('pods', 'default', podObject(`warm-${node}`, image, node))));
	await until(() => nodes.every(node => phaseOf(cluster.api.get('pods', 'default', `warm-${node}`)) === 'Running'), 'warm-up pods Running', 30_000);
	await Promise.all(nodes.map(node => cluster.api.delete('pods', 'default', `warm-${node}`, {gracePeriodSeconds: 0})));
}

/**
 * Pod created → Running: bare pods through the scheduler, the kubelet and its status write, created as a steady
 * stream (one every `intervalMs`) rather than one burst whose queue would be the whole figure.
 */
async function podStartLatency(count: number, intervalMs: number): Promise<{p50: number; p99: number; max: number}> {
	const cluster = await createCluster({nodes: 20, serviceListeners: false});
	try {
		await cluster.ready();
		await prePull(cluster, bootcamp);
		const createdAt = new Map<string, number>();
		const latencies: number[] = [];
		const watch = cluster.api.watch('pods', 'default', {labelSelector: 'bench=latency', resourceVersion: cluster.api.resourceVersion()}, events => {
			const now = performance.now();
			for (const event of events) {
				const name = event.object.metadata.name!;
				const started = createdAt.get(name);
				if (started === undefined || phaseOf(event.object) !== 'Running') continue;
				createdAt.delete(name);
				latencies.push(now - started);
			}
		});
		const began = performance.now();
		for (let index = 0; index < count; index++) {
			const due = began + index * intervalMs;
			const wait = due - performance.now();
			if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait));
			const name = `lat-${index}`;
			createdAt.set(name, performance.now());
			void cluster.api.create('pods', 'default', podObject(name, bootcamp));
		}
		await until(() => latencies.length === count, 'every pod Running', 60_000);
		watch.stop();
		latencies.sort((a, b) => a - b);
		return {p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1)!};
	} finally {
		await cluster.stop();
	}
}

/**
 * The load client, run in its own process so it does not share the server's event loop: `connections` keep-alive
 * connections to 127.0.0.1:port, each sending the next GET as soon as the last answer is in, for `seconds`.
 */
const loadClient = `
const http = require('node:http');
const [port, connections, seconds] = process.argv.slice(1).map(Number);
const agent = new http.Agent({keepAlive: true, maxSockets: connections});
let done = 0, failed = 0, running = true;
const started = Date.now();
setTimeout(() => (running = false), seconds * 1000);
function one(finish) {
	if (!running) return finish();
	const request = http.get({host: '127.0.0.1', port, path: '/', agent}, response => {
		response.resume();
		response.on('end', () => { done++; one(finish); });
	});
	request.on('error', () => { failed++; if (failed > 1000) running = false; setTimeout(() => one(finish), 10); });
}
Promise.all(Array.from({length: connections}, () => new Promise(one))).then(() => {
	process.stdout.write(JSON.stringify({done, failed, seconds: (Date.now() - started) / 1000}));
	agent.destroy();
});
`;

async function load(port: number, connections: number, seconds: number): Promise<{perSecond: number; failed: number}> {
	const child = spawn(process.execPath, ['-e', loadClient, String(port), String(connections), String(seconds)], {stdio: ['ignore', 'pipe', 'inherit']});
	let output = '';
	child.stdout.on('data', chunk => (output += chunk));
	const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 20) * 1000);
	await new Promise(resolve => child.on('close', resolve));
	clearTimeout(killer);
	const result = JSON.parse(output) as {done: number; failed: number; seconds: number};
	return {perSecond: result.done / result.seconds, failed: result.failed};
}

/** The same answer the bootcamp app gives, from a plain node:http server: the ceiling for any HTTP relay here. */
async function plainServer(): Promise<{port: number; close(): void}> {
	let served = 0;
	const server = http.createServer((_request, response) => {
		served++;
		response.writeHead(200, {'content-type': 'text/plain'});
		response.end(`Hello Kubernetes bootcamp! | Running on: plain | v=1 | ${served}\n`);
	});
	server.keepAliveTimeout = 5000;
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		close() {
			server.close();
			server.closeAllConnections();
		},
	};
}

/**
 * The NodePort against the plain server in the same process, in alternating slices, so that whatever else the
 * machine is doing weighs on both alike.
 */
async function nodePortThroughput(connections: number, rounds: number, sliceSeconds: number): Promise<{nodePort: number; plain: number; failed: number}> {
	const plain = await plainServer();
	const cluster = await createCluster({nodes: 3});
	try {
		await cluster.ready();
		await cluster.api.create('deployments', 'default', {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: 'web', labels: {app: 'web'}},
			spec: {replicas: 3, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'kubernetes-bootcamp', image: bootcamp}]}}},
		});
		const service = await cluster.api.create('services', 'default', {
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {name: 'web'},
			spec: {type: 'NodePort', selector: {app: 'web'}, ports: [{port: 8080, targetPort: 8080}]},
		});
		const port = (service['spec'] as {ports: Array<{nodePort: number}>}).ports[0]!.nodePort;
		await until(() => ((cluster.api.get('deployments', 'default', 'web')['status'] as {readyReplicas?: number} | undefined)?.readyReplicas ?? 0) === 3, 'three ready', 30_000);
		await until(() => cluster.api.list('endpointslices', 'default', {labelSelector: 'kubernetes.io/service-name=web'}).items.length > 0, 'endpoints', 10_000);
		// Warm both paths up (JIT, connection pools) before counting.
		await load(plain.port, connections, 0.5);
		await load(port, connections, 0.5);
		let plainRate = 0;
		let routedRate = 0;
		let failed = 0;
		for (let round = 0; round < rounds; round++) {
			plainRate += (await load(plain.port, connections, sliceSeconds)).perSecond / rounds;
			const routed = await load(port, connections, sliceSeconds);
			routedRate += routed.perSecond / rounds;
			failed += routed.failed;
		}
		return {nodePort: routedRate, plain: plainRate, failed};
	} finally {
		plain.close();
		await cluster.stop();
	}
}

function collectGarbage(): () => void {
	v8.setFlagsFromString('--expose-gc');
	return vm.runInNewContext('gc') as () => void;
}

/** Heap and RSS per idle running pod: a Deployment of `count` bootcamp pods, measured against the empty cluster. */
async function memoryPerPod(count: number): Promise<{heap: number; rss: number; seconds: number}> {
	const gc = collectGarbage();
	const nodes = Math.ceil(count / 100);
	const cluster = await createCluster({nodes, serviceListeners: false});
	try {
		await cluster.ready();
		const spec = {containers: [{name: 'kubernetes-bootcamp', image: bootcamp}]};
		await cluster.api.create('deployments', 'default', {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: 'idle', labels: {app: 'idle'}},
			spec: {replicas: 0, selector: {matchLabels: {app: 'idle'}}, template: {metadata: {labels: {app: 'idle'}}, spec}},
		});
		await new Promise(resolve => setTimeout(resolve, 200));
		gc();
		const before = process.memoryUsage();
		const started = performance.now();
		await cluster.api.modify('deployments', 'default', 'idle', object => {
			(object['spec'] as {replicas: number}).replicas = count;
			return object;
		});
		await until(() => ((cluster.api.get('deployments', 'default', 'idle')['status'] as {readyReplicas?: number} | undefined)?.readyReplicas ?? 0) >= count, `${count} ready`, 600_000);
		const seconds = (performance.now() - started) / 1000;
		// Let the last status writes and events settle before measuring.
		await new Promise(resolve => setTimeout(resolve, 1000));
		gc();
		const after = process.memoryUsage();
		return {heap: (after.heapUsed - before.heapUsed) / count, rss: (after.rss - before.rss) / count, seconds};
	} finally {
		await cluster.stop();
	}
}

function kib(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KiB`;
}

export async function benchNodes(): Promise<Figures> {
	const figures: Figures = {};
	const pods = quick ? 200 : 1000;
	const latency = await podStartLatency(pods, 10);
	figures[`pod created → Running over ${pods.toLocaleString('en')} pods (100 created/s, 20 nodes)`] = `p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms (goal p99 ≤ 50 ms)`;
	const connections = 16;
	const throughput = await nodePortThroughput(connections, quick ? 2 : 4, 1.5);
	figures[`requests/s through a NodePort to 3 bootcamp pods (${connections} keep-alive connections)`] =
		`${Math.round(throughput.nodePort)} = ${((throughput.nodePort / throughput.plain) * 100).toFixed(0)}% of a plain node:http server (${Math.round(throughput.plain)}); goal ≥ 50%${throughput.failed ? `; ${throughput.failed} failed` : ''}`;
	const idle = quick ? 2000 : 10_000;
	const memory = await memoryPerPod(idle);
	figures[`memory per idle running pod at ${idle.toLocaleString('en')} pods`] = `heap ${kib(memory.heap)}, RSS ${kib(memory.rss)} (ready in ${memory.seconds.toFixed(1)} s)`;
	return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	for (const [name, value] of Object.entries(await benchNodes())) console.log(`${name}: ${value}`);
	process.exit(0);
}
