import {describe, it, expect} from 'vitest';
import {applyDefaults} from '../../../../source/cluster/api/defaults/index.js';
import {validate} from '../../../../source/cluster/api/validation/index.js';
import type {KubeObject} from '../../../../source/cluster/api/object.js';

function stored(resource: string, object: KubeObject): KubeObject {
	const copy = structuredClone(object);
	applyDefaults(resource, copy);
	return copy;
}

/** Defaults then validates, as the registry does; returns 'field: message' lines. */
function problems(resource: string, object: KubeObject, old?: KubeObject): string[] {
	return validate(resource, stored(resource, object), old).map(cause => `${cause.field}: ${cause.message}`);
}

/** What `kubectl create deployment NAME --image=IMAGE` posts. */
function deployment(name: string, extra: (spec: any) => void = () => {}): KubeObject {
	const object: any = {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, namespace: 'default', uid: 'u', labels: {app: name}},
		spec: {
			replicas: 1,
			selector: {matchLabels: {app: name}},
			template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'nginx', image: 'nginx:1.25', resources: {}}]}},
			strategy: {},
		},
		status: {},
	};
	extra(object.spec);
	return object;
}

describe('deployments', () => {
	it('accepts what kubectl create and the tutorial apply send', () => {
		expect(problems('deployments', deployment('kubernetes-bootcamp'))).toEqual([]);
		const applied: KubeObject = {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {
				name: 'nginx-deployment',
				namespace: 'default',
				labels: {app: 'nginx'},
				annotations: {'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1"}\n'},
			},
			spec: {
				replicas: 2,
				selector: {matchLabels: {app: 'nginx'}},
				template: {metadata: {labels: {app: 'nginx'}}, spec: {containers: [{image: 'nginx:1.14.2', name: 'nginx', ports: [{containerPort: 80}]}]}},
			},
		};
		expect(problems('deployments', applied)).toEqual([]);
	});

	it('refuses the invalid name of the acceptance check', () => {
		expect(problems('deployments', deployment('Bad_Name'))).toEqual([
			`metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
		]);
	});

	it.each([
		[
			'a selector that does not select the template',
			(spec: any) => (spec.selector = {matchLabels: {app: 'other'}}),
			['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
		],
		['no selector', (spec: any) => delete spec.selector, ['spec.selector: Required value']],
		[
			'an empty selector',
			(spec: any) => (spec.selector = {}),
			['spec.selector: Invalid value: {}: empty selector is invalid for deployment'],
		],
		[
			'a bad selector operator',
			(spec: any) => (spec.selector = {matchLabels: {app: 'web'}, matchExpressions: [{key: 'tier', operator: 'Equals', values: ['a']}]}),
			['spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'],
		],
		['negative replicas', (spec: any) => (spec.replicas = -1), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
		[
			'a template that does not restart always',
			(spec: any) => (spec.template.spec.restartPolicy = 'Never'),
			['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
		],
		[
			'a template container without a name',
			(spec: any) => delete spec.template.spec.containers[0].name,
			['spec.template.spec.containers[0].name: Required value'],
		],
		[
			'an unknown strategy',
			(spec: any) => (spec.strategy = {type: 'BlueGreen'}),
			['spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"'],
		],
		[
			'a rolling update that cannot progress',
			(spec: any) => (spec.strategy = {rollingUpdate: {maxSurge: 0, maxUnavailable: '0%'}}),
			['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0'],
		],
		[
			'a percentage that is not one',
			(spec: any) => (spec.strategy = {rollingUpdate: {maxSurge: '25'}}),
			[
				`spec.strategy.rollingUpdate.maxSurge: Invalid value: "25": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
			],
		],
		[
			'Recreate with rolling parameters',
			(spec: any) => (spec.strategy = {type: 'Recreate', rollingUpdate: {maxSurge: 1}}),
			["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
		],
		[
			'a deadline no longer than minReadySeconds',
			(spec: any) => Object.assign(spec, {minReadySeconds: 600}),
			['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'],
		],
	])('refuses %s', (_, mutate, expected) => {
		expect(problems('deployments', deployment('web', mutate))).toEqual(expected);
	});

	it('allows a template without an image, as Kubernetes does for tools that fill it in', () => {
		expect(problems('deployments', deployment('web', spec => delete spec.template.spec.containers[0].image))).toEqual([]);
	});

	it('keeps the selector on update but lets the template and replicas change', () => {
		const old = stored('deployments', deployment('web'));
		const scaled = structuredClone(old) as any;
		scaled.spec.replicas = 4;
		scaled.spec.template.spec.containers[0].image = 'nginx:1.27';
		expect(problems('deployments', scaled, old)).toEqual([]);
		const reselected = structuredClone(old) as any;
		reselected.spec.selector = {matchLabels: {app: 'web', tier: 'x'}};
		reselected.spec.template.metadata.labels.tier = 'x';
		expect(problems('deployments', reselected, old)).toEqual([
			'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
		]);
	});
});

describe('replicasets and statefulsets', () => {
	function replicaSet(extra: (spec: any) => void = () => {}): KubeObject {
		const object: any = {
			metadata: {name: 'web-5b9cc8f5fc', namespace: 'default', labels: {app: 'web', 'pod-template-hash': '5b9cc8f5fc'}},
			spec: {
				replicas: 3,
				selector: {matchLabels: {app: 'web', 'pod-template-hash': '5b9cc8f5fc'}},
				template: {metadata: {labels: {app: 'web', 'pod-template-hash': '5b9cc8f5fc'}}, spec: {containers: [{name: 'c', image: 'nginx'}]}},
			},
		};
		extra(object.spec);
		return object;
	}

	it('validates a replicaset like a deployment', () => {
		expect(problems('replicasets', replicaSet())).toEqual([]);
		expect(problems('replicasets', replicaSet(spec => (spec.selector = {})))).toEqual([
			'spec.selector: Invalid value: {}: empty selector is invalid for deployment',
		]);
		const old = stored('replicasets', replicaSet());
		const changed = structuredClone(old) as any;
		changed.spec.selector.matchLabels.app = 'x';
		changed.spec.template.metadata.labels.app = 'x';
		expect(problems('replicasets', changed, old)).toEqual([expect.stringMatching(/^spec\.selector: Invalid value: .*: field is immutable$/)]);
	});

	function statefulSet(extra: (spec: any) => void = () => {}): KubeObject {
		const object: any = {
			metadata: {name: 'db', namespace: 'default'},
			spec: {
				serviceName: 'db',
				replicas: 3,
				selector: {matchLabels: {app: 'db'}},
				template: {metadata: {labels: {app: 'db'}}, spec: {containers: [{name: 'db', image: 'postgres:16'}]}},
			},
		};
		extra(object.spec);
		return object;
	}

	it('validates a statefulset and what an update may change', () => {
		expect(problems('statefulsets', statefulSet())).toEqual([]);
		expect(problems('statefulsets', statefulSet(spec => (spec.podManagementPolicy = 'Random')))).toEqual([
			`spec.podManagementPolicy: Invalid value: "Random": must be 'OrderedReady' or 'Parallel'`,
		]);
		expect(problems('statefulsets', statefulSet(spec => (spec.selector = {})))).toContain(
			'spec.selector: Invalid value: {}: empty selector is invalid for statefulset',
		);
		const old = stored('statefulsets', statefulSet());
		const scaled = structuredClone(old) as any;
		scaled.spec.replicas = 5;
		scaled.spec.template.spec.containers[0].image = 'postgres:17';
		expect(problems('statefulsets', scaled, old)).toEqual([]);
		const renamed = structuredClone(old) as any;
		renamed.spec.serviceName = 'other';
		expect(problems('statefulsets', renamed, old)).toEqual([
			"spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
		]);
	});
});

describe('jobs', () => {
	/** What `kubectl create job j1 --image=busybox` posts, once the registry has given it a uid. */
	function job(extra: (spec: any) => void = () => {}): KubeObject {
		const object: any = {
			apiVersion: 'batch/v1',
			kind: 'Job',
			metadata: {name: 'j1', namespace: 'default', uid: '8ff1d7d4-0000-4000-8000-000000000001'},
			spec: {template: {metadata: {}, spec: {containers: [{name: 'j1', image: 'busybox', resources: {}}], restartPolicy: 'Never'}}},
			status: {},
		};
		extra(object.spec);
		return object;
	}

	it('accepts what kubectl create job sends', () => {
		expect(problems('jobs', job())).toEqual([]);
	});

	it('asks for OnFailure or Never, as Kubernetes does', () => {
		expect(problems('jobs', job(spec => delete spec.template.spec.restartPolicy))).toEqual([
			'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
		]);
	});

	it('refuses negative counts and a manual selector that misses the template', () => {
		expect(problems('jobs', job(spec => (spec.backoffLimit = -1)))).toEqual(['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0']);
		expect(
			problems(
				'jobs',
				job(spec => {
					spec.manualSelector = true;
					spec.selector = {matchLabels: {job: 'x'}};
					spec.template.metadata.labels = {job: 'y'};
				}),
			),
		).toEqual(['spec.template.metadata.labels: Invalid value: map[string]string{"job":"y"}: `selector` does not match template `labels`']);
	});

	it('keeps the template and selector once created, but lets it be suspended', () => {
		const old = stored('jobs', job());
		const suspended = structuredClone(old) as any;
		suspended.spec.suspend = true;
		expect(problems('jobs', suspended, old)).toEqual([]);
		const changed = structuredClone(old) as any;
		changed.spec.template.spec.containers[0].image = 'alpine';
		expect(problems('jobs', changed, old)).toEqual([expect.stringMatching(/^spec\.template: Invalid value: .*: field is immutable$/)]);
	});
});
