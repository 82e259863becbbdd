import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fakeCluster} from '../../helpers/serve-fake-cluster.js';
import {serveForTest, type TestServer} from '../../helpers/serve-client.js';

const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const aggregatedAccept =
	'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const protobufBodies = '/work/shared/reference/kubectl-1.32/protobuf-bodies';

let api: TestServer;
let cluster: Awaited<ReturnType<typeof fakeCluster>>;

beforeAll(async () => {
	cluster = await fakeCluster({historyLimit: 20});
	api = await serveForTest(cluster, {limits: {bookmarkIntervalMs: 50}});
});

afterAll(async () => {
	await api.close();
	await cluster.stop();
});

function configMap(name: string, data: Record<string, string> = {a: '1'}) {
	return {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name}, data};
}

async function createPod(name: string, labels: Record<string, string> = {app: 'web'}) {
	const reply = await api.request('POST', '/api/v1/namespaces/default/pods', {
		body: {apiVersion: 'v1', kind: 'Pod', metadata: {name, labels}, spec: {containers: [{name: 'web', image: 'nginx'}]}},
	});
	expect(reply.status).toBe(201);
	return reply.json();
}

describe('authentication', () => {
	it('refuses requests without the token with a 401 Status', async () => {
		const reply = await api.request('GET', '/api/v1/pods', {token: null});
		expect(reply.status).toBe(401);
		expect(reply.json()).toMatchObject({kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401});
	});

	it('refuses a wrong token everywhere, even on public paths', async () => {
		expect((await api.request('GET', '/api/v1/pods', {token: 'wrong'})).status).toBe(401);
		expect((await api.request('GET', '/version', {token: 'wrong'})).status).toBe(401);
	});

	it('lets anyone read version and health, as Kubernetes does', async () => {
		const version = await api.request('GET', '/version', {token: null});
		expect(version.json()).toMatchObject({major: '1', minor: '32', gitVersion: 'v1.32.4'});
		const ready = await api.request('GET', '/readyz', {token: null});
		expect(ready.status).toBe(200);
		expect(ready.text).toBe('ok');
		expect((await api.request('GET', '/livez?verbose')).text).toContain('livez check passed');
	});
});

