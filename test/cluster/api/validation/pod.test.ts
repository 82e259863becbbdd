import {describe, it, expect} from 'vitest';
import {applyDefaults} from '../../../../source/cluster/api/defaults/index.js';
import {validate} from '../../../../source/cluster/api/validation/index.js';
import type {KubeObject} from '../../../../source/cluster/api/object.js';

/** What the registry does on a write: default a copy, then validate it; returns 'field: message' lines. */
function problems(object: KubeObject, old?: KubeObject): string[] {
	const copy = structuredClone(object);
	applyDefaults('pods', copy);
	return validate('pods', copy, old).map(cause => `${cause.field}: ${cause.message}`);
}

function stored(object: KubeObject): KubeObject {
	const copy = structuredClone(object);
	applyDefaults('pods', copy);
	return copy;
}

function pod(containers: unknown[], extra: Record<string, unknown> = {}): KubeObject {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web', namespace: 'default', uid: 'u'}, spec: {containers, ...extra}};
}

const nginx = {name: 'nginx', image: 'nginx:1.25', ports: [{containerPort: 80}]};

describe('pod validation', () => {
	it('accepts a plain pod and one with every common field', () => {
		expect(problems(pod([nginx]))).toEqual([]);
		expect(
			problems(
				pod(
					[
						{
							name: 'app',
							image: 'registry.example.com:5000/team/app:1.0',
							ports: [{name: 'http', containerPort: 8080, protocol: 'TCP'}, {name: 'metrics', containerPort: 9090}],
							env: [{name: 'MODE', value: 'prod'}, {name: 'POD', valueFrom: {fieldRef: {fieldPath: 'metadata.name'}}}],
							resources: {requests: {cpu: '100m', memory: '64Mi'}, limits: {cpu: '1', memory: '128Mi'}},
							volumeMounts: [{name: 'config', mountPath: '/etc/app'}],
							livenessProbe: {httpGet: {path: '/healthz', port: 'http'}},
							readinessProbe: {tcpSocket: {port: 8080}},
						},
					],
					{
						initContainers: [{name: 'init', image: 'busybox', command: ['true']}],
						volumes: [{name: 'config', configMap: {name: 'app'}}],
						nodeSelector: {'kubernetes.io/os': 'linux'},
						restartPolicy: 'OnFailure',
						tolerations: [{key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule'}],
					},
				),
			),
		).toEqual([]);
	});

	it.each([
		['no containers', pod([]), ['spec.containers: Required value']],
		['a container without a name', pod([{image: 'nginx'}]), ['spec.containers[0].name: Required value']],
		['a container without an image', pod([{name: 'c'}]), ['spec.containers[0].image: Required value']],
		[
			'an upper-case container name',
			pod([{name: 'Web', image: 'nginx'}]),
			[
				`spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
			],
		],
		['two containers with one name', pod([nginx, {...nginx, ports: []}]), ['spec.containers[1].name: Duplicate value: "nginx"']],
		[
			'a port out of range',
			pod([{name: 'c', image: 'x', ports: [{containerPort: 70000}]}]),
			['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
		],
		['a port without a number', pod([{name: 'c', image: 'x', ports: [{name: 'http'}]}]), ['spec.containers[0].ports[0].containerPort: Required value']],
		[
			'an unknown protocol',
			pod([{name: 'c', image: 'x', ports: [{containerPort: 80, protocol: 'HTTP'}]}]),
			['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
		],
		[
			'two ports with one name',
			pod([{name: 'c', image: 'x', ports: [{name: 'web', containerPort: 80}, {name: 'web', containerPort: 81}]}]),
			['spec.containers[0].ports[1].name: Duplicate value: "web"'],
		],
		[
			'an unknown restart policy',
			pod([nginx], {restartPolicy: 'Sometimes'}),
			['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
		],
		[
			'an unknown pull policy',
			pod([{...nginx, imagePullPolicy: 'Maybe'}]),
			['spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"'],
		],
		[
			'requests above limits',
			pod([{...nginx, resources: {requests: {cpu: '2'}, limits: {cpu: '1'}}}]),
			['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
		],
		[
			'a quantity that does not parse',
			pod([{...nginx, resources: {requests: {memory: '1GB'}}}]),
			[
				`spec.containers[0].resources.requests[memory]: Invalid value: "1GB": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
			],
		],
		[
			'a resource that is not one',
			pod([{...nginx, resources: {limits: {cpus: '1'}}}]),
			[
				'spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers',
				// Pod requests default to the limits, so the name is wrong there too.
				'spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers',
			],
		],
		[
			'a mount of a volume that does not exist',
			pod([{...nginx, volumeMounts: [{name: 'data', mountPath: '/data'}]}]),
			['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
		],
		['a mount without a path', pod([{...nginx, volumeMounts: [{name: 'data'}]}], {volumes: [{name: 'data', emptyDir: {}}]}), ['spec.containers[0].volumeMounts[0].mountPath: Required value']],
		[
			'a volume with two sources',
			pod([nginx], {volumes: [{name: 'data', emptyDir: {}, configMap: {name: 'x'}}]}),
			['spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type'],
		],
		['an environment variable without a name', pod([{...nginx, env: [{value: 'x'}]}]), ['spec.containers[0].env[0].name: Required value']],
		[
			'a probe without a handler',
			pod([{...nginx, livenessProbe: {periodSeconds: 5}}]),
			['spec.containers[0].livenessProbe: Required value: must specify a handler type'],
		],
		[
			'a toleration with seconds on NoSchedule',
			pod([nginx], {tolerations: [{key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5}]}),
			["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"],
		],
		[
			'an invalid node selector',
			pod([nginx], {nodeSelector: {'bad key!': 'x'}}),
			[
				`spec.nodeSelector: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
			],
		],
		[
			'a zero deadline',
			pod([nginx], {activeDeadlineSeconds: 0}),
			['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
		],
	])('refuses %s', (_, object, expected) => {
		expect(problems(object)).toEqual(expected);
	});

	it('checks metadata: name, namespace, labels', () => {
		const bad = pod([nginx]);
		bad.metadata = {name: 'Bad_Name', namespace: 'default', labels: {app: 'web!'}};
		expect(problems(bad)).toEqual([
			expect.stringMatching(/^metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of/),
			expect.stringMatching(/^metadata\.labels: Invalid value: "web!": a valid label must be an empty string or consist of/),
		]);
		expect(problems({...pod([nginx]), metadata: {namespace: 'default'}})).toEqual(['metadata.name: Required value: name or generateName is required']);
		expect(problems({...pod([nginx]), metadata: {name: 'p'}})).toEqual(['metadata.namespace: Required value']);
	});
});

describe('pod updates', () => {
	const old = stored(pod([nginx]));

	function change(mutate: (spec: any) => void): KubeObject {
		const next = structuredClone(old);
		mutate(next.spec);
		return next;
	}

	it('allows a new image, a binding, a shorter deadline and added tolerations', () => {
		expect(problems(change(spec => (spec.containers[0].image = 'nginx:1.27')), old)).toEqual([]);
		expect(problems(change(spec => (spec.nodeName = 'node-1')), old)).toEqual([]);
		expect(problems(change(spec => (spec.activeDeadlineSeconds = 30)), old)).toEqual([]);
		expect(problems(change(spec => spec.tolerations.push({key: 'x', operator: 'Exists'})), old)).toEqual([]);
		const labelled = structuredClone(old);
		labelled.metadata.labels = {version: 'v1'};
		expect(problems(labelled, old)).toEqual([]);
	});

	it('refuses any other change to the spec', () => {
		const [message] = problems(change(spec => (spec.restartPolicy = 'Never')), old);
		expect(message).toMatch(/^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/);
		expect(message).toContain('spec.restartPolicy');
		expect(problems(change(spec => (spec.containers[0].ports = [{containerPort: 81}])), old)[0]).toMatch(/^spec: Forbidden/);
	});

	it('refuses moving a bound pod, removing a toleration, or a longer deadline', () => {
		const bound = stored(pod([nginx], {nodeName: 'node-1', activeDeadlineSeconds: 30}));
		const moved = structuredClone(bound);
		(moved.spec as any).nodeName = 'node-2';
		expect(problems(moved, bound)[0]).toMatch(/^spec: Forbidden/);
		const longer = structuredClone(bound);
		(longer.spec as any).activeDeadlineSeconds = 60;
		expect(problems(longer, bound)).toEqual(['spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value']);
		const untolerant = structuredClone(bound);
		(untolerant.spec as any).tolerations = [];
		// Defaulting puts the two default tolerations back, so only a custom one can go missing.
		expect(problems(untolerant, bound)).toEqual([]);
		const custom = stored(pod([nginx], {tolerations: [{key: 'x', operator: 'Exists'}]}));
		const removed = structuredClone(custom);
		(removed.spec as any).tolerations = (removed.spec as any).tolerations.slice(1);
		expect(problems(removed, custom)).toContain('spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
	});

	it('keeps the name and namespace', () => {
		const renamed = structuredClone(old);
		renamed.metadata.name = 'other';
		expect(problems(renamed, old)).toContain('metadata.name: Invalid value: "other": field is immutable');
	});
});
