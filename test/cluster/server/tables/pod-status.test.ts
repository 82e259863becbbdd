import {describe, it, expect} from 'vitest';
import type {ContainerStatus, Pod} from 'kubernetes-types/core/v1.js';
import {podStatusReason, podSummary} from '../../../../source/cluster/server/tables/pod-status.js';

const started = '2024-05-01T11:00:00Z';

function pod(status: Pod['status'], extra: {initContainers?: Array<{name: string; restartPolicy?: string}>; deleting?: boolean; containers?: number} = {}): Pod {
	const containers = Array.from({length: extra.containers ?? 1}, (_, index) => ({name: index === 0 ? 'app' : `app${index}`, image: 'app:v1'}));
	return {
		metadata: {name: 'web-1', namespace: 'default', ...(extra.deleting ? {deletionTimestamp: '2024-05-01T12:00:00Z'} : {})},
		spec: {containers, initContainers: extra.initContainers?.map(container => ({image: 'init:v1', ...container}))},
		status,
	};
}

const running = (name = 'app', ready = true, restartCount = 0): ContainerStatus => ({
	name,
	image: 'app:v1',
	imageID: '',
	ready,
	restartCount,
	started: true,
	state: {running: {startedAt: started}},
});
const waiting = (reason: string, restartCount = 0, name = 'app'): ContainerStatus => ({
	name,
	image: 'app:v1',
	imageID: '',
	ready: false,
	restartCount,
	state: {waiting: {reason}},
	...(restartCount > 0 ? {lastState: {terminated: {exitCode: 1, reason: 'Error', finishedAt: '2024-05-01T11:59:50Z'}}} : {}),
});
const terminated = (exitCode: number, reason?: string, name = 'app'): ContainerStatus => ({
	name,
	image: 'app:v1',
	imageID: '',
	ready: false,
	restartCount: 0,
	state: {terminated: {exitCode, ...(reason ? {reason} : {})}},
});
const readyCondition = (status: 'True' | 'False') => [{type: 'Ready', status}];

describe('podStatusReason: the STATUS column of kubectl get pods', () => {
	it('shows the phase of a pod with nothing to say about its containers', () => {
		expect(podStatusReason(pod({phase: 'Pending'}))).toBe('Pending');
		expect(podStatusReason(pod({phase: 'Running', containerStatuses: [running()], conditions: readyCondition('True')}))).toBe('Running');
	});

	it('shows why a container waits', () => {
		for (const reason of ['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff', 'CreateContainerConfigError']) {
			expect(podStatusReason(pod({phase: 'Pending', containerStatuses: [waiting(reason)]}))).toBe(reason);
		}
	});

	it('shows CrashLoopBackOff with the restart count and the time of the last crash', () => {
		const summary = podSummary(pod({phase: 'Running', containerStatuses: [waiting('CrashLoopBackOff', 5)]}));
		expect(summary).toEqual({ready: 0, total: 1, reason: 'CrashLoopBackOff', restarts: 5, lastRestart: Date.parse('2024-05-01T11:59:50Z')});
	});

	it('shows Completed and Error for finished containers, ExitCode or Signal when they give no reason', () => {
		expect(podStatusReason(pod({phase: 'Succeeded', containerStatuses: [terminated(0, 'Completed')]}))).toBe('Completed');
		expect(podStatusReason(pod({phase: 'Failed', containerStatuses: [terminated(1, 'Error')]}))).toBe('Error');
		expect(podStatusReason(pod({phase: 'Failed', containerStatuses: [terminated(137)]}))).toBe('ExitCode:137');
		const signalled = terminated(0);
		signalled.state!.terminated!.signal = 9;
		expect(podStatusReason(pod({phase: 'Failed', containerStatuses: [signalled]}))).toBe('Signal:9');
	});

	it('shows the first container that has something to say', () => {
		const status = {phase: 'Running', containerStatuses: [waiting('ImagePullBackOff', 0, 'app'), waiting('CrashLoopBackOff', 0, 'app1')]};
		expect(podStatusReason(pod(status, {containers: 2}))).toBe('ImagePullBackOff');
	});

	it('keeps a pod Running while one container still runs after another completed', () => {
		const statuses = [terminated(0, 'Completed', 'app'), running('app1')];
		expect(podStatusReason(pod({phase: 'Running', containerStatuses: statuses, conditions: readyCondition('True')}, {containers: 2}))).toBe('Running');
		expect(podStatusReason(pod({phase: 'Running', containerStatuses: statuses, conditions: readyCondition('False')}, {containers: 2}))).toBe('NotReady');
	});

	it('shows Terminating while a pod is being deleted, unless it already finished', () => {
		expect(podStatusReason(pod({phase: 'Running', containerStatuses: [running()]}, {deleting: true}))).toBe('Terminating');
		expect(podStatusReason(pod({phase: 'Succeeded', containerStatuses: [terminated(0, 'Completed')]}, {deleting: true}))).toBe('Completed');
	});

	it('shows Unknown for a pod being deleted on a lost node', () => {
		expect(podStatusReason(pod({phase: 'Running', reason: 'NodeLost', containerStatuses: [running()]}, {deleting: true}))).toBe('Unknown');
		expect(podStatusReason(pod({phase: 'Running', reason: 'NodeLost'}))).toBe('NodeLost');
	});

	it('shows the pod reason when the kubelet gives one (Evicted)', () => {
		expect(podStatusReason(pod({phase: 'Failed', reason: 'Evicted'}))).toBe('Evicted');
	});

	it('shows SchedulingGated for a pod held by scheduling gates', () => {
		expect(podStatusReason(pod({phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'SchedulingGated'}]}))).toBe('SchedulingGated');
	});

	describe('init containers', () => {
		const initContainers = [{name: 'migrate'}, {name: 'seed'}];

		it('counts finished init containers: Init:1/2', () => {
			const status = {
				phase: 'Pending',
				initContainerStatuses: [terminated(0, 'Completed', 'migrate'), waiting('PodInitializing', 0, 'seed')],
				containerStatuses: [waiting('PodInitializing')],
			};
			expect(podStatusReason(pod(status, {initContainers}))).toBe('Init:1/2');
		});

		it('starts at Init:0/2', () => {
			const status = {phase: 'Pending', initContainerStatuses: [running('migrate', false), waiting('PodInitializing', 0, 'seed')]};
			expect(podStatusReason(pod(status, {initContainers}))).toBe('Init:0/2');
		});

		it('shows a failing init container as Init:<reason>', () => {
			expect(podStatusReason(pod({phase: 'Pending', initContainerStatuses: [waiting('CrashLoopBackOff', 3, 'migrate')]}, {initContainers}))).toBe(
				'Init:CrashLoopBackOff',
			);
			expect(podStatusReason(pod({phase: 'Pending', initContainerStatuses: [terminated(1, 'Error', 'migrate')]}, {initContainers}))).toBe('Init:Error');
			expect(podStatusReason(pod({phase: 'Pending', initContainerStatuses: [terminated(2, undefined, 'migrate')]}, {initContainers}))).toBe(
				'Init:ExitCode:2',
			);
		});

		it('counts a started sidecar among the ready containers', () => {
			const status = {
				phase: 'Running',
				conditions: [{type: 'Initialized', status: 'True'}, ...readyCondition('True')],
				initContainerStatuses: [running('proxy', true, 2)],
				containerStatuses: [running('app', true, 1)],
			};
			const summary = podSummary(pod(status, {initContainers: [{name: 'proxy', restartPolicy: 'Always'}]}));
			expect(summary).toMatchObject({ready: 2, total: 2, reason: 'Running', restarts: 3});
		});
	});
});
