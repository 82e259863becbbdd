/**
 * `kubedeck serve` and `kubedeck kubeconfig` as a user runs them: the kubeconfig appears once the API answers,
 * files are private, a second process on the same directory says who holds it, SIGTERM stops cleanly, and a
 * restart keeps the data and the credentials.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {Agent, request} from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {eventually} from '../helpers/serve-kubectl.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = ['--import', 'tsx', path.join(root, 'cli.tsx')];

type Served = {child: ChildProcess; output(): string; exited: Promise<number | null>};

function serve(args: string[]): Served {
	const child = spawn(process.execPath, [...cli, 'serve', ...args], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
	return {child, output: () => output, exited};
}

function run(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		execFile(process.execPath, [...cli, ...args], {cwd: root}, (error, stdout, stderr) => {
			resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr});
		});
	});
}

type Kubeconfig = {server: string; token: string; ca: string};

function readKubeconfig(text: string): Kubeconfig {
	const field = (name: string) => new RegExp(`^\\s*${name}: (\\S+)$`, 'm').exec(text)?.[1] ?? '';
	return {server: field('server'), token: field('token'), ca: Buffer.from(field('certificate-authority-data'), 'base64').toString()};
}

function call(config: Kubeconfig, method: string, pathname: string, body?: object): Promise<{status: number; text: string}> {
	return new Promise((resolve, reject) => {
		const payload = body ? JSON.stringify(body) : undefined;
		const headers: Record<string, string> = {authorization: `Bearer ${config.token}`};
		if (payload) headers['content-type'] = 'application/json';
		const outgoing = request(`${config.server}${pathname}`, {method, headers, agent: new Agent({ca: config.ca})}, response => {
			let text = '';
			response.on('data', (chunk: Buffer) => (text += chunk.toString()));
			response.on('end', () => resolve({status: response.statusCode ?? 0, text}));
		});
		outgoing.on('error', reject);
		outgoing.end(payload);
	});
}

describe('kubedeck serve', () => {
	let scratch: string;
	let dataDir: string;
	let out: string;

	beforeAll(async () => {
		scratch = await mkdtemp(path.join(os.tmpdir(), 'kubedeck-serve-'));
		dataDir = path.join(scratch, 'cluster');
		out = path.join(scratch, 'out', 'kubeconfig');
	});

	afterAll(async () => {
		await rm(scratch, {recursive: true, force: true});
	});

	it('serves a durable cluster, refuses a second server, stops on SIGTERM and comes back with its data', async () => {
		await mkdir(path.dirname(out), {recursive: true});
		const first = serve(['--data-dir', dataDir, '--port', '0', '--kubeconfig-out', out, '--nodes', '1']);
		await eventually(async () => existsSync(out), 90, `the kubeconfig to appear (${first.output()})`);
		const config = readKubeconfig(await readFile(out, 'utf8'));
		expect(config.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
		expect(config.token.length).toBeGreaterThan(30);
		// Written once the API answers.
		expect((await call(config, 'GET', '/readyz')).text).toBe('ok');
		expect((await readFile(out, 'utf8'))).toMatch(/^current-context: kubedeck$/m);
		expect((await stat(out)).mode & 0o777).toBe(0o600);
		expect((await stat(path.join(dataDir, 'kubeconfig'))).mode & 0o777).toBe(0o600);
		expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
		await eventually(async () => first.output().includes(config.server), 10, 'the ready line');
		expect(first.output()).toContain(path.join(dataDir, 'kubeconfig'));

		const printed = await run(['kubeconfig', '--data-dir', dataDir]);
		expect(printed.stdout.trim()).toBe(path.join(dataDir, 'kubeconfig'));
		expect(printed.code).toBe(0);

		const second = serve(['--data-dir', dataDir, '--port', '0']);
		expect(await second.exited).toBe(1);
		expect(second.output()).toContain(`in use by another kubedeck process (pid ${first.child.pid})`);
		expect(second.output()).toContain(`export KUBECONFIG=${path.join(dataDir, 'kubeconfig')}`);

		const created = await call(config, 'POST', '/api/v1/namespaces/default/configmaps', {metadata: {name: 'kept'}, data: {a: 'b'}});
		expect(created.status).toBe(201);
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);

		const again = serve(['--data-dir', dataDir, '--port', '0']);
		try {
			const kubeconfigPath = path.join(dataDir, 'kubeconfig');
			const restarted = await eventually(async () => {
				const next = readKubeconfig(await readFile(kubeconfigPath, 'utf8'));
				return next.server !== config.server && next;
			}, 90, `the restarted server's kubeconfig (${again.output()})`);
			expect(restarted.token).toBe(config.token);
			expect(restarted.ca).toBe(config.ca);
			const kept = await eventually(async () => {
				const reply = await call(restarted, 'GET', '/api/v1/namespaces/default/configmaps/kept');
				return reply.status === 200 && reply.text;
			}, 30, 'the configmap after a restart');
			expect(JSON.parse(kept).data).toEqual({a: 'b'});
		} finally {
			again.child.kill('SIGTERM');
			expect(await again.exited).toBe(0);
		}
	}, 240_000);

	it('prints where a kubeconfig would be, and says when there is none yet', async () => {
		const empty = path.join(scratch, 'never-served');
		const printed = await run(['kubeconfig', '--data-dir', empty]);
		expect(printed.stdout.trim()).toBe(path.join(empty, 'kubeconfig'));
		expect(printed.code).toBe(1);
		expect(printed.stderr).toContain('kubedeck serve');
	}, 60_000);
});
