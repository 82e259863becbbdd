import {describe, expect, it} from 'vitest';
import {exec, settle, startPod} from './helpers/pods.js';

const request = {method: 'GET', path: '/', headers: {'user-agent': 'curl/8.5.0'}};

describe('kubernetes-bootcamp', () => {
	it('answers on 8080 with its pod name and version', async () => {
		const pod = startPod('gcr.io/google-samples/kubernetes-bootcamp:v1', {podName: 'kubernetes-bootcamp-5485cc6795-cdwz7'});
		await settle();
		expect(pod.container.listens()).toEqual([8080]);
		const response = await pod.container.handleHttp(request, 8080);
		expect(response).toMatchObject({status: 200, headers: {'content-type': 'text/plain'}, body: 'Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-5485cc6795-cdwz7 | v=1\n'});
		expect(pod.container.handleHttp(request, 80)).toBeUndefined();
	});

	it('answers v=2 from the v2 tag', async () => {
		const pod = startPod('jocatalin/kubernetes-bootcamp:v2');
		await settle();
		expect((await pod.container.handleHttp(request, 8080))?.body).toMatch(/ \| v=2\n$/);
	});

	it('logs its start and each request as the tutorial shows', async () => {
		const pod = startPod('gcr.io/google-samples/kubernetes-bootcamp:v1', {podName: 'kubernetes-bootcamp-5485cc6795-cdwz7'});
		await settle();
		await pod.clock.advance(446_976);
		await pod.container.handleHttp(request, 8080);
		await pod.clock.advance(117);
		await pod.container.handleHttp(request, 8080);
		expect(pod.lines('stdout')).toEqual([
			'Kubernetes Bootcamp App Started At: 2026-11-26T11:40:00.000Z | Running On:  kubernetes-bootcamp-5485cc6795-cdwz7 ',
			'',
			'Running On: kubernetes-bootcamp-5485cc6795-cdwz7 | Total Requests: 1 | App Uptime: 446.976 seconds | Log Time: 2026-11-26T11:47:26.976Z',
			'Running On: kubernetes-bootcamp-5485cc6795-cdwz7 | Total Requests: 2 | App Uptime: 447.093 seconds | Log Time: 2026-11-26T11:47:27.093Z',
		]);
	});

	it('runs what the tutorial execs in it', async () => {
		const pod = startPod('gcr.io/google-samples/kubernetes-bootcamp:v1', {
			podName: 'kubernetes-bootcamp-5485cc6795-cdwz7',
			env: [{name: 'KUBERNETES_SERVICE_HOST', value: '10.96.0.1'}, {name: 'KUBERNETES_SERVICE_PORT', value: '443'}],
		});
		await settle();
		const env = await exec(pod, ['env']);
		expect(env.stdout).toBe(
			'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=kubernetes-bootcamp-5485cc6795-cdwz7\nKUBERNETES_SERVICE_HOST=10.96.0.1\nKUBERNETES_SERVICE_PORT=443\nNPM_CONFIG_LOGLEVEL=info\nNODE_VERSION=6.3.1\nHOME=/root\n',
		);
		expect((await exec(pod, ['bash', '-c', 'ls; cat server.js | head -n 2'])).stdout).toContain('server.js\n');
		expect((await exec(pod, ['bash', '-c', 'curl -s http://localhost:8080'])).stdout).toBe('Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-5485cc6795-cdwz7 | v=1\n');
		expect((await exec(pod, ['node', '-v'])).stdout).toBe('v6.3.1\n');
	});

	it('stops on TERM and frees its port', async () => {
		const pod = startPod('gcr.io/google-samples/kubernetes-bootcamp:v1');
		await settle();
		pod.container.stop('TERM');
		expect(await pod.container.exited).toEqual({exitCode: 143, reason: 'Error'});
		expect(pod.pod.listens()).toEqual([]);
	});
});
