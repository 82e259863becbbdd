import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {
	equalIgnoreHash,
	maxSurge,
	maxUnavailable,
	newReplicaSetReplicas,
	resolveFenceposts,
	setNewReplicaSetAnnotations,
} from '../../../source/cluster/controllers/deployment-util.js';

function deployment(replicas: number, rollingUpdate?: {maxSurge?: number | string; maxUnavailable?: number | string}, annotations: Record<string, string> = {}): KubeObject {
	return {metadata: {name: 'web', annotations}, spec: {replicas, strategy: {type: 'RollingUpdate', rollingUpdate}}};
}

function replicaSet(replicas: number, annotations: Record<string, string> = {}): KubeObject {
	return {metadata: {name: 'web-x', annotations}, spec: {replicas}};
}

describe('rolling update arithmetic', () => {
	it('rounds maxSurge up and maxUnavailable down, and never lets both be zero', () => {
		expect(resolveFenceposts('25%', '25%', 10)).toEqual({surge: 3, unavailable: 2});
		expect(resolveFenceposts('25%', '25%', 1)).toEqual({surge: 1, unavailable: 0});
		expect(resolveFenceposts(0, 0, 5)).toEqual({surge: 0, unavailable: 1});
		expect(resolveFenceposts('10%', '10%', 3)).toEqual({surge: 1, unavailable: 0});
		expect(maxUnavailable(deployment(2, {maxUnavailable: 5}))).toBe(2);
		expect(maxSurge({metadata: {}, spec: {replicas: 4, strategy: {type: 'Recreate'}}})).toBe(0);
	});

	it('grows the new ReplicaSet only as far as the surge allows', () => {
		const d = deployment(10, {maxSurge: 2, maxUnavailable: 0});
		const old = replicaSet(10);
		const fresh = replicaSet(0);
		expect(newReplicaSetReplicas(d, [old, fresh], fresh)).toBe(2);
		expect(newReplicaSetReplicas(d, [replicaSet(9), replicaSet(2)], replicaSet(2))).toBe(3);
		expect(newReplicaSetReplicas(d, [replicaSet(0), replicaSet(10)], replicaSet(10))).toBe(10);
	});
});

describe('revisions', () => {
	it('gives a reused ReplicaSet the new number and keeps the old one in its history', () => {
		const d = deployment(3, {}, {'kubernetes.io/change-cause': 'undo'});
		const reused = replicaSet(0, {'deployment.kubernetes.io/revision': '1'});
		expect(setNewReplicaSetAnnotations(d, reused, 3, true)).toBe(true);
		expect(reused.metadata.annotations).toEqual({
			'deployment.kubernetes.io/revision': '3',
			'deployment.kubernetes.io/revision-history': '1',
			'kubernetes.io/change-cause': 'undo',
		});
		setNewReplicaSetAnnotations(d, reused, 5, true);
		expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1,3');
	});

	it('compares templates without the pod-template-hash label, empty and absent alike', () => {
		const withHash = {metadata: {labels: {app: 'web', 'pod-template-hash': 'abc123'}}, spec: {containers: [{name: 'web', image: 'nginx', env: []}]}};
		const without = {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx'}]}};
		expect(equalIgnoreHash(withHash, without)).toBe(true);
		expect(equalIgnoreHash(withHash, {...without, spec: {containers: [{name: 'web', image: 'nginx:2'}]}})).toBe(false);
	});
});
