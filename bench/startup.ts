// Start-up figures of the shipped bundle, each as a ratio to a bare `node -e 0` timed in turns with it (median of
// five): `kubedeck serve --ephemeral` until its API answers /readyz, and the dashboard on an ephemeral cluster until
// its first frame with every node Ready, in a 120x40 pseudo-terminal.
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const rounds = 5;
const firstFrameScript = fileURLToPath(new URL('helpers/first-frame.py', import.meta.url));
// The header's node count, once every node is Ready: "Nodes: 3/3".
const nodesReady = String.raw`Nodes: ([1-9][0-9]*)/\1 `;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

function bareNode(): number {
	const started = process.hrtime.bigint();
	execFileSync(process.execPath, ['-e', '0'], {stdio: 'ignore'});
	return Number(process.hrtime.bigint() - started) / 1e6;
}

function field(kubeconfig: string, name: string): string {
	return new RegExp(`^\\s*${name}:\\s*(\\S+)`, 'm').exec(kubeconfig)?.[1] ?? '';
}

function readyz(kubeconfig: string): Promise<number> {
	return new Promise(resolve => {
		const ca = Buffer.from(field(kubeconfig, 'certificate-authority-data'), 'base64');
		const request = https.get(new URL('/readyz', field(kubeconfig, 'server')), {ca, headers: {authorization: `Bearer ${field(kubeconfig, 'token')}`}}, response => {
			response.resume();
			resolve(response.statusCode ?? 0);
		});
		request.on('error', () => resolve(0));
	});
}

/** Milliseconds from spawning `serve` until /readyz answers 200 with the credentials of the kubeconfig it wrote. */
async function serveToReady(bundle: string, dir: string, round: number): Promise<number> {
	const kubeconfigFile = path.join(dir, `kubeconfig-${round}`);
	const started = performance.now();
	const child = spawn(process.execPath, [bundle, 'serve', '--ephemeral', '--port', '0', '--kubeconfig-out', kubeconfigFile], {stdio: 'ignore'});
	try {
		while (performance.now() - started < 60_000) {
			if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
			if (existsSync(kubeconfigFile) && (await readyz(readFileSync(kubeconfigFile, 'utf8'))) === 200) return performance.now() - started;
			await new Promise(resolve => setTimeout(resolve, 5));
		}
		throw new Error('serve was not ready in 60 s');
	} finally {
		const exited = new Promise(resolve => child.once('exit', resolve));
		if (child.exitCode === null) child.kill('SIGTERM');
		await exited;
	}
}

/** Milliseconds from starting the dashboard until a frame shows every node Ready. */
function dashboardFirstFrame(bundle: string, home: string): number {
	const result = spawnSync('python3', [firstFrameScript, '120', '40', nodesReady, '60', '--', process.execPath, bundle, '--ephemeral'], {encoding: 'utf8', env: {...process.env, HOME: home}});
	const ms = Number(result.stdout.trim());
	if (result.status !== 0 || !Number.isFinite(ms)) throw new Error(`no dashboard frame with nodes Ready: ${result.stderr.slice(-500)}`);
	return ms;
}

function ratio(ms: number, base: number, goal: number): string {
	return `${ms.toFixed(0)} ms = ${(ms / base).toFixed(2)}x node -e 0 (${base.toFixed(0)} ms); goal ≤ ${goal}x`;
}

export async function benchStartup(): Promise<Record<string, string | number>> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'kd-bench-start-'));
	try {
		// The bundle as shipped, built here so the figures never measure a stale or half-written dist/.
		const {bundle} = (await import('../scripts/build.mjs' as string)) as {bundle(options: {outdir: string; splitting: boolean}): Promise<string[]>};
		const [entry] = await bundle({outdir: dir, splitting: false});
		const bundleFile = path.join(dir, entry!);
		const figures: Record<string, string | number> = {};

		const serveBase: number[] = [];
		const serve: number[] = [];
		for (let round = 0; round < rounds; round++) {
			serveBase.push(bareNode());
			serve.push(await serveToReady(bundleFile, dir, round));
		}
		figures['serve --ephemeral to /readyz'] = ratio(median(serve), median(serveBase), 3);

		const hasPython = spawnSync('python3', ['--version'], {stdio: 'ignore'}).status === 0;
		if (hasPython) {
			const frameBase: number[] = [];
			const frame: number[] = [];
			for (let round = 0; round < rounds; round++) {
				frameBase.push(bareNode());
				frame.push(dashboardFirstFrame(bundleFile, dir));
			}
			figures['dashboard --ephemeral to a frame with nodes Ready'] = ratio(median(frame), median(frameBase), 4);
		}
		figures['bundle size'] = `${(readFileSync(bundleFile).length / 1024 / 1024).toFixed(2)} MB`;
		return figures;
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	for (const [name, value] of Object.entries(await benchStartup())) console.log(`${name}: ${value}`);
	process.exit(0);
}
