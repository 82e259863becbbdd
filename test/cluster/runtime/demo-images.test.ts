import {describe, expect, it} from 'vitest';
import {settle, startPod} from './helpers/pods.js';

const request = {method: 'GET', path: '/', headers: {}};

describe('kubedeck/crasher', () => {
	it('serves for five seconds, then exits 1', async () => {
		const pod = startPod('kubedeck/crasher');
		await settle();
		expect((await pod.container.handleHttp(request, 8080))?.status).toBe(200);
		await pod.clock.advance(5000);
		expect(await pod.container.exited).toEqual({exitCode: 1, reason: 'Error'});
		expect(pod.lines('stderr')).toEqual(['crasher: fatal: simulated failure after 5s, exiting with code 1']);
	});

	it('crashes when and how its arguments say', async () => {
		const pod = startPod('kubedeck/crasher', {args: ['--after=30', '--exit-code=3']});
		await pod.clock.advance(29_000);
		expect(pod.container.listens()).toEqual([8080]);
		await pod.clock.advance(1000);
		expect(await pod.container.exited).toEqual({exitCode: 3, reason: 'Error'});
	});
});

describe('kubedeck/slow-start', () => {
	it('listens only once it has warmed up', async () => {
		const pod = startPod('kubedeck/slow-start', {args: ['--delay=10']});
		await pod.clock.advance(9000);
		expect(pod.container.listens()).toEqual([]);
		expect(pod.container.handleHttp(request, 8080)).toBeUndefined();
		await pod.clock.advance(1000);
		expect(pod.container.listens()).toEqual([8080]);
		expect((await pod.container.handleHttp(request, 8080))?.status).toBe(200);
		expect(pod.lines()).toContain('slow-start: ready, listening on :8080');
	});
});
