import {afterEach, describe, expect, it} from 'vitest';
import {bootCluster, type BootedCluster} from '../../helpers/cluster-boot.js';

let booted: BootedCluster | undefined;

afterEach(async () => {
	await booted?.stop();
	booted = undefined;
});

function said(current: BootedCluster, pod: string, reason: string): string[] {
	return current.events(reason, pod).map(event => String(event['message']));
}

function readyCondition(current: BootedCluster, pod: string): string | undefined {
	return current.status(pod).conditions?.find(condition => condition.type === 'Ready')?.status;
}

/** The ready flags of a service's endpoints, by pod name. */
function endpointReadiness(current: BootedCluster, service: string): Record<string, boolean | undefined> {
	const out: Record<string, boolean | undefined> = {};
	for (const slice of current.api.list('endpointslices', 'default', {labelSelector: `kubernetes.io/service-name=${service}`}).items)
		for (const endpoint of (slice['endpoints'] ?? []) as Array<{targetRef?: {name: string}; conditions?: {ready?: boolean}}>) out[endpoint.targetRef!.name] = endpoint.conditions?.ready;
	return out;
}

describe('probes', () => {
	it('keep a pod out of Ready and out of its service’s ready endpoints until its readiness probe passes', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.api.create('services', 'default', {apiVersion: 'v1', kind: 'Service', metadata: {name: 'slow'}, spec: {selector: {app: 'slow'}, ports: [{port: 8080}]}});
		await booted.createPod(
			'slow',
			{containers: [{name: 'slow', image: 'kubedeck/slow-start', args: ['--delay=10'], readinessProbe: {httpGet: {path: '/', port: 8080}, periodSeconds: 2, failureThreshold: 1}}]},
			{app: 'slow'},
		);
		await booted.eventually(() => booted!.status('slow').phase === 'Running', 'slow Running');
		await booted.pass(5000);
		expect(readyCondition(booted, 'slow')).toBe('False');
		expect(booted.container('slow')).toMatchObject({ready: false, started: true});
		expect(endpointReadiness(booted, 'slow')).toEqual({slow: false});
		const ip = booted.status('slow').podIP;
		expect(said(booted, 'slow', 'Unhealthy')).toContain(`Readiness probe failed: Get "http://${ip}:8080/": dial tcp ${ip}:8080: connect: connection refused`);

		await booted.eventually(() => readyCondition(booted!, 'slow') === 'True', 'slow Ready', {withinMs: 10_000});
		expect(booted.clock.now() - Date.parse(booted.status('slow').startTime!)).toBeGreaterThanOrEqual(10_000);
		await booted.eventually(() => endpointReadiness(booted!, 'slow')['slow'] === true, 'slow endpoint ready');
	});

	it('takes a pod out of ready endpoints when its readiness probe starts failing, and back when it passes', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.api.create('services', 'default', {apiVersion: 'v1', kind: 'Service', metadata: {name: 'toggle'}, spec: {selector: {app: 'toggle'}, ports: [{port: 80}]}});
		await booted.createPod(
			'toggle',
			{containers: [{name: 'main', image: 'busybox', command: ['sh', '-c', 'touch /tmp/ready; sleep 3600'], readinessProbe: {exec: {command: ['cat', '/tmp/ready']}, periodSeconds: 1, failureThreshold: 2}}]},
			{app: 'toggle'},
		);
		await booted.eventually(() => endpointReadiness(booted!, 'toggle')['toggle'] === true, 'toggle ready');
		await booted.exec('toggle', ['rm', '/tmp/ready']);
		await booted.eventually(() => endpointReadiness(booted!, 'toggle')['toggle'] === false, 'toggle not ready', {withinMs: 5000});
		expect(readyCondition(booted, 'toggle')).toBe('False');
		expect(booted.container('toggle')!.restartCount).toBe(0);
		expect(said(booted, 'toggle', 'Unhealthy')).toContain("Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory");
		await booted.exec('toggle', ['touch', '/tmp/ready']);
		await booted.eventually(() => endpointReadiness(booted!, 'toggle')['toggle'] === true, 'toggle ready again', {withinMs: 5000});
	});

	it('restart a container whose liveness probe fails failureThreshold times in a row', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('liveness', {
			containers: [
				{
					name: 'main',
					image: 'busybox',
					command: ['sh', '-c', 'touch /tmp/healthy; sleep 5; rm /tmp/healthy; sleep 600'],
					livenessProbe: {exec: {command: ['cat', '/tmp/healthy']}, initialDelaySeconds: 1, periodSeconds: 1, failureThreshold: 3},
				},
			],
		});
		await booted.eventually(() => booted!.container('liveness')?.state?.running !== undefined, 'running');
		await booted.pass(6000);
		expect(booted.container('liveness')!.restartCount).toBe(0);
		await booted.eventually(() => booted!.container('liveness')!.restartCount === 1, 'one restart', {withinMs: 10_000});
		expect(said(booted, 'liveness', 'Unhealthy')).toEqual(["Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"]);
		expect(said(booted, 'liveness', 'Killing')).toEqual(['Container main failed liveness probe, will be restarted']);
		expect(booted.container('liveness')!.lastState!.terminated).toMatchObject({exitCode: 137, reason: 'Error'});
	});

	it('hold liveness back while a startup probe waits, then let it run', async () => {
		booted = await bootCluster({nodes: 2});
		const http = {httpGet: {path: '/', port: 8080}, periodSeconds: 1};
		await booted.createPod('warming', {
			containers: [{name: 'main', image: 'kubedeck/slow-start', args: ['--delay=8'], startupProbe: {...http, failureThreshold: 30}, livenessProbe: {...http, failureThreshold: 1}}],
		});
		await booted.eventually(() => booted!.status('warming').phase === 'Running', 'Running');
		await booted.pass(4000);
		expect(booted.container('warming')).toMatchObject({started: false, ready: false, restartCount: 0});
		await booted.eventually(() => booted!.container('warming')!.ready, 'started and ready', {withinMs: 8000});
		expect(booted.container('warming')).toMatchObject({started: true, restartCount: 0});
		expect(said(booted, 'warming', 'Unhealthy').every(message => message.startsWith('Startup probe failed: '))).toBe(true);
		expect(said(booted, 'warming', 'Killing')).toEqual([]);
	});

	it('restart a container that never passes its startup probe', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('stuck', {containers: [{name: 'main', image: 'kubedeck/slow-start', args: ['--delay=600'], startupProbe: {tcpSocket: {port: 8080}, periodSeconds: 1, failureThreshold: 3}}]});
		await booted.eventually(() => booted!.container('stuck')?.restartCount === 1, 'restarted', {withinMs: 10_000});
		expect(said(booted, 'stuck', 'Killing')).toEqual(['Container main failed startup probe, will be restarted']);
		const ip = booted.status('stuck').podIP;
		expect(said(booted, 'stuck', 'Unhealthy')).toContain(`Startup probe failed: dial tcp ${ip}:8080: connect: connection refused`);
	});

	it('fail a probe that takes longer than its timeoutSeconds', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('slowpoke', {
			containers: [{name: 'main', image: 'busybox', command: ['sleep', '3600'], readinessProbe: {exec: {command: ['sleep', '5']}, timeoutSeconds: 2, periodSeconds: 3}}],
		});
		await booted.eventually(() => said(booted!, 'slowpoke', 'Unhealthy').length > 0, 'a failed probe');
		expect(said(booted, 'slowpoke', 'Unhealthy')).toEqual(['Readiness probe failed: command timed out: "sleep 5" timed out after 2s']);
		expect(readyCondition(booted, 'slowpoke')).toBe('False');
		// The timed-out command was ended, not left running in the container.
		expect((await booted.exec('slowpoke', ['ps'])).stdout).not.toMatch(/sleep 5/);
	});

	it('count a tcpSocket probe as passed once the port listens', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('web', {containers: [{name: 'web', image: 'nginx', ports: [{name: 'http', containerPort: 80}], readinessProbe: {tcpSocket: {port: 'http'}, periodSeconds: 5}}]});
		await booted.eventually(() => readyCondition(booted!, 'web') === 'True', 'web Ready');
		expect(said(booted, 'web', 'Unhealthy')).toEqual([]);
	});
});
