// Cluster figures: cold start against `node -e 0`, and pods bound and running per second when scaling up.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {build} from 'esbuild';
import {createCluster} from '../source/cluster/cluster.js';
import type {KubeObject} from '../source/cluster/api/object.js';

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

function timeProcess(args: string[]): number {
	const started = process.hrtime.bigint();
	execFileSync(process.execPath, args, {stdio: 'ignore'});
	return Number(process.hrtime.bigint() - started) / 1e6;
}

async function coldStart(): Promise<{ms: number; baseline: number}> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'kd-bench-'));
	const entry = path.join(dir, 'cold-start.mjs');
	await build({entryPoints: [new URL('./helpers/cold-start-entry.ts', import.meta.url).pathname], outfile: entry, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent'});
	const base: number[] = [];
	const boot: number[] = [];
	for (let i = 0; i < 5; i++) {
		base.push(timeProcess(['-e', '0']));
		boot.push(timeProcess([entry]));
	}
	rmSync(dir, {recursive: true, force: true});
	return {ms: median(boot), baseline: median(base)};
}

async function scale(replicas: number, nodes: number): Promise<number> {
	const cluster = await createCluster({nodes, serviceListeners: false});
	await cluster.ready();
	const deployment: KubeObject = {
		metadata: {name: 'big', labels: {app: 'big'}},
		spec: {replicas: 0, selector: {matchLabels: {app: 'big'}}, template: {metadata: {labels: {app: 'big'}}, spec: {containers: [{name: 'web', image: 'nginx:1.27'}], tolerations: [{operator: 'Exists'}]}}},
	};
	await cluster.api.create('deployments', 'default', deployment);
	const started = performance.now();
	await cluster.api.modify('deployments', 'default', 'big', d => {
		(d['spec'] as {replicas: number}).replicas = replicas;
		return d;
	});
	for (;;) {
		const status = cluster.api.get('deployments', 'default', 'big')['status'] as {readyReplicas?: number} | undefined;
		if ((status?.readyReplicas ?? 0) >= replicas) break;
		if (performance.now() - started > 300_000) throw new Error(`only ${status?.readyReplicas} of ${replicas} ready after 300 s`);
		await new Promise(resolve => setTimeout(resolve, 20));
	}
	const seconds = (performance.now() - started) / 1000;
	await cluster.stop();
	return Math.round(replicas / seconds);
}

export async function benchCluster(): Promise<Record<string, string | number>> {
	const cold = await coldStart();
	const figures: Record<string, string | number> = {
		'cold start to 3 Ready nodes (fresh process)': `${cold.ms.toFixed(0)} ms = ${(cold.ms / cold.baseline).toFixed(2)}x node -e 0 (${cold.baseline.toFixed(0)} ms); goal ≤ 2x`,
	};
	figures['scale to 1,000 ready over 100 nodes'] = `${await scale(1000, 100)} pods/s (goal ≥ 2,000)`;
	if (!process.env['KUBEDECK_BENCH_QUICK']) figures['scale to 10,000 ready over 100 nodes'] = `${await scale(10_000, 100)} pods/s (goal ≥ 2,000)`;
	const rss = process.memoryUsage().rss;
	figures['RSS of the bench process after'] = `${Math.round(rss / 1024 / 1024)} MB`;
	return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	for (const [name, value] of Object.entries(await benchCluster())) console.log(`${name}: ${value}`);
	process.exit(0);
}
