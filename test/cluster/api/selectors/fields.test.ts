import {describe, it, expect} from 'vitest';
import {compileFieldSelector, fieldValue, selectableFields} from '../../../../source/cluster/api/selectors/fields.js';
import {SelectorError} from '../../../../source/cluster/api/selectors/error.js';
import type {KubeObject} from '../../../../source/cluster/api/object.js';

function pod(name: string, nodeName: string | undefined, phase: string): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace: 'default'},
		spec: {nodeName, restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default', containers: []},
		status: {phase, podIP: '10.244.0.5', podIPs: [{ip: '10.244.0.5'}]},
	};
}

const running = pod('web-1', 'node-1', 'Running');
const pending = pod('web-2', undefined, 'Pending');

const event: KubeObject = {
	apiVersion: 'v1',
	kind: 'Event',
	metadata: {name: 'web-1.17a', namespace: 'default'},
	involvedObject: {kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u-1', apiVersion: 'v1', fieldPath: 'spec.containers{web}'},
	reason: 'FailedScheduling',
	type: 'Warning',
	source: {component: 'default-scheduler'},
	reportingComponent: 'default-scheduler',
};

describe('field selectors', () => {
	it.each([
		['status.phase=Running', [true, false]],
		['status.phase==Running', [true, false]],
		['status.phase!=Running', [false, true]],
		['spec.nodeName=node-1', [true, false]],
		['spec.nodeName=', [false, true]],
		['spec.nodeName!=', [true, false]],
		['metadata.name=web-2,metadata.namespace=default', [false, true]],
		['metadata.namespace=default,status.phase!=Pending', [true, false]],
		['spec.restartPolicy=Always,spec.schedulerName=default-scheduler,spec.serviceAccountName=default', [true, true]],
		['status.podIP=10.244.0.5', [true, true]],
		['spec.host=node-1', [true, false]],
		['', [true, true]],
	])('pods %j', (text, expected) => {
		const selector = compileFieldSelector('pods', text);
		expect([running, pending].map(object => selector(object))).toEqual(expected);
	});

	it('selects events the way kubectl describe asks for them', () => {
		const selector = compileFieldSelector(
			'events',
			'involvedObject.name=web-1,involvedObject.namespace=default,involvedObject.uid=u-1,involvedObject.kind=Pod',
		);
		expect(selector(event)).toBe(true);
		expect(compileFieldSelector('events', 'reason=FailedScheduling,type=Warning,source=default-scheduler')(event)).toBe(true);
		expect(compileFieldSelector('events', 'involvedObject.fieldPath=spec.containers{web}')(event)).toBe(true);
		expect(compileFieldSelector('events', 'reason=Scheduled')(event)).toBe(false);
	});

	it('prints booleans and counts as the API server compares them', () => {
		const node: KubeObject = {metadata: {name: 'n1'}, spec: {unschedulable: true}};
		expect(compileFieldSelector('nodes', 'spec.unschedulable=true')(node)).toBe(true);
		expect(compileFieldSelector('nodes', 'spec.unschedulable=false')({metadata: {name: 'n2'}})).toBe(true);
		expect(compileFieldSelector('jobs', 'status.successful=1')({metadata: {name: 'j'}, status: {succeeded: 1}})).toBe(true);
		expect(compileFieldSelector('jobs', 'status.successful=0')({metadata: {name: 'j'}})).toBe(true);
		expect(compileFieldSelector('replicasets', 'status.replicas=3')({metadata: {name: 'r'}, status: {replicas: 3}})).toBe(true);
		expect(compileFieldSelector('secrets', 'type=Opaque')({metadata: {name: 's'}, type: 'Opaque'})).toBe(true);
		expect(compileFieldSelector('namespaces', 'status.phase=Active')({metadata: {name: 'ns'}, status: {phase: 'Active'}})).toBe(true);
		expect(compileFieldSelector('services', 'spec.type=NodePort')({metadata: {name: 's'}, spec: {type: 'NodePort'}})).toBe(true);
	});

	it('gives the exact values an index can serve', () => {
		expect(compileFieldSelector('pods', 'spec.nodeName=node-1,status.phase!=Failed').exact).toEqual({'spec.nodeName': 'node-1'});
		expect(compileFieldSelector('pods', 'spec.host=node-1').exact).toEqual({'spec.nodeName': 'node-1'});
		expect(compileFieldSelector('deployments', 'metadata.name=web').exact).toEqual({'metadata.name': 'web'});
		expect(compileFieldSelector('pods', '').empty).toBe(true);
	});

	it('unescapes values', () => {
		const object: KubeObject = {metadata: {name: 'a,b=c\\d'}};
		expect(compileFieldSelector('configmaps', 'metadata.name=a\\,b\\=c\\\\d')(object)).toBe(true);
	});

	it('refuses unsupported fields with the API server message', () => {
		expect(() => compileFieldSelector('pods', 'spec.containers=x')).toThrow(new SelectorError('field label not supported: spec.containers'));
		expect(() => compileFieldSelector('events', 'message=x')).toThrow('field label not supported: message');
		expect(() => compileFieldSelector('deployments', 'spec.replicas=1')).toThrow(
			'"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
		);
	});

	it.each([
		['status.phase', "invalid selector: 'status.phase'; can't understand 'status.phase'"],
		['metadata.name=a=b', 'invalid field selector: unescaped character in value: ='],
		['metadata.name=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
		['metadata.name=a\\', 'invalid field selector: invalid escape sequence: \\'],
	])('refuses %j', (text, message) => {
		expect(() => compileFieldSelector('pods', text)).toThrow(new SelectorError(message));
	});

	it('lists selectable fields and reads one value', () => {
		expect(selectableFields('nodes')).toEqual(['metadata.name', 'metadata.namespace', 'spec.unschedulable']);
		expect(fieldValue('pods', 'spec.nodeName', running)).toBe('node-1');
		expect(fieldValue('pods', 'spec.host', running)).toBe('node-1');
		expect(fieldValue('pods', 'spec.containers', running)).toBeUndefined();
	});
});
