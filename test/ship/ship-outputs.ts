/** The shipped outputs (bundle, single executable), built when older than what they are made from. */
import {execFile, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const bundleFile = path.join(projectRoot, 'dist/kubedeck.mjs');
export const binaryFile = path.join(projectRoot, 'dist/kubedeck');
export const packageVersion = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {version: string}).version;

function newestChange(entries: string[]): number {
	let newest = 0;
	for (const entry of entries) {
		const full = path.join(projectRoot, entry);
		if (!existsSync(full)) continue;
		const stats = statSync(full);
		if (stats.isDirectory()) {
			newest = Math.max(newest, newestChange(readdirSync(full).map(name => path.join(entry, name))));
		} else {
			newest = Math.max(newest, stats.mtimeMs);
		}
	}
	return newest;
}

function isOlderThan(output: string, inputs: string[]): boolean {
	return !existsSync(output) || statSync(output).mtimeMs < newestChange(inputs);
}

function npmRun(script: string): void {
	const result = spawnSync('npm', ['run', script], {cwd: projectRoot, encoding: 'utf8'});
	if (result.status !== 0) throw new Error(`npm run ${script} failed:\n${result.stdout}${result.stderr}`);
}

const bundleInputs = ['cli.tsx', 'source', 'themes', 'scripts/build.mjs', 'package.json', 'package-lock.json'];

export function ensureBundle(): void {
	if (isOlderThan(bundleFile, bundleInputs)) npmRun('build');
}

/** The executable bundles the sources itself (split into chunks whatever package.json ships), not dist/kubedeck.mjs. */
export function ensureBinary(): void {
	if (isOlderThan(binaryFile, [...bundleInputs, 'scripts/build-binary.mjs', 'scripts/sea-bootstrap.cjs'])) npmRun('build:binary');
}

export type RunResult = {code: number; stdout: string; stderr: string};

export function run(command: string, args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv} = {}): Promise<RunResult> {
	return new Promise(resolve => {
		execFile(command, args, {...options, timeout: 120_000, maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({code, stdout, stderr});
		});
	});
}

/** Starts `serve --ephemeral` and resolves with the kubeconfig it writes once the API is ready. */
export async function serveUntilReady(command: string, args: string[], kubeconfigOut: string, env?: NodeJS.ProcessEnv): Promise<{child: ChildProcess; kubeconfig: string}> {
	const child = spawn(command, [...args, 'serve', '--ephemeral', '--port', '0', '--kubeconfig-out', kubeconfigOut], {env, stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (existsSync(kubeconfigOut)) return {child, kubeconfig: readFileSync(kubeconfigOut, 'utf8')};
		if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${stderr}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	child.kill('SIGKILL');
	throw new Error(`serve wrote no kubeconfig in 60 s: ${stderr}`);
}

export function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise(resolve => {
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
	});
}

/** GET a path of the API a kubeconfig written by kubedeck points at, trusting only its CA. */
export function getFromKubeconfig(kubeconfig: string, apiPath: string): Promise<{status: number; body: string}> {
	const field = (name: string) => new RegExp(`^\\s*${name}:\\s*(\\S+)`, 'm').exec(kubeconfig)?.[1] ?? '';
	const url = new URL(apiPath, field('server'));
	const ca = Buffer.from(field('certificate-authority-data'), 'base64');
	return new Promise((resolve, reject) => {
		const request = https.get(url, {ca, headers: {authorization: `Bearer ${field('token')}`}}, response => {
			let body = '';
			response.on('data', (chunk: Buffer) => (body += chunk.toString()));
			response.on('end', () => resolve({status: response.statusCode ?? 0, body}));
		});
		request.on('error', reject);
	});
}

/** The absolute path of a command on this PATH: the programs under test run with none. */
function locate(command: string): string | undefined {
	const directories = (process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean);
	return directories.map(directory => path.join(directory, command)).find(file => existsSync(file));
}

// util-linux `script` gives the dashboard the terminal it insists on (BSD `script` has no --version).
const scriptPath = locate('script');
const sttyPath = locate('stty');
export const hasScript = scriptPath !== undefined && sttyPath !== undefined && spawnSync(scriptPath, ['--version'], {stdio: 'ignore'}).status === 0;

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * Runs the dashboard on an ephemeral cluster in a 120x30 pseudo-terminal, waits for its header, types `:q` and
 * resolves with the exit code and the screen text without escape sequences.
 */
export async function dashboardUntilQuit(command: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{code: number | null; screen: string}> {
	const shellCommand = `${quote(sttyPath ?? 'stty')} cols 120 rows 30; exec ${[...command, '--ephemeral'].map(quote).join(' ')}`;
	const child = spawn(scriptPath ?? 'script', ['-qfec', shellCommand, '/dev/null'], {cwd, env: {...env, TERM: 'xterm-256color'}, stdio: ['pipe', 'pipe', 'pipe']});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
	const screen = () => output.replaceAll(/\u001B\[[\d;?]*[a-zA-Z]/g, '');
	const deadline = Date.now() + 60_000;
	while (!screen().includes('K8s:')) {
		if (Date.now() > deadline || child.exitCode !== null) {
			child.kill('SIGKILL');
			throw new Error(`no dashboard header: ${screen().slice(-2000)}`);
		}
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	// One key at a time, as typed.
	for (const key of [':', 'q', '\r']) {
		child.stdin.write(key);
		await new Promise(resolve => setTimeout(resolve, 200));
	}
	const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
	const code = await exited;
	clearTimeout(timeout);
	return {code, screen: screen()};
}
