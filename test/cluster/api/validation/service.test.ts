import {describe, it, expect} from 'vitest';
import {applyDefaults} from '../../../../source/cluster/api/defaults/index.js';
import {validate} from '../../../../source/cluster/api/validation/index.js';
import type {KubeObject} from '../../../../source/cluster/api/object.js';

function stored(object: KubeObject): KubeObject {
	const copy = structuredClone(object);
	applyDefaults('services', copy);
	return copy;
}

function problems(object: KubeObject, old?: KubeObject): string[] {
	return validate('services', stored(object), old).map(cause => `${cause.field}: ${cause.message}`);
}

function service(spec: Record<string, unknown>, name = 'web'): KubeObject {
	return {apiVersion: 'v1', kind: 'Service', metadata: {name, namespace: 'default'}, spec};
}

describe('services', () => {
	it('accepts what kubectl expose and create service send', () => {
		expect(problems(service({ports: [{port: 8080, protocol: 'TCP', targetPort: 8080}], selector: {app: 'kubernetes-bootcamp'}, type: 'NodePort'}))).toEqual([]);
		expect(problems(service({ports: [{name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080}], selector: {app: 'svc1'}, type: 'NodePort'}))).toEqual([]);
		expect(problems(service({type: 'ExternalName', externalName: 'db.example.com'}))).toEqual([]);
		expect(problems(service({clusterIP: 'None', selector: {app: 'db'}}))).toEqual([]);
		expect(problems(service({ports: [{port: 80, nodePort: 30080}], type: 'LoadBalancer', clusterIP: '10.96.0.10'}))).toEqual([]);
	});

	it.each([
		[
			'a name that starts with a digit',
			service({ports: [{port: 80}]}, '1web'),
			[
				`metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
			],
		],
		[
			'an unknown type',
			service({ports: [{port: 80}], type: 'Public'}),
			['spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
		],
		['no ports', service({selector: {app: 'web'}}), ['spec.ports: Required value']],
		['a port of 0', service({ports: [{port: 0}]}), ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']],
		['a missing port', service({ports: [{targetPort: 80}]}), ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']],
		['unnamed ports when there are several', service({ports: [{port: 80}, {port: 443}]}), ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']],
		[
			'two ports with one name',
			service({ports: [{name: 'web', port: 80}, {name: 'web', port: 443}]}),
			['spec.ports[1].name: Duplicate value: "web"'],
		],
		[
			'the same port twice',
			service({ports: [{name: 'a', port: 80}, {name: 'b', port: 80}]}),
			['spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}'],
		],
		[
			'a node port out of range',
			service({ports: [{port: 80, nodePort: 40000}], type: 'NodePort'}),
			['spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767'],
		],
		[
			'a node port on a ClusterIP service',
			service({ports: [{port: 80, nodePort: 30080}]}),
			["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
		],
		[
			'a bad target port name',
			service({ports: [{port: 80, targetPort: 'Web_Port'}]}),
			['spec.ports[0].targetPort: Invalid value: "Web_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
		],
		[
			'a quoted target port, which Kubernetes reads as a name',
			service({ports: [{port: 80, targetPort: '8080'}]}),
			['spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)'],
		],
		[
			'a headless NodePort',
			service({ports: [{port: 80}], type: 'NodePort', clusterIP: 'None'}),
			["spec.clusterIP: Invalid value: \"None\": may not be set to 'None' for NodePort services"],
		],
		[
			'a cluster IP that is not an address',
			service({ports: [{port: 80}], clusterIP: '10.96.0.300'}),
			['spec.clusterIP: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
		],
		['an ExternalName without a name', service({type: 'ExternalName'}), ['spec.externalName: Required value']],
		[
			'a bad selector',
			service({ports: [{port: 80}], selector: {app: 'web site'}}),
			[expect.stringMatching(/^spec\.selector: Invalid value: "web site": a valid label must be/)],
		],
		[
			'an unknown session affinity',
			service({ports: [{port: 80}], sessionAffinity: 'Cookie'}),
			['spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"'],
		],
	])('refuses %s', (_, object, expected) => {
		expect(problems(object)).toEqual(expected);
	});

	it('keeps an allocated cluster IP on update', () => {
		const old = stored(service({ports: [{port: 80}], clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10']}));
		const moved = structuredClone(old) as any;
		moved.spec.clusterIP = '10.96.5.5';
		expect(problems(moved, old)).toEqual(['spec.clusterIP: Invalid value: "10.96.5.5": field is immutable']);
		const relabelled = structuredClone(old) as any;
		relabelled.spec.selector = {app: 'v2'};
		expect(problems(relabelled, old)).toEqual([]);
		const external = structuredClone(old) as any;
		external.spec = {type: 'ExternalName', externalName: 'example.com'};
		expect(problems(external, old)).toEqual([]);
	});
});
