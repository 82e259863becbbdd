import {describe, it, expect} from 'vitest';
import {applyPatch, PatchError} from '../../../../source/cluster/api/patch/apply-patch.js';
import {ApiError} from '../../../../source/cluster/api/status.js';

/** A deployment as the API server stores it after `kubectl create deployment kubernetes-bootcamp`. */
function bootcampDeployment() {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {
			name: 'kubernetes-bootcamp',
			namespace: 'default',
			labels: {app: 'kubernetes-bootcamp'},
			annotations: {'deployment.kubernetes.io/revision': '1'},
		},
		spec: {
			replicas: 1,
			selector: {matchLabels: {app: 'kubernetes-bootcamp'}},
			template: {
				metadata: {labels: {app: 'kubernetes-bootcamp'}},
				spec: {
					containers: [
						{
							name: 'kubernetes-bootcamp',
							image: 'gcr.io/google-samples/kubernetes-bootcamp:v1',
							resources: {},
							terminationMessagePath: '/dev/termination-log',
							terminationMessagePolicy: 'File',
							imagePullPolicy: 'IfNotPresent',
						},
					],
					restartPolicy: 'Always',
					terminationGracePeriodSeconds: 30,
					dnsPolicy: 'ClusterFirst',
					securityContext: {},
					schedulerName: 'default-scheduler',
				},
			},
			strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: '25%'}},
			revisionHistoryLimit: 10,
			progressDeadlineSeconds: 600,
		},
	};
}

