import {execFileSync, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bundleFile, ensureBundle, serveUntilReady, stop} from '../ship/ship-outputs.js';

// The real program in a real terminal: tmux runs the built dashboard, sends keys as a presenter types them, and
// reads the screen; kubectl works on the same cluster meanwhile.
const tmux = spawnSync('tmux', ['-V']).status === 0;
const kubectl = existsSync('/usr/bin/kubectl');
if (!tmux) console.warn('SKIPPED: the dashboard end-to-end tests need tmux, which is not installed');
if (!kubectl) console.warn('SKIPPED: the dashboard end-to-end tests need /usr/bin/kubectl, which is not installed');
const run = tmux && kubectl ? describe : describe.skip;

const session = `kdtest${process.pid}`;
let dir: string;

function screen(): string {
	return execFileSync('tmux', ['capture-pane', '-p', '-t', session], {encoding: 'utf8'});
}

async function sees(pattern: RegExp, ms = 20_000): Promise<string> {
	const end = Date.now() + ms;
	let last = '';
	while (Date.now() < end) {
		last = screen();
		if (pattern.test(last)) return last;
		await new Promise(resolve => setTimeout(resolve, 150));
	}
	throw new Error(`screen never showed ${pattern}; last screen:\n${last}`);
}

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 250));
	}
}

function keys(...names: string[]): void {
	execFileSync('tmux', ['send-keys', '-t', session, ...names]);
}

function type(text: string): void {
	execFileSync('tmux', ['send-keys', '-t', session, '-l', text]);
}

function command(text: string): void {
	type(text);
	keys('Enter');
}

function kubectlOut(kubeconfig: string, ...args: string[]): string {
	const result = spawnSync('/usr/bin/kubectl', args, {env: {...process.env, KUBECONFIG: kubeconfig}, encoding: 'utf8', timeout: 30_000});
	return `${result.stdout}${result.stderr}`;
}

function startDashboard(args: string[]): string {
	spawnSync('tmux', ['kill-session', '-t', session]);
	const exitFile = path.join(dir, `exit-${Math.random().toString(36).slice(2)}`);
	// Settings of its own, so what a user's dashboard remembers cannot change what this one opens on.
	const line = `XDG_CONFIG_HOME='${path.join(dir, 'config')}' node ${bundleFile} ${args.map(a => `'${a}'`).join(' ')}; echo $? > ${exitFile}; sleep 30`;
	execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '40', line]);
	return exitFile;
}

beforeAll(() => {
	if (!tmux || !kubectl) return;
	ensureBundle();
	dir = mkdtempSync(path.join(os.tmpdir(), 'kd-dash-'));
}, 180_000);

afterAll(() => {
	spawnSync('tmux', ['kill-session', '-t', session]);
	if (dir) rmSync(dir, {recursive: true, force: true});
});

