import {describe, expect, it} from 'vitest';
import {settle, startPod} from './helpers/pods.js';

const Mi = 1024 * 1024;
const request = {method: 'GET', path: '/', headers: {}};

describe('usage', () => {
	it('is small for an idle web server', async () => {
		const pod = startPod('gcr.io/google-samples/kubernetes-bootcamp:v1');
		await settle();
		for (let minute = 0; minute < 5; minute++) {
			await pod.clock.advance(60_000);
			const usage = pod.container.usage();
			expect(usage.cpuMilli).toBeGreaterThanOrEqual(1);
			expect(usage.cpuMilli).toBeLessThanOrEqual(3);
			expect(usage.memoryBytes).toBeGreaterThan(10 * Mi);
			expect(usage.memoryBytes).toBeLessThan(20 * Mi);
		}
	});

	it('rises under load and falls back after it', async () => {
		const pod = startPod('nginx:1.27');
		await settle();
		const idle = pod.container.usage();
		// 50 requests a second for 30 seconds.
		for (let tick = 0; tick < 300; tick++) {
			for (let count = 0; count < 5; count++) await pod.container.handleHttp(request, 80);
			await pod.clock.advance(100);
		}
		const busy = pod.container.usage();
		expect(busy.cpuMilli).toBeGreaterThan(idle.cpuMilli + 15);
		expect(busy.memoryBytes).toBeGreaterThan(idle.memoryBytes);
		await pod.clock.advance(120_000);
		const later = pod.container.usage();
		expect(later.cpuMilli).toBeLessThan(busy.cpuMilli / 4);
		expect(later.memoryBytes).toBeLessThan(busy.memoryBytes);
	});

	it('is a whole core for a busy loop, which still stops on TERM', async () => {
		const pod = startPod('busybox', {command: ['sh', '-c', 'while true; do :; done'], resources: {cpuLimitMilli: 500}});
		for (let round = 0; round < 100 && pod.container.usage().cpuMilli < 500; round++) await new Promise(resolve => setTimeout(resolve, 10));
		expect(pod.container.usage().cpuMilli).toBe(500);
		pod.container.stop('TERM');
		expect(await pod.container.exited).toEqual({exitCode: 143, reason: 'Error'});
	});

	it('is what a stress container asks for, held to its CPU limit', async () => {
		const pod = startPod('kubedeck/stress', {env: [{name: 'STRESS_CPU', value: '1500m'}, {name: 'STRESS_MEMORY', value: '100Mi'}], resources: {cpuLimitMilli: 1000}});
		await pod.clock.advance(10_000);
		const usage = pod.container.usage();
		expect(usage.cpuMilli).toBe(1000);
		expect(usage.memoryBytes).toBeGreaterThan(100 * Mi);
		expect(usage.memoryBytes).toBeLessThan(104 * Mi);
	});

	it('over its memory limit ends the container with OOMKilled', async () => {
		const pod = startPod('polinux/stress', {args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], resources: {memoryLimitBytes: 100 * Mi}});
		await pod.clock.advance(10_000);
		expect(await pod.container.exited).toEqual({exitCode: 137, reason: 'OOMKilled'});
		expect(pod.container.usage()).toEqual({cpuMilli: 0, memoryBytes: 0});
	});
});
