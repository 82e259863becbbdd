import {afterEach, describe, expect, it} from 'vitest';
import {ApiError} from '../../../source/cluster/api/status.js';
import {bootCluster, type BootedCluster} from '../../helpers/cluster-boot.js';

let booted: BootedCluster | undefined;

afterEach(async () => {
	await booted?.stop();
	booted = undefined;
});

/** One request to the pod through pods/proxy, as `kubectl proxy` then curl would send it. */
async function visit(current: BootedCluster, pod: string): Promise<string> {
	const response = await current.runtime.proxy('default', pod, 8080, {method: 'GET', path: '/', headers: {}, body: new Uint8Array()});
	return Buffer.from(response.body).toString('utf8');
}

async function bootcamp(): Promise<BootedCluster> {
	const current = await bootCluster({nodes: 2});
	await current.createPod('app', {containers: [{name: 'kubernetes-bootcamp', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1'}]});
	await current.eventually(() => current.ready(current.api.get('pods', 'default', 'app')), 'app Ready');
	return current;
}

describe('container logs', () => {
	it('hold the app’s lines: its start, then one line per request', async () => {
		booted = await bootcamp();
		expect(await visit(booted, 'app')).toBe('Hello Kubernetes bootcamp! | Running on: app | v=1\n');
		await visit(booted, 'app');
		const lines = (await booted.logs('app')).split('\n');
		expect(lines[0]).toMatch(/^Kubernetes Bootcamp App Started At: \S+ \| Running On: {2}app $/);
		expect(lines.filter(line => line.startsWith('Running On: app | Total Requests: '))).toHaveLength(2);
		expect(lines.at(-2)).toMatch(/^Running On: app \| Total Requests: 2 \| App Uptime: [\d.]+ seconds \| Log Time: /);
	});

	it('give the last lines with tailLines, prefix timestamps, and cut at limitBytes', async () => {
		booted = await bootcamp();
		for (let i = 0; i < 5; i++) await visit(booted, 'app');
		const tail = await booted.logs('app', {tailLines: 2});
		expect(tail.split('\n').filter(Boolean).map(line => /Total Requests: (\d+)/.exec(line)?.[1])).toEqual(['4', '5']);
		const stamped = await booted.logs('app', {tailLines: 1, timestamps: true});
		expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z Running On: app \| Total Requests: 5 /);
		expect(await booted.logs('app', {tailLines: 0})).toBe('');
		expect(await booted.logs('app', {limitBytes: 12})).toBe('Kubernetes B');
	});

	it('give only recent lines with sinceSeconds', async () => {
		booted = await bootcamp();
		await visit(booted, 'app');
		await booted.pass(60_000, 5000);
		await visit(booted, 'app');
		const recent = await booted.logs('app', {sinceSeconds: 10});
		expect(recent.split('\n').filter(Boolean).map(line => /Total Requests: (\d+)/.exec(line)?.[1])).toEqual(['2']);
	});

	it('stream new lines with follow, and end the stream when the container stops', async () => {
		booted = await bootcamp();
		const received: string[] = [];
		const stream = await booted.runtime.logs('default', 'app', undefined, {follow: true, tailLines: 0}, text => received.push(text));
		let ended = false;
		void stream.done.then(() => (ended = true));
		await visit(booted, 'app');
		await visit(booted, 'app');
		expect(received.join('')).toMatch(/^Running On: app \| Total Requests: 1 .*\nRunning On: app \| Total Requests: 2 .*\n$/);
		expect(ended).toBe(false);
		await booted.api.delete('pods', 'default', 'app');
		await booted.eventually(() => ended, 'the follow stream to end');
	});

	it('keep the previous instance’s lines after a restart, for --previous', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('flaky', {containers: [{name: 'main', image: 'busybox', command: ['sh', '-c', 'echo started; sleep 2; echo giving up; exit 1']}]});
		await booted.eventually(() => booted!.container('flaky')?.restartCount === 1 && booted!.container('flaky')?.state?.running !== undefined, 'second run');
		expect(await booted.logs('flaky', {previous: true})).toBe('started\ngiving up\n');
		expect(await booted.logs('flaky')).toBe('started\n');
	});

	it('refuse --previous for a container that never restarted, and an unknown container', async () => {
		booted = await bootcamp();
		await expect(booted.logs('app', {previous: true})).rejects.toSatisfy(
			error => error instanceof ApiError && error.code === 400 && error.message === 'previous terminated container "kubernetes-bootcamp" in pod "app" not found',
		);
		await expect(booted.logs('app', {}, 'sidecar')).rejects.toSatisfy(error => error instanceof ApiError && error.code === 400 && /container sidecar is not valid for pod app/.test(error.message));
	});

	it('refuse the logs of a container that has not started yet, saying why', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('typo', {containers: [{name: 'app', image: 'nginx:9.99'}]});
		await booted.eventually(() => /ImagePull/.test(booted!.container('typo')?.state?.waiting?.reason ?? ''), 'a pull failure');
		await expect(booted.logs('typo')).rejects.toThrow('container "app" in pod "typo" is waiting to start: trying and failing to pull image');
	});
});