run('the dashboard in a terminal', () => {
	it('drives the tutorial from the keyboard while kubectl watches the same cluster', async () => {
		const exitFile = startDashboard(['--data-dir', path.join(dir, 'data'), '--demo']);
		const first = await sees(/kubernetes-bootcamp-[a-z0-9]+-[a-z0-9]{5} .*Running/, 40_000);
		const kubeconfig = /export KUBECONFIG=(\S+)/.exec(first)?.[1];
		expect(kubeconfig && existsSync(kubeconfig)).toBe(true);

		command(':deploy');
		await sees(/UP-TO-DATE/);
		command(':scale deploy/kubernetes-bootcamp 3');
		await sees(/kubernetes-bootcamp +3\/3/, 30_000);

		// kubectl changes the cluster; the dashboard follows.
		kubectlOut(kubeconfig!, 'scale', 'deployment', 'kubernetes-bootcamp', '--replicas=2');
		await sees(/kubernetes-bootcamp +2\/2/, 30_000);

		command(':label deploy/kubernetes-bootcamp team=blue');
		await until(() => kubectlOut(kubeconfig!, 'get', 'deploy', 'kubernetes-bootcamp', '--show-labels').includes('team=blue'), 'the label');
		command(':expose deploy/kubernetes-bootcamp --type=NodePort --port=8080 --name=boot2');
		await until(() => kubectlOut(kubeconfig!, 'get', 'svc', 'boot2').includes('NodePort'), 'the exposed service');
		command(':set image deploy/kubernetes-bootcamp kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2');
		await until(() => kubectlOut(kubeconfig!, 'get', 'deploy', 'kubernetes-bootcamp', '-o', 'jsonpath={.spec.template.spec.containers[0].image}').includes(':v2'), 'the new image');
		command(':rollout undo deploy/kubernetes-bootcamp');
		await until(() => kubectlOut(kubeconfig!, 'get', 'deploy', 'kubernetes-bootcamp', '-o', 'jsonpath={.spec.template.spec.containers[0].image}').includes('bootcamp:v1'), 'the undo');

		command(':frobnicate now');
		await sees(/frobnicate|[Uu]nknown|[Uu]sage/);

		// Drill down from the deployment to its pods, then back.
		command(':deploy');
		await sees(/UP-TO-DATE/);
		keys('/');
		type('kubernetes-bootcamp');
		keys('Enter');
		await new Promise(resolve => setTimeout(resolve, 500));
		keys('Enter');
		await sees(/kubernetes-bootcamp-[a-z0-9]+-[a-z0-9]{5}/);
		keys('Escape');
		await sees(/UP-TO-DATE/);
		keys('Escape');

		command(':pods');
		await new Promise(resolve => setTimeout(resolve, 500));
		keys('Escape');
		keys('/');
		type('kubernetes-bootcamp');
		keys('Enter');
		await new Promise(resolve => setTimeout(resolve, 500));
		keys('d');
		await sees(/Containers:|Events:/);
		keys('Escape');
		await new Promise(resolve => setTimeout(resolve, 300));
		keys('l');
		await sees(/Kubernetes Bootcamp App Started At/);
		keys('Escape');
		await new Promise(resolve => setTimeout(resolve, 300));
		keys('?');
		await sees(/[Hh]elp/);
		keys('Escape');
		await new Promise(resolve => setTimeout(resolve, 300));

		// Node power off from the keyboard: the node turns NotReady and its pods come back elsewhere.
		const nodeOf = () => kubectlOut(kubeconfig!, 'get', 'pods', '-l', 'app=kubernetes-bootcamp', '-o', 'jsonpath={range .items[*]}{.spec.nodeName} {.status.phase} {.metadata.deletionTimestamp}{"\\n"}{end}');
		const victim = nodeOf().trim().split('\n')[0]!.split(' ')[0]!;
		command(`:node stop ${victim}`);
		await until(() => /NotReady/.test(kubectlOut(kubeconfig!, 'get', 'node', victim, '--no-headers')), 'the node to turn NotReady', 40_000);
		await until(() => nodeOf().split('\n').filter(line => /^\S+ Running\s*$/.test(line) && !line.startsWith(`${victim} `)).length >= 2, 'the pods to come back elsewhere', 60_000);
		command(`:node start ${victim}`);
		await until(() => / Ready /.test(kubectlOut(kubeconfig!, 'get', 'node', victim, '--no-headers')), 'the node to be Ready again', 40_000);

		command(':q');
		await until(() => existsSync(exitFile), 'the dashboard to quit', 15_000);
		expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
	}, 240_000);

	it('attaches to a separate cluster through --kubeconfig, as to any real cluster', async () => {
		const kubeconfigFile = path.join(dir, 'served-kubeconfig');
		let served: ChildProcess | undefined;
		try {
			({child: served} = await serveUntilReady(process.execPath, [bundleFile], kubeconfigFile));
			kubectlOut(kubeconfigFile, 'create', 'deployment', 'attached-web', '--image=nginx:1.27', '--replicas=2');
			const exitFile = startDashboard(['--kubeconfig', kubeconfigFile]);
			await sees(/attached-web-[a-z0-9]+-[a-z0-9]{5} .*Running/, 40_000);
			command(':no');
			await sees(/worker-1/);
			command(':q');
			await until(() => existsSync(exitFile), 'the dashboard to quit', 15_000);
			expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
		} finally {
			spawnSync('tmux', ['kill-session', '-t', session]);
			if (served) await stop(served);
		}
	}, 180_000);
});
