import {describe, expect, it} from 'vitest';
import {matchesRequirement} from '../../../source/cluster/scheduler/filters.js';
import {fitErrorMessage, noNodesMessage} from '../../../source/cluster/scheduler/fit-error.js';
import {tolerates, untoleratedTaint} from '../../../source/cluster/scheduler/tolerations.js';
import {podRequests} from '../../../source/cluster/scheduler/resources.js';

describe('tolerations', () => {
	const taint = {key: 'dedicated', value: 'gpu', effect: 'NoSchedule'};
	it('match by key, value and effect as Kubernetes does', () => {
		expect(tolerates({key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule'}, taint)).toBe(true);
		expect(tolerates({key: 'dedicated', value: 'gpu'}, taint)).toBe(true);
		expect(tolerates({key: 'dedicated', value: 'cpu'}, taint)).toBe(false);
		expect(tolerates({key: 'dedicated', operator: 'Exists'}, taint)).toBe(true);
		expect(tolerates({operator: 'Exists'}, taint)).toBe(true);
		expect(tolerates({key: 'dedicated', operator: 'Exists', effect: 'NoExecute'}, taint)).toBe(false);
	});
	it('ignore PreferNoSchedule taints when filtering', () => {
		expect(untoleratedTaint([{key: 'soft', effect: 'PreferNoSchedule'}], [])).toBeUndefined();
	});
});

describe('node selector requirements', () => {
	const labels = {zone: 'a', cores: '8'};
	it('support In, NotIn, Exists, DoesNotExist, Gt and Lt', () => {
		expect(matchesRequirement({key: 'zone', operator: 'In', values: ['a', 'b']}, labels)).toBe(true);
		expect(matchesRequirement({key: 'zone', operator: 'NotIn', values: ['a']}, labels)).toBe(false);
		expect(matchesRequirement({key: 'gpu', operator: 'NotIn', values: ['x']}, labels)).toBe(true);
		expect(matchesRequirement({key: 'zone', operator: 'Exists'}, labels)).toBe(true);
		expect(matchesRequirement({key: 'gpu', operator: 'DoesNotExist'}, labels)).toBe(true);
		expect(matchesRequirement({key: 'cores', operator: 'Gt', values: ['4']}, labels)).toBe(true);
		expect(matchesRequirement({key: 'cores', operator: 'Lt', values: ['4']}, labels)).toBe(false);
	});
});

describe('FailedScheduling message', () => {
	it('sorts the reasons and counts what preemption could do', () => {
		const message = fitErrorMessage(4, [
			{reasons: ['Insufficient cpu'], resolvable: true},
			{reasons: ['Insufficient cpu', 'Insufficient memory'], resolvable: true},
			{reasons: ['node(s) were unschedulable'], resolvable: false},
			{reasons: ['Insufficient cpu'], resolvable: true},
		]);
		expect(message).toBe(
			'0/4 nodes are available: 1 Insufficient memory, 1 node(s) were unschedulable, 3 Insufficient cpu. ' +
				'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
		);
		expect(fitErrorMessage(0, [])).toBe(noNodesMessage);
	});
});

describe('pod requests', () => {
	it('add containers, take the largest init container, and assume defaults for scoring only', () => {
		const pod = {
			metadata: {},
			spec: {
				containers: [{resources: {requests: {cpu: '250m', memory: '64Mi'}}}, {}],
				initContainers: [{resources: {requests: {cpu: '2'}}}],
			},
		};
		const {requested, nonZero} = podRequests(pod);
		expect(requested).toEqual({cpuMilli: 2000, memory: 64 * 1024 * 1024});
		expect(nonZero).toEqual({cpuMilli: 350, memory: 264 * 1024 * 1024});
	});
});