function podWithLabels() {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: 'kubernetes-bootcamp-c5494gjcf8-gvjnw', namespace: 'default', labels: {app: 'kubernetes-bootcamp', 'pod-template-hash': 'c5494gjcf8'}},
		spec: {containers: [{name: 'kubernetes-bootcamp', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1'}]},
	};
}

type Deployment = ReturnType<typeof bootcampDeployment>;

describe('merge patch (kubectl label, kubectl scale)', () => {
	it('adds a label the way `kubectl label pods NAME version=v1` sends it', () => {
		const pod = podWithLabels();
		const patched = applyPatch('pods', pod, {metadata: {labels: {version: 'v1'}}}, 'merge') as typeof pod;
		expect(patched.metadata.labels).toEqual({app: 'kubernetes-bootcamp', 'pod-template-hash': 'c5494gjcf8', version: 'v1'});
		expect(pod.metadata.labels).not.toHaveProperty('version');
	});

	it('removes a label with null, as `kubectl label pods NAME version-` does', () => {
		const pod = podWithLabels();
		const patched = applyPatch('pods', pod, {metadata: {labels: {app: null}}}, 'merge') as typeof pod;
		expect(patched.metadata.labels).toEqual({'pod-template-hash': 'c5494gjcf8'});
	});

	it('sets replicas from `kubectl scale --replicas=4`', () => {
		const patched = applyPatch('deployments', bootcampDeployment(), {spec: {replicas: 4}}, 'merge') as Deployment;
		expect(patched.spec.replicas).toBe(4);
		expect(patched.spec.template.spec.containers).toHaveLength(1);
	});

	it('replaces lists whole', () => {
		const patched = applyPatch('deployments', bootcampDeployment(), {spec: {template: {spec: {containers: [{name: 'x', image: 'x'}]}}}}, 'merge') as Deployment;
		expect(patched.spec.template.spec.containers).toEqual([{name: 'x', image: 'x'}]);
	});

	it('returns an object that does not share anything with the original', () => {
		const deployment = bootcampDeployment();
		const patched = applyPatch('deployments', deployment, {spec: {replicas: 2}}, 'merge') as Deployment;
		patched.metadata.labels.app = 'changed';
		patched.spec.template.spec.containers[0].image = 'changed';
		expect(deployment).toEqual(bootcampDeployment());
	});

	it('rejects a patch that is not an object', () => {
		expect(() => applyPatch('pods', podWithLabels(), [1, 2], 'merge')).toThrow(PatchError);
	});
});

describe('JSON patch (kubectl rollout undo)', () => {
	const undoBody = [
		{
			op: 'replace',
			path: '/spec/template',
			value: {
				metadata: {creationTimestamp: null, labels: {app: 'kubernetes-bootcamp'}},
				spec: {
					containers: [
						{
							name: 'kubernetes-bootcamp',
							image: 'gcr.io/google-samples/kubernetes-bootcamp:v1',
							resources: {},
							terminationMessagePath: '/dev/termination-log',
							terminationMessagePolicy: 'File',
							imagePullPolicy: 'IfNotPresent',
						},
					],
					restartPolicy: 'Always',
					terminationGracePeriodSeconds: 30,
					dnsPolicy: 'ClusterFirst',
					securityContext: {},
					schedulerName: 'default-scheduler',
				},
			},
		},
		{op: 'replace', path: '/metadata/annotations', value: {'deployment.kubernetes.io/revision': '2'}},
	];

	it('applies the body kubectl sends', () => {
		const deployment = bootcampDeployment();
		deployment.spec.template.spec.containers[0].image = 'jocatalin/kubernetes-bootcamp:v2';
		const patched = applyPatch('deployments', deployment, undoBody, 'json') as Deployment;
		expect(patched.spec.template.spec.containers[0].image).toBe('gcr.io/google-samples/kubernetes-bootcamp:v1');
		expect(patched.metadata.annotations).toEqual({'deployment.kubernetes.io/revision': '2'});
		expect(deployment.spec.template.spec.containers[0].image).toBe('jocatalin/kubernetes-bootcamp:v2');
	});

	it('fails when a replaced path is missing, like the API server', () => {
		const deployment = bootcampDeployment();
		const metadata: {annotations?: unknown} = deployment.metadata;
		delete metadata.annotations;
		let error: unknown;
		try {
			applyPatch('deployments', deployment, undoBody, 'json');
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(PatchError);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as PatchError).code).toBe(422);
		expect((error as PatchError).message).toBe('replace operation does not apply: doc is missing key: /metadata/annotations: missing value');
	});

	it('fails the whole patch when a test operation fails', () => {
		const patch = [
			{op: 'replace', path: '/spec/replicas', value: 3},
			{op: 'test', path: '/spec/replicas', value: 5},
		];
		expect(() => applyPatch('deployments', bootcampDeployment(), patch, 'json')).toThrow('testing value /spec/replicas failed');
	});

	it('passes a test operation that holds and adds, removes, moves', () => {
		const patch = [
			{op: 'test', path: '/spec/replicas', value: 1},
			{op: 'add', path: '/metadata/labels/tier', value: 'web'},
			{op: 'remove', path: '/spec/revisionHistoryLimit'},
			{op: 'move', from: '/metadata/labels/app', path: '/metadata/labels/name'},
		];
		const patched = applyPatch('deployments', bootcampDeployment(), patch, 'json') as Deployment;
		expect(patched.metadata.labels).toEqual({tier: 'web', name: 'kubernetes-bootcamp'});
		expect(patched.spec).not.toHaveProperty('revisionHistoryLimit');
	});

	it('rejects removing or adding under a path that is not there', () => {
		expect(() => applyPatch('pods', podWithLabels(), [{op: 'remove', path: '/spec/nodeName'}], 'json')).toThrow(PatchError);
		expect(() => applyPatch('pods', podWithLabels(), [{op: 'add', path: '/status/phase/x', value: 1}], 'json')).toThrow(PatchError);
	});

	it('refuses more operations than the API server takes', () => {
		const patch = Array.from({length: 10001}, () => ({op: 'test', path: '/kind', value: 'Pod'}));
		expect(() => applyPatch('pods', podWithLabels(), patch, 'json')).toThrow('The allowed maximum operations in a JSON patch is 10000, got 10001');
	});

	it('rejects a body that is not a list of operations', () => {
		expect(() => applyPatch('pods', podWithLabels(), {op: 'add'}, 'json')).toThrow(PatchError);
		expect(() => applyPatch('pods', podWithLabels(), [{op: 'frobnicate', path: '/a'}], 'json')).toThrow(PatchError);
	});
});
