import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {describeObject} from '../../../source/ui/describe/describe.js';
import {tabwrite} from '../../../source/ui/describe/tabwriter.js';
import {highlightYamlLine, objectYaml} from '../../../source/ui/describe/yaml.js';
import {FakeClusterClient} from '../../helpers/ui-fake-client.js';
import {bootcampObjects, eventObject, nodeObject, podObject, serviceObject} from '../../helpers/ui-objects.js';

const now = Date.parse('2024-01-01T00:05:00Z');

describe('describe', () => {
	it('aligns sections like Go tabwriter', () => {
		expect(tabwrite([['Name:', 'web'], ['Namespace:', 'default'], ['Containers:'], ['  app:'], ['    Image:', 'nginx'], ['    Restart Count:', '0']])).toEqual([
			'Name:       web',
			'Namespace:  default',
			'Containers:',
			'  app:',
			'    Image:          nginx',
			'    Restart Count:  0',
		]);
	});

	it('describes a pod like kubectl, with its events', async () => {
		const pod = podObject('web-1', {labels: {app: 'web', tier: 'front'}, containers: ['web']});
		const client = new FakeClusterClient({objects: [pod]});
		const stored = await client.get('pods', 'default', 'web-1');
		client.put('events', eventObject('web-1.1', stored, {reason: 'Scheduled', message: 'Successfully assigned default/web-1 to node-1'}));
		const text = (await describeObject(client, 'pods', 'default', 'web-1', now)).join('\n');
		expect(text).toMatch(/^Name: +web-1$/m);
		expect(text).toMatch(/^Labels: +app=web\n +tier=front$/m);
		expect(text).toMatch(/^Node: +node-1\/192\.168\.0\.2$/m);
		expect(text).toMatch(/^Containers:\n {2}web:\n {4}Image: +example\/web:v1$/m);
		expect(text).toMatch(/^ {4}State: +Running$/m);
		expect(text).toMatch(/^Events:\n {2}Type +Reason +Age +From +Message$/m);
		expect(text).toMatch(/^ {2}Normal +Scheduled +5m +kubelet +Successfully assigned default\/web-1 to node-1$/m);
	});

	it('describes a deployment with its replica sets, a service, a node, and anything else', async () => {
		const objects = [...bootcampObjects(2), serviceObject('boot', {selector: {app: 'kubernetes-bootcamp'}, type: 'NodePort', port: 8080, nodePort: 31000}), {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', namespace: 'default'}, data: {mode: 'demo'}}];
		const client = new FakeClusterClient({objects: objects as KubeObject[]});
		const deployment = (await describeObject(client, 'deployments', 'default', 'kubernetes-bootcamp', now)).join('\n');
		expect(deployment).toMatch(/^Replicas: +2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m);
		expect(deployment).toMatch(/^NewReplicaSet: +kubernetes-bootcamp-fb5c67579 \(2\/2 replicas created\)$/m);
		expect(deployment).toContain('Events:  <none>');
		const service = (await describeObject(client, 'services', 'default', 'boot', now)).join('\n');
		expect(service).toMatch(/^Type: +NodePort$/m);
		expect(service).toMatch(/^NodePort: +<unset> {2}31000\/TCP$/m);
		const node = (await describeObject(client, 'nodes', undefined, 'node-1', now)).join('\n');
		expect(node).toMatch(/^Roles: +control-plane$/m);
		expect(node).toMatch(/^Non-terminated Pods: +\(1 in total\)$/m);
		const configMap = (await describeObject(client, 'configmaps', 'default', 'settings', now)).join('\n');
		expect(configMap).toContain('Data\n====\nmode:\n----\ndemo');
	});

	it('renders YAML without managedFields and colours its parts', () => {
		const pod = podObject('web-1');
		pod.metadata.managedFields = [{manager: 'kubectl'}];
		const lines = objectYaml(pod);
		expect(lines[0]).toBe('apiVersion: v1');
		expect(lines.join('\n')).not.toContain('managedFields');
		expect(highlightYamlLine('  replicas: 3').map(segment => segment.token)).toEqual(['yaml.punctuation', 'yaml.key', 'yaml.punctuation', 'yaml.number']);
		expect(highlightYamlLine('  - name: web').map(segment => segment.token)).toEqual(['yaml.punctuation', 'yaml.key', 'yaml.punctuation', 'yaml.string']);
		expect(highlightYamlLine('    ready: true').at(-1)?.token).toBe('yaml.literal');
	});

	it('fails with the API error for a missing object', async () => {
		const client = new FakeClusterClient({objects: [nodeObject('node-1')]});
		await expect(describeObject(client, 'pods', 'default', 'nope', now)).rejects.toThrow('pods "nope" not found');
		void readFileSync;
	});
});
