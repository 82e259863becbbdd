import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import * as actions from '../../../source/ui/commands/actions.js';
import {apply} from '../../../source/ui/commands/apply.js';
import {KindTable} from '../../../source/ui/commands/kinds.js';
import {FakeClusterClient} from '../../helpers/ui-fake-client.js';
import {bootcampObjects, deploymentObject, nodeObject, podObject, replicaSetObject} from '../../helpers/ui-objects.js';

function setup(objects = bootcampObjects(2)) {
	const client = new FakeClusterClient({objects});
	return {client, context: {client, kinds: new KindTable(client.kinds()), now: () => new Date('2024-05-01T10:00:00.000Z')}};
}

const bootcamp = {resource: 'deployments', name: 'kubernetes-bootcamp', namespace: 'default'};

describe('cluster actions', () => {
	it('scales with a merge patch of spec.replicas', async () => {
		const {client, context} = setup();
		await expect(actions.scale(context, bootcamp, 3)).resolves.toEqual({message: 'deployment.apps/kubernetes-bootcamp scaled'});
		expect((await client.get('deployments', 'default', 'kubernetes-bootcamp'))['spec']).toMatchObject({replicas: 3});
	});

	it('labels, refuses to overwrite without --overwrite, removes with KEY-', async () => {
		const {client, context} = setup();
		await expect(actions.label(context, bootcamp, [{key: 'team', value: 'blue'}], false)).resolves.toEqual({message: 'deployment.apps/kubernetes-bootcamp labeled'});
		await expect(actions.label(context, bootcamp, [{key: 'team', value: 'red'}], false)).rejects.toThrow("'team' already has a value (blue), and --overwrite is false");
		await actions.label(context, bootcamp, [{key: 'team', value: 'red'}], true);
		expect((await client.get('deployments', 'default', 'kubernetes-bootcamp')).metadata.labels).toMatchObject({team: 'red'});
		await actions.label(context, bootcamp, [{key: 'team'}], false);
		expect((await client.get('deployments', 'default', 'kubernetes-bootcamp')).metadata.labels).not.toHaveProperty('team');
	});

	it('exposes a deployment like kubectl: selector from matchLabels, labels from the deployment', async () => {
		const {client, context} = setup();
		await expect(actions.expose(context, bootcamp, {port: 8080, type: 'NodePort', name: 'boot2', protocol: 'TCP'})).resolves.toEqual({message: 'service/boot2 exposed'});
		const service = await client.get('services', 'default', 'boot2');
		expect(service.metadata.labels).toEqual({app: 'kubernetes-bootcamp'});
		expect(service['spec']).toEqual({type: 'NodePort', selector: {app: 'kubernetes-bootcamp'}, ports: [{port: 8080, protocol: 'TCP', targetPort: 8080}]});
		await actions.expose(context, bootcamp, {port: 80, targetPort: '8080', type: 'ClusterIP', protocol: 'TCP'});
		expect((await client.get('services', 'default', 'kubernetes-bootcamp'))['spec']).toMatchObject({ports: [{port: 80, targetPort: 8080}]});
	});

	it('sets an image by container name with a JSON patch, and names a missing container', async () => {
		const {client, context} = setup();
		await expect(actions.setImage(context, bootcamp, [{container: 'kubernetes-bootcamp', image: 'jocatalin/kubernetes-bootcamp:v2'}])).resolves.toEqual({message: 'deployment.apps/kubernetes-bootcamp image updated'});
		const deployment = await client.get('deployments', 'default', 'kubernetes-bootcamp');
		expect(deployment['spec']).toMatchObject({template: {spec: {containers: [{image: 'jocatalin/kubernetes-bootcamp:v2'}]}}});
		expect(client.calls.filter(call => call.verb === 'patch').at(-1)).toMatchObject({verb: 'patch', type: 'json', body: [{op: 'replace', path: '/spec/template/spec/containers/0/image'}]});
		await expect(actions.setImage(context, bootcamp, [{container: 'nope', image: 'x'}])).rejects.toThrow('unable to find container named "nope"');
	});

	it('restarts by stamping the pod template', async () => {
		const {client, context} = setup();
		await actions.rolloutRestart(context, bootcamp);
		const deployment = await client.get('deployments', 'default', 'kubernetes-bootcamp');
		expect(deployment['spec']).toMatchObject({template: {metadata: {annotations: {'kubectl.kubernetes.io/restartedAt': '2024-05-01T10:00:00Z'}}}});
	});

	it('undoes to the previous revision from the ReplicaSets, client-side like kubectl', async () => {
		const deployment = deploymentObject('web', {image: 'web:v3', revision: 3});
		const objects = [
			deployment,
			replicaSetObject('web-111', deployment, {revision: 1, image: 'web:v1'}),
			replicaSetObject('web-222', deployment, {revision: 2, image: 'web:v2'}),
			replicaSetObject('web-333', deployment, {revision: 3, image: 'web:v3', replicas: 1}),
		];
		objects[2].metadata.annotations = {...objects[2].metadata.annotations, 'kubernetes.io/change-cause': 'v2 please'};
		const {client, context} = setup(objects);
		const target = {resource: 'deployments', name: 'web', namespace: 'default'};
		await expect(actions.rolloutUndo(context, target)).resolves.toEqual({message: 'deployment.apps/web rolled back'});
		const undone = await client.get('deployments', 'default', 'web');
		expect(undone['spec']).toMatchObject({template: {spec: {containers: [{image: 'web:v2'}]}}});
		expect((undone['spec'] as {template: {metadata: {labels: Record<string, string>}}}).template.metadata.labels).not.toHaveProperty('pod-template-hash');
		expect(undone.metadata.annotations).toEqual({'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'v2 please'});
		await actions.rolloutUndo(context, target, 1);
		expect((await client.get('deployments', 'default', 'web'))['spec']).toMatchObject({template: {spec: {containers: [{image: 'web:v1'}]}}});
		await expect(actions.rolloutUndo(context, target, 9)).rejects.toThrow('unable to find specified revision 9 in history');
	});

	it('reports rollout status in kubectl words', async () => {
		const {context} = setup([deploymentObject('web', {replicas: 3, ready: 1})]);
		const target = {resource: 'deployments', name: 'web', namespace: 'default'};
		await expect(actions.rolloutStatus(context, target)).resolves.toEqual({message: 'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...'});
		const done = setup([deploymentObject('web', {replicas: 3})]);
		await expect(actions.rolloutStatus(done.context, target)).resolves.toEqual({message: 'deployment "web" successfully rolled out'});
	});

	it('deletes with the propagation policy chosen', async () => {
		const {client, context} = setup();
		await expect(actions.deleteObject(context, bootcamp, 'orphan')).resolves.toEqual({message: 'deployment.apps "kubernetes-bootcamp" deleted'});
		expect(client.calls.filter(call => call.verb === 'delete').at(-1)).toMatchObject({verb: 'delete', options: {propagationPolicy: 'Orphan'}});
		await expect(actions.deleteObject(context, bootcamp, 'background')).rejects.toThrow('deployments.apps "kubernetes-bootcamp" not found');
	});

	it('creates a deployment like kubectl create deployment', async () => {
		const {client, context} = setup([]);
		await actions.createDeployment(context, {name: 'web', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1', replicas: 2, namespace: 'default'});
		const deployment = await client.get('deployments', 'default', 'web');
		expect(deployment.metadata.labels).toEqual({app: 'web'});
		expect(deployment['spec']).toEqual({
			replicas: 2,
			selector: {matchLabels: {app: 'web'}},
			template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'kubernetes-bootcamp', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1'}]}},
		});
	});

	it('cordons, uncordons and drains (evicting all but DaemonSet pods)', async () => {
		const objects = [
			nodeObject('node-1'),
			podObject('a-1', {node: 'node-1'}),
			podObject('b-1', {node: 'node-1', namespace: 'kube-system'}),
			podObject('ds-1', {node: 'node-1', owner: {kind: 'DaemonSet', name: 'ds'}}),
			podObject('c-2', {node: 'node-2'}),
		];
		const {client, context} = setup(objects);
		const node = {resource: 'nodes', name: 'node-1', namespace: undefined};
		await expect(actions.cordon(context, node, true)).resolves.toEqual({message: 'node/node-1 cordoned'});
		await expect(actions.cordon(context, node, true)).resolves.toEqual({message: 'node/node-1 already cordoned'});
		await expect(actions.cordon(context, node, false)).resolves.toEqual({message: 'node/node-1 uncordoned'});
		await expect(actions.drain(context, node)).resolves.toEqual({message: 'node/node-1 drained (2 pods evicted)'});
		expect(client.calls.filter(call => call.verb === 'evict').map(call => call.name).sort()).toEqual(['a-1', 'b-1']);
		expect((await client.get('nodes', undefined, 'node-1'))['spec']).toEqual({unschedulable: true});
	});

	it('powers a node through its annotation, on kubedeck clusters only', async () => {
		const {client, context} = setup([nodeObject('node-1')]);
		await expect(actions.power(context, {resource: 'nodes', name: 'node-1', namespace: undefined}, 'off')).resolves.toEqual({message: 'node/node-1 powered off'});
		expect((await client.get('nodes', undefined, 'node-1')).metadata.annotations).toEqual({'kubedeck.io/power': 'off'});
		const real = new FakeClusterClient({objects: [nodeObject('node-1')], info: {embedded: false}});
		await expect(actions.power({client: real, kinds: new KindTable()}, {resource: 'nodes', name: 'node-1', namespace: undefined}, 'off')).rejects.toThrow('only on a kubedeck cluster');
	});

	it('applies a multi-document file: creates what is missing, patches what exists', async () => {
		const {client, context} = setup();
		const directory = mkdtempSync(join(tmpdir(), 'kubedeck-apply-'));
		const file = join(directory, 'app.yaml');
		writeFileSync(file, [
			'apiVersion: apps/v1',
			'kind: Deployment',
			'metadata: {name: kubernetes-bootcamp, labels: {team: green}}',
			'spec: {replicas: 5}',
			'---',
			'apiVersion: v1',
			'kind: ConfigMap',
			'metadata: {name: settings}',
			'data: {mode: demo}',
		].join('\n'));
		await expect(apply(context, file, 'default')).resolves.toEqual({message: 'deployment.apps/kubernetes-bootcamp configured; configmap/settings created'});
		expect((await client.get('deployments', 'default', 'kubernetes-bootcamp'))['spec']).toMatchObject({replicas: 5});
		expect((await client.get('configmaps', 'default', 'settings'))['data']).toEqual({mode: 'demo'});
		await expect(apply(context, join(directory, 'missing.yaml'), 'default')).rejects.toThrow('cannot read');
	});
});
