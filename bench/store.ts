/**
 * Store figures: write rates in memory and on disk (one writer, and 8 or 64 concurrent writers sharing each fsync),
 * list and count over 10,000 pods, reopen time and memory with 100,000 objects.
 * Run alone with `node --import tsx bench/store.ts`; bench/run.ts calls benchStore().
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {KubeObject} from '../source/cluster/api/object.js';
import type {Backend} from '../source/cluster/store/backend.js';
import {FileBackend} from '../source/cluster/store/file.js';
import {MemoryBackend} from '../source/cluster/store/memory.js';

/** A pod shaped like the ones the cluster stores, about 1.3 KB of JSON. */
function pod(name: string, namespace = 'default'): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name,
			namespace,
			uid: `0f8c2a4e-${name.padStart(4, '0').slice(-4)}-4b1d-9c3e-2a6f8e1d7b5c`,
			creationTimestamp: '2025-01-01T00:00:00Z',
			labels: {app: 'web', 'pod-template-hash': '5d4f8c7b9'},
			ownerReferences: [
				{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f8c7b9', uid: 'a1b2c3d4', controller: true, blockOwnerDeletion: true},
			],
		},
		spec: {
			nodeName: 'node-1',
			containers: [
				{
					name: 'web',
					image: 'registry.example/web:1.4.2',
					ports: [{containerPort: 8080, protocol: 'TCP'}],
					resources: {requests: {cpu: '100m', memory: '64Mi'}, limits: {cpu: '500m', memory: '128Mi'}},
					readinessProbe: {httpGet: {path: '/healthz', port: 8080}, periodSeconds: 10},
				},
			],
			restartPolicy: 'Always',
			terminationGracePeriodSeconds: 30,
			dnsPolicy: 'ClusterFirst',
			schedulerName: 'default-scheduler',
		},
		status: {
			phase: 'Running',
			podIP: '10.244.1.17',
			hostIP: '192.168.49.2',
			startTime: '2025-01-01T00:00:01Z',
			conditions: [
				{type: 'Initialized', status: 'True', lastTransitionTime: '2025-01-01T00:00:01Z'},
				{type: 'Ready', status: 'True', lastTransitionTime: '2025-01-01T00:00:03Z'},
				{type: 'ContainersReady', status: 'True', lastTransitionTime: '2025-01-01T00:00:03Z'},
				{type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z'},
			],
			containerStatuses: [
				{name: 'web', ready: true, restartCount: 0, image: 'registry.example/web:1.4.2', state: {running: {startedAt: '2025-01-01T00:00:02Z'}}},
			],
		},
	};
}

const podKey = (name: string, namespace = 'default') => `/registry/pods/${namespace}/${name}`;

/** Runs writer(index) for count indexes spread over `writers` concurrent loops; returns writes per second. */
async function writeRate(count: number, writers: number, write: (index: number) => Promise<unknown>): Promise<number> {
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({length: writers}, async () => {
			while (next < count) {
				await write(next++);
			}
		}),
	);
	return Math.round(count / ((performance.now() - started) / 1000));
}

/** Milliseconds for one run of action, the best of a few. */
function bestTime(runs: number, action: () => void): number {
	let best = Number.POSITIVE_INFINITY;
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		action();
		best = Math.min(best, performance.now() - started);
	}

	return Math.round(best * 100) / 100;
}

/** Creates count pods, spread over ten namespaces unless one is named, many writes in flight at once. */
async function fill(store: Backend, count: number, onlyNamespace?: string): Promise<void> {
	const inFlight: Array<Promise<unknown>> = [];
	for (let index = 0; index < count; index++) {
		const namespace = onlyNamespace ?? `ns-${index % 10}`;
		inFlight.push(store.create(podKey(`pod-${index}`, namespace), pod(`pod-${index}`, namespace)));
		if (inFlight.length >= 2000) {
			await Promise.all(inFlight.splice(0));
		}
	}

	await Promise.all(inFlight);
}

function megabytes(bytes: number): number {
	return Math.round(bytes / 1024 / 102.4) / 10;
}

function collectGarbage(): void {
	(globalThis as {gc?: () => void}).gc?.();
}

async function benchMemory(results: Record<string, string | number>): Promise<void> {
	const memory = new MemoryBackend();
	results['memory store: creates/s (1 writer)'] = await writeRate(50_000, 1, async index =>
		memory.create(podKey(`pod-${index}`), pod(`pod-${index}`)),
	);
	results['memory store: updates/s (1 writer)'] = await writeRate(50_000, 1, async index => {
		const key = podKey(`pod-${index}`);
		return memory.update(key, pod(`pod-${index}`), memory.get(key)!.modRevision);
	});
	await memory.close();

	const listed = new MemoryBackend();
	await fill(listed, 10_000, 'default');
	await fill(listed, 10_000);
	results['list 10,000 pods of 20,000 (ms)'] = bestTime(5, () => listed.list('/registry/pods/default/'));
	results['list 1,000 pods in one namespace (ms)'] = bestTime(5, () => listed.list('/registry/pods/ns-3/'));
	results['count 20,000 pods (ms)'] = bestTime(5, () => listed.count('/registry/pods/'));
	await listed.close();
}

