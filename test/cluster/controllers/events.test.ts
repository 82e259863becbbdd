import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {createRegistry} from '../../../source/cluster/api/registry.js';
import {createEventRecorder, EventTtlController} from '../../../source/cluster/controllers/events.js';
import {MemoryBackend} from '../../../source/cluster/store/memory.js';
import {FakeClock} from '../../helpers/cluster-fake-clock.js';

async function setup() {
	const clock = new FakeClock();
	const api = createRegistry(new MemoryBackend(), {clock, defaultTolerationSeconds: 300});
	await api.create('namespaces', undefined, {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'default'}});
	const pod = await api.create('pods', 'default', {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web-1'}, spec: {containers: [{name: 'web', image: 'nginx'}]}});
	const recorder = createEventRecorder({api, clock}).withSource({component: 'kubelet', host: 'node-1'});
	const events = () => api.list('events', 'default').items;
	return {clock, api, pod, recorder, events};
}

describe('event recorder', () => {
	it('writes core/v1 Events as Kubernetes names and fills them', async () => {
		const {pod, recorder, events} = await setup();
		recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "nginx"');
		await recorder.flush();
		const [event] = events();
		expect(event!.metadata.name).toMatch(/^web-1\.[0-9a-f]{16}$/);
		expect(event).toMatchObject({
			involvedObject: {kind: 'Pod', namespace: 'default', name: 'web-1', uid: pod.metadata.uid, apiVersion: 'v1', resourceVersion: pod.metadata.resourceVersion},
			reason: 'Pulling',
			message: 'Pulling image "nginx"',
			type: 'Normal',
			source: {component: 'kubelet', host: 'node-1'},
			reportingComponent: 'kubelet',
			reportingInstance: 'node-1',
			count: 1,
		});
		expect(event!['firstTimestamp']).toBe(event!['lastTimestamp']);
	});

	it('folds identical repeats into a count with the last time', async () => {
		const {clock, pod, recorder, events} = await setup();
		recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
		await recorder.flush();
		clock.advance(30_000);
		recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
		recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
		await recorder.flush();
		const all = events();
		expect(all).toHaveLength(1);
		expect(all[0]).toMatchObject({count: 3});
		expect(Date.parse(String(all[0]!['lastTimestamp'])) - Date.parse(String(all[0]!['firstTimestamp']))).toBe(30_000);
	});

	it('combines many different messages of one reason, and limits how many one object gets', async () => {
		const {pod, recorder, events} = await setup();
		for (let index = 0; index < 40; index++) recorder.event(pod, 'Normal', 'SuccessfulCreate', `Created pod: web-${index}`);
		await recorder.flush();
		const all = events();
		expect(all).toHaveLength(11);
		const combined = all.find(event => String(event['message']).startsWith('(combined from similar events): '))!;
		// 25 allowed at once: 10 single events, then the combined one counted 15 times.
		expect(combined['count']).toBe(15);
	});

	it('expires events after their time to live', async () => {
		const {clock, api, pod, recorder, events} = await setup();
		recorder.event(pod, 'Normal', 'Scheduled', 'Successfully assigned default/web-1 to node-1');
		await recorder.flush();
		const ttl = new EventTtlController({api, clock, ttlSeconds: 3600});
		clock.advance(3599_000);
		expect(await ttl.sweep()).toBe(0);
		clock.advance(2000);
		expect(await ttl.sweep()).toBe(1);
		expect(events()).toHaveLength(0);
	});

	it('never throws when the write fails', async () => {
		const {recorder} = await setup();
		const ghost: KubeObject = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'x', namespace: 'missing', uid: 'u'}};
		expect(() => recorder.event(ghost, 'Normal', 'Any', 'thing')).not.toThrow();
		await recorder.flush();
	});
});