describe('discovery', () => {
	it('answers aggregated discovery with its exact content type', async () => {
		const reply = await api.request('GET', '/apis', {headers: {accept: aggregatedAccept}});
		expect(reply.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
		const body = reply.json();
		const apps = body.items.find((group: any) => group.metadata.name === 'apps');
		const deployments = apps.versions[0].resources.find((resource: any) => resource.resource === 'deployments');
		expect(deployments).toMatchObject({responseKind: {group: 'apps', version: 'v1', kind: 'Deployment'}, scope: 'Namespaced', shortNames: ['deploy']});
		expect(deployments.subresources).toContainEqual({subresource: 'scale', responseKind: {group: 'autoscaling', version: 'v1', kind: 'Scale'}, verbs: ['get', 'patch', 'update']});
		const core = (await api.request('GET', '/api', {headers: {accept: aggregatedAccept}})).json();
		expect(core.items).toHaveLength(1);
		expect(core.items[0].versions[0].resources.map((resource: any) => resource.resource)).toContain('pods');
	});

	it('answers legacy discovery to plain JSON clients', async () => {
		const versions = await api.request('GET', '/api');
		expect(versions.headers['content-type']).toBe('application/json');
		expect(versions.json()).toMatchObject({kind: 'APIVersions', versions: ['v1']});
		const groups = (await api.request('GET', '/apis')).json();
		expect(groups.groups.map((group: any) => group.name)).toEqual(expect.arrayContaining(['apps', 'batch', 'metrics.k8s.io', 'policy']));
		const core = (await api.request('GET', '/api/v1')).json();
		expect(core.resources).toContainEqual(expect.objectContaining({name: 'pods/eviction', group: 'policy', version: 'v1', kind: 'Eviction'}));
		expect(core.resources).toContainEqual(expect.objectContaining({name: 'pods', shortNames: ['po'], namespaced: true}));
		expect((await api.request('GET', '/apis/apps/v1')).json().groupVersion).toBe('apps/v1');
		expect((await api.request('GET', '/apis/nothing/v1')).status).toBe(404);
	});

	it('publishes OpenAPI v3 that declares fieldValidation, and no OpenAPI v2', async () => {
		const index = (await api.request('GET', '/openapi/v3')).json();
		const url = index.paths['apis/apps/v1'].serverRelativeURL as string;
		expect(url).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
		const document = (await api.request('GET', url)).json();
		const patch = document.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
		expect(patch['x-kubernetes-group-version-kind']).toEqual({group: 'apps', version: 'v1', kind: 'Deployment'});
		expect(patch.parameters.map((parameter: any) => parameter.name)).toContain('fieldValidation');
		expect((await api.request('GET', '/openapi/v2')).status).toBe(404);
	});
});

describe('reading and writing objects', () => {
	it('creates, reads, lists, updates and deletes', async () => {
		const created = await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: configMap('crud')});
		expect(created.status).toBe(201);
		expect(created.json()).toMatchObject({kind: 'ConfigMap', apiVersion: 'v1', metadata: {name: 'crud', namespace: 'default'}});

		const read = (await api.request('GET', '/api/v1/namespaces/default/configmaps/crud')).json();
		expect(read).toMatchObject({kind: 'ConfigMap', data: {a: '1'}});

		const list = (await api.request('GET', '/api/v1/namespaces/default/configmaps')).json();
		expect(list).toMatchObject({kind: 'ConfigMapList', apiVersion: 'v1'});
		expect(list.metadata.resourceVersion).toMatch(/^\d+$/);
		expect(list.items.map((item: any) => item.metadata.name)).toContain('crud');

		const updated = await api.request('PUT', '/api/v1/namespaces/default/configmaps/crud', {body: {...read, data: {a: '2'}}});
		expect(updated.status).toBe(200);
		expect(updated.json().data).toEqual({a: '2'});

		const deleted = await api.request('DELETE', '/api/v1/namespaces/default/configmaps/crud');
		expect(deleted.status).toBe(200);
		expect(deleted.json()).toMatchObject({kind: 'Status', status: 'Success', details: {name: 'crud', kind: 'configmaps'}});
		const gone = await api.request('GET', '/api/v1/namespaces/default/configmaps/crud');
		expect(gone.status).toBe(404);
		expect(gone.json()).toMatchObject({kind: 'Status', reason: 'NotFound', message: 'configmaps "crud" not found'});
	});

	it('answers a write on a stale resourceVersion with 409 Conflict', async () => {
		const created = (await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: configMap('stale')})).json();
		await api.request('PUT', '/api/v1/namespaces/default/configmaps/stale', {body: {...created, data: {a: 'first'}}});
		const second = await api.request('PUT', '/api/v1/namespaces/default/configmaps/stale', {body: {...created, data: {a: 'second'}}});
		expect(second.status).toBe(409);
		expect(second.json()).toMatchObject({kind: 'Status', reason: 'Conflict'});
		const patched = await api.request('PATCH', '/api/v1/namespaces/default/configmaps/stale', {
			body: {metadata: {resourceVersion: created.metadata.resourceVersion}, data: {a: 'third'}},
			headers: {'content-type': 'application/merge-patch+json'},
		});
		expect(patched.status).toBe(409);
	});

	it('answers a duplicate create with 409 AlreadyExists', async () => {
		await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: configMap('twice')});
		const again = await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: configMap('twice')});
		expect(again.status).toBe(409);
		expect(again.json().reason).toBe('AlreadyExists');
	});

	it('takes YAML and the protobuf bodies kubectl create sends', async () => {
		const yaml = await api.request('POST', '/api/v1/namespaces/default/configmaps', {
			body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n',
			headers: {'content-type': 'application/yaml'},
		});
		expect(yaml.status).toBe(201);
		expect(yaml.json().data).toEqual({k: 'v'});
		const protobuf = await api.request('POST', '/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create&fieldValidation=Strict', {
			body: readFileSync(`${protobufBodies}/create-configmap-cm1.pb`),
			headers: {'content-type': 'application/vnd.kubernetes.protobuf'},
		});
		expect(protobuf.status).toBe(201);
		expect(protobuf.json()).toMatchObject({kind: 'ConfigMap', metadata: {name: 'cm1'}});
	});

	it('changes nothing on dryRun=All', async () => {
		const reply = await api.request('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', {body: configMap('dry')});
		expect(reply.status).toBe(201);
		expect((await api.request('GET', '/api/v1/namespaces/default/configmaps/dry')).status).toBe(404);
	});

	it('patches with merge, JSON and strategic merge patches', async () => {
		await createPod('patched');
		const merge = await api.request('PATCH', '/api/v1/namespaces/default/pods/patched', {
			body: {metadata: {labels: {version: 'v1'}}},
			headers: {'content-type': 'application/merge-patch+json'},
		});
		expect(merge.json().metadata.labels).toEqual({app: 'web', version: 'v1'});
		const json = await api.request('PATCH', '/api/v1/namespaces/default/pods/patched', {
			body: [{op: 'replace', path: '/metadata/labels/version', value: 'v2'}],
			headers: {'content-type': 'application/json-patch+json'},
		});
		expect(json.json().metadata.labels.version).toBe('v2');
		const strategic = await api.request('PATCH', '/api/v1/namespaces/default/pods/patched', {
			body: {metadata: {annotations: {note: 'x'}}},
			headers: {'content-type': 'application/strategic-merge-patch+json'},
		});
		expect(strategic.json().metadata.annotations).toEqual({note: 'x'});
		const unknown = await api.request('PATCH', '/api/v1/namespaces/default/pods/patched', {
			body: 'metadata: {}',
			headers: {'content-type': 'application/x-patch'},
		});
		expect(unknown.status).toBe(415);
		expect(unknown.json()).toMatchObject({kind: 'Status', reason: 'UnsupportedMediaType'});
	});

	it('applies server-side: creates, then merges the configuration', async () => {
		const configuration = (value: string) =>
			`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  labels: {owner: ssa}\ndata:\n  key: ${value}\n`;
		const path = '/api/v1/namespaces/default/configmaps/applied?fieldManager=kubectl&force=true';
		const headers = {'content-type': 'application/apply-patch+yaml'};
		const created = await api.request('PATCH', path, {body: configuration('one'), headers});
		expect(created.status).toBe(201);
		expect(created.json()).toMatchObject({kind: 'ConfigMap', metadata: {labels: {owner: 'ssa'}}, data: {key: 'one'}});
		const updated = await api.request('PATCH', path, {body: configuration('two'), headers});
		expect(updated.status).toBe(200);
		expect(updated.json().data).toEqual({key: 'two'});
		const noManager = await api.request('PATCH', '/api/v1/namespaces/default/configmaps/applied', {body: configuration('x'), headers});
		expect(noManager.status).toBe(400);
	});

	it('scales through the scale subresource', async () => {
		const deployment = {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: 'scaled'},
			spec: {replicas: 1, selector: {matchLabels: {app: 'scaled'}}, template: {metadata: {labels: {app: 'scaled'}}, spec: {containers: [{name: 'c', image: 'nginx'}]}}},
		};
		expect((await api.request('POST', '/apis/apps/v1/namespaces/default/deployments', {body: deployment})).status).toBe(201);
		const scale = (await api.request('GET', '/apis/apps/v1/namespaces/default/deployments/scaled/scale')).json();
		expect(scale).toMatchObject({kind: 'Scale', apiVersion: 'autoscaling/v1', spec: {replicas: 1}, status: {selector: 'app=scaled'}});
		const patched = await api.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/scaled/scale', {
			body: {spec: {replicas: 4}},
			headers: {'content-type': 'application/merge-patch+json'},
		});
		expect(patched.json()).toMatchObject({kind: 'Scale', spec: {replicas: 4}});
		expect((await api.request('GET', '/apis/apps/v1/namespaces/default/deployments/scaled')).json().spec.replicas).toBe(4);
		const negative = await api.request('PUT', '/apis/apps/v1/namespaces/default/deployments/scaled/scale', {body: {...scale, spec: {replicas: -1}}});
		expect(negative.status).toBe(422);
	});
});