async function benchDurableWrites(results: Record<string, string | number>, tempDir: () => string): Promise<void> {
	const single = await FileBackend.open({dataDir: tempDir()});
	results['durable creates/s (1 writer)'] = await writeRate(500, 1, async index =>
		single.create(podKey(`pod-${index}`), pod(`pod-${index}`)),
	);
	await single.close();

	// As many writers as the API acceptance check has clients: each waits for its write before the next.
	const eight = await FileBackend.open({dataDir: tempDir()});
	results['durable creates/s (8 writers)'] = await writeRate(8000, 8, async index =>
		eight.create(podKey(`pod-${index}`), pod(`pod-${index}`)),
	);
	await eight.close();

	const shared = await FileBackend.open({dataDir: tempDir()});
	results['durable creates/s (64 writers)'] = await writeRate(20_000, 64, async index =>
		shared.create(podKey(`pod-${index}`), pod(`pod-${index}`)),
	);
	await shared.close();
}

/**
 * 100,000 pods and a snapshot of them, then `updates` updates left in the log as a crash would leave them (no
 * snapshot on close, none while writing).
 */
async function writeLargeStore(dataDir: string, updates: number): Promise<void> {
	const store = await FileBackend.open({dataDir, snapshotLogBytes: Number.MAX_SAFE_INTEGER, snapshotOnClose: false});
	await fill(store, 100_000);
	await store.snapshot();
	const writes: Array<Promise<unknown>> = [];
	for (let index = 0; index < updates; index++) {
		const namespace = `ns-${index % 10}`;
		const key = podKey(`pod-${index}`, namespace);
		writes.push(store.update(key, pod(`pod-${index}`, namespace), store.get(key)!.modRevision));
		if (writes.length >= 2000) {
			await Promise.all(writes.splice(0));
		}
	}

	await Promise.all(writes);
	await store.close();
}

async function benchReopen(results: Record<string, string | number>, tempDir: () => string): Promise<void> {
	const dataDir = tempDir();
	await writeLargeStore(dataDir, 5000);
	collectGarbage();
	const heapBefore = process.memoryUsage().heapUsed;
	let started = performance.now();
	const cpuBefore = process.cpuUsage();
	const reopened = await FileBackend.open({dataDir});
	results['reopen with 100,000 pods: snapshot + 5,000 logged updates (ms)'] = Math.round(performance.now() - started);
	// CPU time says more than wall time on a busy machine.
	const cpu = process.cpuUsage(cpuBefore);
	results['reopen with 100,000 pods: snapshot + 5,000 logged updates, CPU time (ms)'] = Math.round((cpu.user + cpu.system) / 1000);
	collectGarbage();
	results['heap for 100,000 pods, values not yet parsed (MB)'] = megabytes(process.memoryUsage().heapUsed - heapBefore);
	started = performance.now();
	reopened.list('/registry/pods/');
	results['first list of all 100,000 pods after reopen (ms)'] = Math.round(performance.now() - started);
	collectGarbage();
	results['heap for 100,000 pods, parsed (MB)'] = megabytes(process.memoryUsage().heapUsed - heapBefore);
	results['process RSS with 100,000 pods (MB)'] = megabytes(process.memoryUsage().rss);
	started = performance.now();
	await reopened.snapshot();
	results['snapshot of 100,000 parsed pods (ms)'] = Math.round(performance.now() - started);
	await reopened.close();

	// The longest log a crash can leave: the next snapshot starts once it reaches half the snapshot's size.
	const crashedDir = tempDir();
	await writeLargeStore(crashedDir, 35_000);
	collectGarbage();
	started = performance.now();
	const recovered = await FileBackend.open({dataDir: crashedDir, snapshotOnClose: false});
	results['reopen with 100,000 pods: snapshot + 35,000 logged updates (ms)'] = Math.round(performance.now() - started);
	await recovered.close();
}

export async function benchStore(): Promise<Record<string, string | number>> {
	const results: Record<string, string | number> = {};
	const directories: string[] = [];
	const tempDir = () => {
		const directory = mkdtempSync(path.join(os.tmpdir(), 'kubedeck-bench-store-'));
		directories.push(directory);
		return directory;
	};

	try {
		await benchMemory(results);
		await benchDurableWrites(results, tempDir);
		await benchReopen(results, tempDir);
	} finally {
		for (const directory of directories) {
			rmSync(directory, {recursive: true, force: true});
		}
	}

	return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	for (const [figure, value] of Object.entries(await benchStore())) {
		console.log(`${figure}: ${value}`);
	}
}
