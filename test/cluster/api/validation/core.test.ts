import {describe, it, expect} from 'vitest';
import {applyDefaults} from '../../../../source/cluster/api/defaults/index.js';
import {validate} from '../../../../source/cluster/api/validation/index.js';
import type {KubeObject} from '../../../../source/cluster/api/object.js';

function stored(resource: string, object: KubeObject): KubeObject {
	const copy = structuredClone(object);
	applyDefaults(resource, copy);
	return copy;
}

function problems(resource: string, object: KubeObject, old?: KubeObject): string[] {
	return validate(resource, stored(resource, object), old).map(cause => `${cause.field}: ${cause.message}`);
}

const inDefault = (name: string, extra: Partial<KubeObject['metadata']> = {}) => ({name, namespace: 'default', ...extra});

describe('metadata', () => {
	it('refuses the bad label of the acceptance check with a field cause', () => {
		const causes = validate('configmaps', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'x', namespace: 'default', labels: {'bad key!': 'v'}}});
		expect(causes).toEqual([
			{
				reason: 'FieldValueInvalid',
				field: 'metadata.labels',
				message: `Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
			},
		]);
	});

	it('checks generateName with its trailing dash allowed', () => {
		expect(problems('configmaps', {metadata: {generateName: 'web-', name: 'web-x2k8p', namespace: 'default'}})).toEqual([]);
		expect(problems('configmaps', {metadata: {generateName: 'Web-', name: 'web-x2k8p', namespace: 'default'}})[0]).toMatch(
			/^metadata\.generateName: Invalid value: "Web-": a lowercase RFC 1123 subdomain/,
		);
	});

	it('checks annotations, owner references and finalizers', () => {
		expect(problems('configmaps', {metadata: inDefault('c', {annotations: {'Example.com/Note': 'fine', 'bad/key/x': 'v'}})})).toEqual([
			expect.stringMatching(/^metadata\.annotations: Invalid value: "bad\/key\/x": a qualified name must consist of/),
		]);
		expect(problems('configmaps', {metadata: inDefault('c', {annotations: {big: 'x'.repeat(256 * 1024)}})})).toEqual([
			'metadata.annotations: Too long: may not be more than 262144 bytes',
		]);
		const owner = {apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: 'u1', controller: true};
		expect(problems('configmaps', {metadata: inDefault('c', {ownerReferences: [owner, {...owner, name: 'b', uid: 'u2'}]})})).toEqual([
			expect.stringContaining('Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b'),
		]);
		expect(problems('configmaps', {metadata: inDefault('c', {ownerReferences: [{...owner, uid: ''}]})})).toEqual([
			'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
		]);
		expect(problems('configmaps', {metadata: inDefault('c', {finalizers: ['example.com/hold', 'bad finalizer']})})).toEqual([
			expect.stringMatching(/^metadata\.finalizers: Invalid value: "bad finalizer": name part must consist of/),
		]);
	});

	it('adds no finalizer to an object being deleted', () => {
		const old: KubeObject = {metadata: inDefault('c', {deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['a.io/x']})};
		const next = structuredClone(old);
		next.metadata.finalizers = ['a.io/x', 'b.io/y'];
		expect(problems('configmaps', next, old)).toEqual([
			'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
		]);
		next.metadata.finalizers = [];
		expect(problems('configmaps', next, old)).toEqual([]);
	});

	it('forbids a namespace on cluster-scoped kinds', () => {
		expect(problems('nodes', {metadata: {name: 'n1', namespace: 'default'}})).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
	});

	it('validates kinds without rules of their own by their metadata', () => {
		expect(problems('serviceaccounts', {metadata: inDefault('sa1')})).toEqual([]);
		expect(problems('serviceaccounts', {metadata: inDefault('SA')})[0]).toMatch(/^metadata\.name: Invalid value: "SA"/);
		expect(problems('leases', {metadata: {name: 'node-1', namespace: 'kube-node-lease'}, spec: {leaseDurationSeconds: 0}})).toEqual([
			'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
		]);
	});
});

describe('namespaces', () => {
	it('wants a DNS label', () => {
		expect(problems('namespaces', {metadata: {name: 'ns1'}, spec: {}, status: {}})).toEqual([]);
		expect(problems('namespaces', {metadata: {name: 'team.a'}})).toEqual(['metadata.name: Invalid value: "team.a": must not contain dots']);
		const old = stored('namespaces', {metadata: {name: 'ns1', uid: 'u'}});
		const renamed = structuredClone(old);
		renamed.metadata.name = 'ns2';
		expect(problems('namespaces', renamed, old)).toContain('metadata.name: Invalid value: "ns2": field is immutable');
	});
});

describe('configmaps and secrets', () => {
	it('checks keys and values', () => {
		expect(problems('configmaps', {metadata: inDefault('cm1'), data: {a: 'b', 'game.properties': 'x=1', KEY_NAME: ''}})).toEqual([]);
		expect(problems('configmaps', {metadata: inDefault('cm1'), data: {'bad key!': 'v', n: 1 as unknown as string}})).toEqual([
			`data[bad key!]: Invalid value: "bad key!": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
			'data[n]: Invalid value: 1: must be a string',
		]);
		expect(problems('configmaps', {metadata: inDefault('cm1'), data: {a: 'x'}, binaryData: {a: 'eA=='}})).toEqual([
			'data[a]: Invalid value: "a": duplicate of key present in binaryData',
			'binaryData[a]: Invalid value: "a": duplicate of key present in data',
		]);
		expect(problems('configmaps', {metadata: inDefault('cm1'), data: {a: 'x'.repeat(1024 * 1024 + 1)}})).toEqual([
			'data: Too long: may not be more than 1048576 bytes',
		]);
	});

	it('freezes immutable data', () => {
		const old = stored('configmaps', {metadata: inDefault('cm1'), data: {a: 'b'}, immutable: true});
		const changed = structuredClone(old);
		changed.data = {a: 'c'};
		expect(problems('configmaps', changed, old)).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
		const thawed = structuredClone(old);
		thawed.immutable = false;
		expect(problems('configmaps', thawed, old)).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set']);
	});

	it('wants base64 secret data and the keys of well-known types', () => {
		expect(problems('secrets', {metadata: inDefault('s1'), data: {a: 'Yg=='}})).toEqual([]);
		expect(problems('secrets', {metadata: inDefault('s1'), stringData: {password: 'not base64!'}})).toEqual([]);
		expect(problems('secrets', {metadata: inDefault('s1'), data: {a: 'not base64!'}})).toEqual([
			'data[a]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 3',
		]);
		expect(problems('secrets', {metadata: inDefault('tls'), type: 'kubernetes.io/tls', data: {'tls.crt': 'eA=='}})).toEqual(['data[tls.key]: Required value']);
		const old = stored('secrets', {metadata: inDefault('s1'), data: {a: 'Yg=='}});
		const retyped = structuredClone(old);
		retyped.type = 'kubernetes.io/tls';
		retyped.data = {'tls.crt': 'eA==', 'tls.key': 'eA=='};
		expect(problems('secrets', retyped, old)).toEqual(['type: Invalid value: "kubernetes.io/tls": field is immutable']);
	});
});

