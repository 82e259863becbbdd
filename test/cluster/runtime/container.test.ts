import {describe, expect, it} from 'vitest';
import {resolveImage} from '../../../source/cluster/runtime/catalogue.js';
import {startContainer} from '../../../source/cluster/runtime/container.js';
import {ExecStartError} from '../../../source/cluster/runtime/exec-start-error.js';
import type {ImageProgram} from '../../../source/cluster/runtime/types.js';
import {Volume} from '../../../source/cluster/runtime/volume.js';
import {exec, settle, startPod} from './helpers/pods.js';

describe('a container', () => {
	it('with no command on busybox runs sh, which exits 0 at once', async () => {
		const pod = startPod('busybox');
		expect(await pod.container.exited).toEqual({exitCode: 0, reason: 'Completed'});
	});

	it('logs what its command prints and ends with its exit code', async () => {
		const pod = startPod('busybox', {command: ['sh', '-c', 'echo boom; echo oops >&2; exit 1']});
		expect(await pod.container.exited).toEqual({exitCode: 1, reason: 'Error'});
		expect(pod.logs).toEqual([
			{line: 'boom', stream: 'stdout'},
			{line: 'oops', stream: 'stderr'},
		]);
	});

	it('runs a job to completion through sleeps on the clock', async () => {
		const pod = startPod('busybox', {command: ['sh', '-c', 'for i in 1 2 3; do echo tick $i; sleep 10; done; echo job-done']});
		await pod.clock.advance(15_000);
		expect(pod.lines()).toEqual(['tick 1', 'tick 2']);
		await pod.clock.advance(20_000);
		expect(await pod.container.exited).toEqual({exitCode: 0, reason: 'Completed'});
		expect(pod.lines()).toEqual(['tick 1', 'tick 2', 'tick 3', 'job-done']);
	});

	it('stops a sleeping script promptly on TERM', async () => {
		const pod = startPod('busybox', {command: ['sh', '-c', 'echo started; sleep 3600; echo never']});
		await settle();
		pod.container.stop('TERM');
		expect(await pod.container.exited).toEqual({exitCode: 143, reason: 'Error'});
		expect(pod.lines()).toEqual(['started']);
		expect(pod.clock.pending).toBe(0);
	});

	it('runs a TERM trap once its foreground command is done, as a shell does', async () => {
		const pod = startPod('busybox', {command: ['sh', '-c', 'trap "echo cleaning up; exit 0" TERM; while true; do sleep 1; done']});
		await pod.clock.advance(3500);
		pod.container.stop('TERM');
		await pod.clock.advance(500);
		expect(await pod.container.exited).toEqual({exitCode: 0, reason: 'Completed'});
		expect(pod.lines()).toEqual(['cleaning up']);
	});

	it('runs a TERM trap at once while it waits for a background job', async () => {
		const pod = startPod('busybox', {command: ['sh', '-c', 'trap "echo bye; exit 0" TERM; sleep 3600 & wait']});
		await settle();
		pod.container.stop('TERM');
		expect(await pod.container.exited).toEqual({exitCode: 0, reason: 'Completed'});
		expect(pod.lines()).toEqual(['bye']);
		expect(pod.clock.pending).toBe(0);
	});

	it('ignores TERM under an empty trap, and ends at once on KILL', async () => {
		const pod = startPod('busybox', {command: ['sh', '-c', 'trap "" TERM; sleep 3600']});
		await settle();
		pod.container.stop('TERM');
		await settle();
		pod.container.stop('KILL');
		expect(await pod.container.exited).toEqual({exitCode: 137, reason: 'Error'});
	});

	it('fails to start a command the image does not have', async () => {
		const pod = startPod('busybox', {command: ['nosuchbinary', '--flag']});
		expect(await pod.container.exited).toEqual({
			exitCode: 128,
			reason: 'StartError',
			message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nosuchbinary": executable file not found in $PATH: unknown',
		});
	});

	it('takes args over the image cmd and keeps the entrypoint', async () => {
		const pod = startPod('busybox', {args: ['echo', 'from', 'args']});
		await pod.container.exited;
		expect(pod.lines()).toEqual(['from args']);
	});

	it('expands $(VAR) in command and args from its environment', async () => {
		const pod = startPod('busybox', {command: ['echo'], args: ['$(GREETING), $(UNKNOWN)', '$$(GREETING)'], env: [{name: 'GREETING', value: 'hello'}]});
		await pod.container.exited;
		expect(pod.lines()).toEqual(['hello, $(UNKNOWN) $(GREETING)']);
	});

	it('reads its mounted volumes and shares emptyDir writes with the pod', async () => {
		const config = new Volume({'app.properties': 'color=blue\n'}, {readOnly: true});
		const shared = new Volume();
		const writer = startPod('busybox', {command: ['sh', '-c', 'cat /config/app.properties > /data/copy; sleep 3600'], mounts: [{mountPath: '/config', volume: config}, {mountPath: '/data', volume: shared}]});
		await settle();
		const resolved = resolveImage('busybox') as ImageProgram;
		const reader = startContainer(resolved, {pod: writer.pod, containerName: 'reader', env: [], command: ['cat', '/shared/copy'], mounts: [{mountPath: '/shared', volume: shared}], log: line => writer.logs.push({line, stream: 'stdout'})});
		expect(await reader.exited).toMatchObject({exitCode: 0});
		expect(writer.lines()).toEqual(['color=blue']);
		expect((await exec(writer, ['ls', '/config'])).stdout).toBe('app.properties\n');
	});

	it('says so when an exec has no such executable', () => {
		const pod = startPod('busybox', {command: ['sleep', '3600']});
		expect(() => pod.container.exec(['bash'], {onStdout() {}, onStderr() {}})).toThrow(ExecStartError);
		expect(() => pod.container.exec(['bash'], {onStdout() {}, onStderr() {}})).toThrow(/OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown$/);
	});

	it('ends its execs when it stops', async () => {
		const pod = startPod('busybox', {command: ['sleep', '3600']});
		const session = pod.container.exec(['sleep', '100'], {onStdout() {}, onStderr() {}});
		await settle();
		pod.container.stop('TERM');
		expect(await pod.container.exited).toEqual({exitCode: 143, reason: 'Error'});
		expect(await session.exitCode).toBe(137);
	});

	it('restarts when its main process is killed from inside', async () => {
		const pod = startPod('nginx:1.27');
		await settle();
		expect((await exec(pod, ['kill', '1'])).code).toBe(0);
		expect(await pod.container.exited).toEqual({exitCode: 0, reason: 'Completed'});
	});

	it('lists its processes', async () => {
		const pod = startPod('busybox', {command: ['sleep', '3600']});
		const result = await exec(pod, ['ps']);
		expect(result.stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    2 root      0:00 ps\n');
	});
});