describe('server-side tables', () => {
	it('answer kubectl get with a Table whose rows carry object metadata', async () => {
		await createPod('tabled');
		const reply = await api.request('GET', '/api/v1/namespaces/default/pods?limit=500', {headers: {accept: tableAccept}});
		expect(reply.headers['content-type']).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
		const table = reply.json();
		expect(table).toMatchObject({kind: 'Table', apiVersion: 'meta.k8s.io/v1'});
		expect(table.metadata.resourceVersion).toMatch(/^\d+$/);
		expect(table.columnDefinitions[0]).toMatchObject({name: 'Name'});
		const row = table.rows.find((entry: any) => entry.cells[0] === 'tabled');
		expect(row.object).toMatchObject({kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: {name: 'tabled', namespace: 'default'}});
	});

	it('include the whole object when asked', async () => {
		const table = (await api.request('GET', '/api/v1/namespaces/default/pods/tabled?includeObject=Object', {headers: {accept: tableAccept}})).json();
		expect(table.rows[0].object).toMatchObject({kind: 'Pod', spec: {containers: [{name: 'web'}]}});
	});
});

describe('watch', () => {
	it('streams events as JSON lines, every object typed', async () => {
		const list = (await api.request('GET', '/api/v1/namespaces/default/configmaps')).json();
		const stream = await api.stream(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}`);
		expect(stream.status).toBe(200);
		await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: configMap('watched')});
		await api.request('DELETE', '/api/v1/namespaces/default/configmaps/watched');
		const lines = await stream.until(events => events.some(event => event.type === 'DELETED'));
		expect(lines.map(event => event.type)).toEqual(['ADDED', 'DELETED']);
		expect(lines[0].object).toMatchObject({kind: 'ConfigMap', apiVersion: 'v1', metadata: {name: 'watched'}});
		stream.close();
	});

	it('sends one-row Tables to get -w, with column definitions only in the first', async () => {
		const stream = await api.stream('/api/v1/namespaces/default/configmaps?watch=true', {headers: {accept: tableAccept}});
		expect(stream.headers['content-type']).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
		const lines = await stream.until(events => events.length >= 2);
		expect(lines[0].object).toMatchObject({kind: 'Table'});
		expect(lines[0].object.columnDefinitions.length).toBeGreaterThan(0);
		expect(lines[0].object.rows).toHaveLength(1);
		expect(lines[1].object.columnDefinitions).toBeUndefined();
		stream.close();
	});

	it('sends bookmarks when asked and ends at timeoutSeconds', async () => {
		const list = (await api.request('GET', '/api/v1/namespaces/default/configmaps')).json();
		const stream = await api.stream(`/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion=${list.metadata.resourceVersion}`);
		const lines = await stream.until(events => events.some(event => event.type === 'BOOKMARK'));
		const bookmark = lines.find(event => event.type === 'BOOKMARK')!;
		expect(bookmark.object).toEqual({kind: 'ConfigMap', apiVersion: 'v1', metadata: {resourceVersion: expect.stringMatching(/^\d+$/)}});
		await stream.ended;
	});

	it('sends the initial events, then a bookmark that marks their end, when asked', async () => {
		await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: configMap('initial')});
		const stream = await api.stream('/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan');
		const lines = await stream.until(events => events.some(event => event.type === 'BOOKMARK'));
		const bookmark = lines.findIndex(event => event.type === 'BOOKMARK');
		expect(lines.slice(0, bookmark).map(event => event.object.metadata.name)).toContain('initial');
		expect(lines[bookmark]!.object.metadata.annotations).toEqual({'k8s.io/initial-events-end': 'true'});
		stream.close();
	});

	it('answers metadata-only lists and watches', async () => {
		const accept = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
		const list = (await api.request('GET', '/api/v1/namespaces/default/configmaps', {headers: {accept}})).json();
		expect(list.kind).toBe('PartialObjectMetadataList');
		expect(list.items[0]).toEqual({kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: expect.objectContaining({name: expect.any(String)})});
	});

	it('answers an expired resourceVersion with an ERROR event holding 410 Gone', async () => {
		for (let index = 0; index < 30; index++) await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: configMap(`churn-${index}`)});
		const stream = await api.stream('/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=2');
		expect(stream.status).toBe(200);
		await stream.ended;
		const [event] = stream.lines();
		expect(event).toMatchObject({type: 'ERROR', object: {kind: 'Status', code: 410, reason: 'Expired'}});
	});
});

describe('errors', () => {
	it('answers malformed bodies with 400 Status', async () => {
		const reply = await api.request('POST', '/api/v1/namespaces/default/pods', {body: '{"apiVersion":"v1","kind":"Pod","metadata":'});
		expect(reply.status).toBe(400);
		expect(reply.json()).toMatchObject({kind: 'Status', reason: 'BadRequest'});
		const wrongType = await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: {metadata: {name: 7}}});
		expect(wrongType.status).toBe(400);
		const array = await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: '[1,2]'});
		expect(array.status).toBe(400);
		const deep = await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: '['.repeat(5000) + ']'.repeat(5000)});
		expect(deep.status).toBe(400);
	});

	it('answers invalid objects with 422 and causes', async () => {
		const reply = await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: {metadata: {name: 'x', labels: {'bad key!': 'v'}}}});
		expect(reply.status).toBe(422);
		expect(reply.json()).toMatchObject({kind: 'Status', reason: 'Invalid'});
		expect(reply.json().details.causes.length).toBeGreaterThan(0);
	});

	it('answers unknown media types with 415 and big bodies with 413', async () => {
		const text = await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: 'name=x', headers: {'content-type': 'application/x-www-form-urlencoded'}});
		expect(text.status).toBe(415);
		const big = await api.request('POST', '/api/v1/namespaces/default/configmaps', {body: {metadata: {name: 'big'}, data: {a: 'x'.repeat(4 * 1024 * 1024)}}});
		expect(big.status).toBe(413);
		expect(big.json()).toMatchObject({kind: 'Status', reason: 'RequestEntityTooLarge'});
	});

	it('answers unknown paths with 404 and wrong methods with 405', async () => {
		const unknown = await api.request('GET', '/api/v1/widgets');
		expect(unknown.status).toBe(404);
		expect(unknown.json()).toMatchObject({kind: 'Status', message: 'the server could not find the requested resource'});
		expect((await api.request('PUT', '/api/v1/namespaces/default/configmaps')).status).toBe(405);
		expect((await api.request('POST', '/api/v1/namespaces/default/configmaps/x')).status).toBe(405);
		expect((await api.request('GET', '/api/v1/namespaces/default/configmaps/x/status')).status).toBe(404);
	});

	it('refuses responses it cannot write', async () => {
		const reply = await api.request('GET', '/api/v1/namespaces/default/pods', {headers: {accept: 'application/vnd.kubernetes.protobuf'}});
		expect(reply.status).toBe(406);
	});
});

describe('pod subresources', () => {
	it('serves logs as text, with tailLines and follow', async () => {
		await createPod('logger');
		cluster.runtime.logLines.set('default/logger', ['one', 'two', 'three']);
		const all = await api.request('GET', '/api/v1/namespaces/default/pods/logger/log?container=web');
		expect(all.headers['content-type']).toBe('text/plain');
		expect(all.text).toBe('one\ntwo\nthree\n');
		expect((await api.request('GET', '/api/v1/namespaces/default/pods/logger/log?tailLines=1')).text).toBe('three\n');
		const previous = await api.request('GET', '/api/v1/namespaces/default/pods/logger/log?previous=true');
		expect(previous.status).toBe(400);

		const follow = await api.stream('/api/v1/namespaces/default/pods/logger/log?follow=true&tailLines=0');
		cluster.runtime.appendLog('default', 'logger', 'four');
		await new Promise<void>(resolve => {
			const check = setInterval(() => {
				if (follow.text() === 'four\n') {
					clearInterval(check);
					resolve();
				}
			}, 5);
		});
		follow.close();
		expect((await api.request('GET', '/api/v1/namespaces/default/pods/nobody/log')).status).toBe(404);
	});

	it('proxies to pods with the method, path, query and body, without the API token', async () => {
		await createPod('proxied');
		const reply = await api.request('POST', '/api/v1/namespaces/default/pods/proxied:8080/proxy/hello/world?x=1', {body: 'payload', headers: {'content-type': 'text/plain'}});
		expect(reply.status).toBe(200);
		expect(reply.text).toBe('pod proxied:8080 got POST /hello/world?x=1 payload');
		expect(reply.headers['x-seen-authorization']).toBe('none');
		const service = await api.request('GET', '/api/v1/namespaces/default/services/kubernetes:https/proxy/');
		expect(service.text).toBe('service kubernetes:https got GET / ');
	});

	it('binds a pod to a node once, as a scheduler does', async () => {
		await createPod('unbound');
		const binding = {apiVersion: 'v1', kind: 'Binding', metadata: {name: 'unbound'}, target: {apiVersion: 'v1', kind: 'Node', name: 'control-plane'}};
		const bound = await api.request('POST', '/api/v1/namespaces/default/pods/unbound/binding', {body: binding});
		expect(bound.status).toBe(201);
		const pod = (await api.request('GET', '/api/v1/namespaces/default/pods/unbound')).json();
		expect(pod.spec.nodeName).toBe('control-plane');
		expect(pod.status.conditions).toContainEqual(expect.objectContaining({type: 'PodScheduled', status: 'True'}));
		const again = await api.request('POST', '/api/v1/namespaces/default/pods/unbound/binding', {body: binding});
		expect(again.status).toBe(409);
	});

	it('evicts a pod, and refuses when a disruption budget forbids it', async () => {
		await createPod('evicted', {app: 'free'});
		const eviction = {apiVersion: 'policy/v1', kind: 'Eviction', metadata: {name: 'evicted', namespace: 'default'}, deleteOptions: {}};
		const reply = await api.request('POST', '/api/v1/namespaces/default/pods/evicted/eviction', {body: eviction});
		expect(reply.status).toBe(201);
		expect(reply.json()).toMatchObject({kind: 'Status', status: 'Success', code: 201});

		const pod = await createPod('guarded', {app: 'guarded'});
		await api.request('PATCH', '/api/v1/namespaces/default/pods/guarded/status', {
			body: {status: {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}]}},
			headers: {'content-type': 'application/merge-patch+json'},
		});
		expect(pod.metadata.name).toBe('guarded');
		const budget = {apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: {name: 'keep-one'}, spec: {minAvailable: 1, selector: {matchLabels: {app: 'guarded'}}}};
		expect((await api.request('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', {body: budget})).status).toBe(201);
		const refused = await api.request('POST', '/api/v1/namespaces/default/pods/guarded/eviction', {body: {...eviction, metadata: {name: 'guarded'}}});
		expect(refused.status).toBe(429);
		expect(refused.json()).toMatchObject({reason: 'TooManyRequests', details: {causes: [{reason: 'DisruptionBudget'}]}});
		expect((await api.request('GET', '/api/v1/namespaces/default/pods/guarded')).status).toBe(200);
	});
});

describe('self reviews', () => {
	it('say yes to every question, as the token is the administrator', async () => {
		const review = await api.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
			body: {apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {resourceAttributes: {verb: 'create', resource: 'pods'}}},
		});
		expect(review.status).toBe(201);
		expect(review.json()).toMatchObject({kind: 'SelfSubjectAccessReview', spec: {resourceAttributes: {verb: 'create'}}, status: {allowed: true}});
		const whoami = (await api.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {body: {}})).json();
		expect(whoami.status.userInfo.groups).toContain('system:masters');
		const groups = (await api.request('GET', '/apis')).json();
		expect(groups.groups.map((group: any) => group.name)).toEqual(expect.arrayContaining(['authorization.k8s.io', 'authentication.k8s.io']));
	});
});

describe('metrics', () => {
	it('serves NodeMetrics for kubectl top', async () => {
		const nodes = (await api.request('GET', '/apis/metrics.k8s.io/v1beta1/nodes')).json();
		expect(nodes).toMatchObject({kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1'});
		expect(nodes.items[0]).toMatchObject({metadata: {name: 'control-plane'}, usage: {cpu: '250000000n', memory: '65536Ki'}});
		expect((await api.request('GET', '/apis/metrics.k8s.io/v1beta1/nodes/none')).status).toBe(404);
	});
});