describe('nodes, events and the rest', () => {
	it('checks node taints', () => {
		expect(problems('nodes', {metadata: {name: 'kubedeck-worker', annotations: {'kubedeck.io/power': 'on'}}, spec: {taints: [{key: 'gpu', value: 'true', effect: 'NoSchedule'}]}})).toEqual([]);
		expect(problems('nodes', {metadata: {name: 'n'}, spec: {taints: [{key: 'gpu', effect: 'Never'}, {key: 'gpu', effect: 'Never'}]}})).toEqual([
			'spec.taints[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
			'spec.taints[1].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
			'spec.taints[1]: Duplicate value: {"key":"gpu","effect":"Never"}',
		]);
	});

	it('keeps events in the namespace of their object', () => {
		const event = (namespace: string, involved?: string): KubeObject => ({
			metadata: {name: 'web.17a', namespace},
			involvedObject: {kind: 'Pod', name: 'web', namespace: involved},
			reason: 'Scheduled',
			type: 'Normal',
		});
		expect(problems('events', event('default', 'default'))).toEqual([]);
		expect(problems('events', event('default'))).toEqual([]);
		expect(problems('events', event('team', 'default'))).toEqual(['involvedObject.namespace: Invalid value: "default": does not match event.namespace']);
	});

	it('checks ingress paths and backends', () => {
		const ingress = (path: Record<string, unknown>): KubeObject => ({
			metadata: inDefault('web'),
			spec: {rules: [{host: 'web.example.com', http: {paths: [path]}}]},
		});
		expect(problems('ingresses', ingress({path: '/', pathType: 'Prefix', backend: {service: {name: 'web', port: {number: 80}}}}))).toEqual([]);
		expect(problems('ingresses', ingress({path: 'app', pathType: 'Prefix', backend: {service: {name: 'web', port: {}}}}))).toEqual([
			'spec.rules[0].http.paths[0].path: Invalid value: "app": must be an absolute path',
			'spec.rules[0].http.paths[0].backend.service.port: Invalid value: {}: port name or number is required',
		]);
		expect(problems('ingresses', ingress({path: '/', backend: {service: {name: 'web', port: {name: 'http'}}}}))).toEqual([
			'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
		]);
	});

	it('checks disruption budgets', () => {
		expect(problems('poddisruptionbudgets', {metadata: inDefault('pdb'), spec: {minAvailable: '50%', selector: {matchLabels: {app: 'web'}}}})).toEqual([]);
		expect(problems('poddisruptionbudgets', {metadata: inDefault('pdb'), spec: {minAvailable: 1, maxUnavailable: 1}})).toEqual([
			'spec: Invalid value: {"minAvailable":1,"maxUnavailable":1}: minAvailable and maxUnavailable cannot be both set',
		]);
	});

	it('checks endpoint addresses', () => {
		expect(problems('endpoints', {metadata: inDefault('web'), subsets: [{addresses: [{ip: '10.244.1.5'}], ports: [{port: 80}]}]})).toEqual([]);
		expect(problems('endpoints', {metadata: inDefault('web'), subsets: [{addresses: [{ip: 'pod-a'}]}]})).toEqual([
			'subsets[0].addresses[0].ip: Invalid value: "pod-a": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
		]);
		const slice: KubeObject = {metadata: inDefault('web-abcde'), addressType: 'IPv4', endpoints: [{addresses: ['10.244.1.5']}], ports: [{port: 80}]};
		expect(problems('endpointslices', slice)).toEqual([]);
		expect(problems('endpointslices', {...slice, endpoints: [{addresses: ['fe80::1']}]})).toEqual([
			'endpoints[0].addresses[0]: Invalid value: "fe80::1": must be a valid IPv4 address',
		]);
	});
});
