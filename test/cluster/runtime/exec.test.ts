import {describe, expect, it} from 'vitest';
import type {ExecSession} from '../../../source/cluster/runtime/types.js';
import {exec, settle, startPod, type TestPod} from './helpers/pods.js';

/** An interactive session as `kubectl exec -ti` drives it: raw keystrokes in, a terminal's output back. */
async function terminal(pod: TestPod, argv: string[]): Promise<{session: ExecSession; screen: () => string; type: (keys: string) => Promise<void>}> {
	let output = '';
	const session = pod.container.exec(argv, {tty: true, stdin: true, onStdout: data => (output += data), onStderr: () => {}});
	await settle();
	return {
		session,
		screen: () => output,
		type: async keys => {
			session.write(keys);
			await settle();
		},
	};
}

describe('exec', () => {
	it('prints the environment the pod gave the container', async () => {
		const pod = startPod('nginx:1.27', {
			podName: 'app-5f7c9d8b4-k2m9x',
			env: [{name: 'GREETING', value: 'hello'}, {name: 'KUBERNETES_SERVICE_HOST', value: '10.96.0.1'}],
		});
		const result = await exec(pod, ['env']);
		const lines = result.stdout.split('\n');
		expect(lines.slice(0, 4)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=app-5f7c9d8b4-k2m9x', 'GREETING=hello', 'KUBERNETES_SERVICE_HOST=10.96.0.1']);
		expect(lines).toContain('NGINX_VERSION=1.27.5');
		expect(lines).toContain('HOME=/root');
		expect(result.code).toBe(0);
	});

	it('prints the pod name as the hostname', async () => {
		const pod = startPod('nginx:1.27', {podName: 'app-5f7c9d8b4-k2m9x'});
		expect(await exec(pod, ['hostname'])).toEqual({stdout: 'app-5f7c9d8b4-k2m9x\n', stderr: '', code: 0});
	});

	it('passes on the exit code of sh -c', async () => {
		const pod = startPod('busybox', {command: ['sleep', '3600']});
		expect(await exec(pod, ['sh', '-c', 'echo oops >&2; exit 7'])).toEqual({stdout: '', stderr: 'oops\n', code: 7});
	});

	it('feeds stdin to cat with -i', async () => {
		const pod = startPod('busybox', {command: ['sleep', '3600']});
		expect(await exec(pod, ['cat'], {stdin: 'hello stdin'})).toEqual({stdout: 'hello stdin', stderr: '', code: 0});
	});

	it('runs commands piped into sh without a prompt', async () => {
		const pod = startPod('busybox', {command: ['sleep', '3600']});
		expect(await exec(pod, ['sh'], {stdin: 'echo one\nfor i in a b; do\necho $i\ndone\nexit 4\necho never\n'})).toEqual({stdout: 'one\na\nb\n', stderr: '', code: 4});
	});

	it('gives an interactive shell with a prompt, echo and line editing', async () => {
		const pod = startPod('busybox', {command: ['sleep', '3600']});
		const term = await terminal(pod, ['sh']);
		expect(term.screen()).toBe('/ # ');
		await term.type('echo helxx');
		await term.type('\u007f\u007flo\r');
		expect(term.screen()).toBe('/ # echo helxx\b \b\b \blo\r\nhello\r\n/ # ');
		await term.type('cd /etc\r');
		expect(term.screen().endsWith('/etc # ')).toBe(true);
		await term.type('exit 5\r');
		expect(await term.session.exitCode).toBe(5);
	});

	it('interrupts a command with Ctrl-C and goes back to the prompt', async () => {
		const pod = startPod('busybox', {command: ['sleep', '3600']});
		const term = await terminal(pod, ['sh']);
		await term.type('sleep 100\r');
		await term.type('\u0003');
		expect(term.screen()).toBe('/ # sleep 100\r\n^C\r\n/ # ');
		await term.type('echo $?\r');
		expect(term.screen().endsWith('130\r\n/ # ')).toBe(true);
		await term.type('\u0004');
		expect(await term.session.exitCode).toBe(0);
	});

	it('shows bash prompts in Debian-based images', async () => {
		const pod = startPod('gcr.io/google-samples/kubernetes-bootcamp:v1', {podName: 'kubernetes-bootcamp-5485cc6795-cdwz7'});
		const term = await terminal(pod, ['bash']);
		expect(term.screen()).toBe('root@kubernetes-bootcamp-5485cc6795-cdwz7:/# ');
		await term.type('exit\r');
		expect(await term.session.exitCode).toBe(0);
		expect(term.screen().endsWith('exit\r\nexit\r\n')).toBe(true);
	});

	it('ends when the client goes away', async () => {
		const pod = startPod('busybox', {command: ['sleep', '3600']});
		const term = await terminal(pod, ['sh']);
		term.session.kill();
		expect(await term.session.exitCode).toBe(137);
	});

	it('serves exec probes', async () => {
		const pod = startPod('busybox', {command: ['sh', '-c', 'touch /tmp/healthy; sleep 3600']});
		await settle();
		expect((await exec(pod, ['cat', '/tmp/healthy'])).code).toBe(0);
		expect((await exec(pod, ['rm', '/tmp/healthy'])).code).toBe(0);
		expect(await exec(pod, ['cat', '/tmp/healthy'])).toEqual({stdout: '', stderr: "cat: can't open '/tmp/healthy': No such file or directory\n", code: 1});
	});
});

describe('attach', () => {
	it('joins a shell started with stdin and tty, as kubectl run -it does', async () => {
		const pod = startPod('busybox', {stdin: true, tty: true});
		await settle();
		let screen = '';
		const session = pod.container.attach({onStdout: data => (screen += data), onStderr: () => {}});
		session.write('echo hi\r');
		await settle();
		expect(screen).toBe('echo hi\r\nhi\r\n/ # ');
		session.write('exit 3\r');
		expect(await session.exitCode).toBe(3);
		expect(await pod.container.exited).toEqual({exitCode: 3, reason: 'Error'});
		expect(pod.lines()).toEqual(['/ # echo hi\r', 'hi', '/ # exit 3\r']);
	});

	it('follows the output of a container without stdin', async () => {
		const pod = startPod('busybox', {command: ['sh', '-c', 'while true; do echo tick; sleep 1; done']});
		await settle();
		let output = '';
		const session = pod.container.attach({onStdout: data => (output += data), onStderr: () => {}});
		await pod.clock.advance(2000);
		expect(output).toBe('tick\ntick\n');
		session.kill();
		await pod.clock.advance(1000);
		expect(output).toBe('tick\ntick\n');
	});
});
