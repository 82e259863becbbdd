/**
 * Thousands of malformed requests, then the server must still answer and the store must be as it was. Every write
 * in here is broken or a dry run, so any change to the store is a bug. Seeded, so a failure replays.
 */
import {readFileSync, readdirSync} from 'node:fs';
import {connect} from 'node:tls';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fakeCluster} from '../../helpers/serve-fake-cluster.js';
import {serveForTest, type TestServer} from '../../helpers/serve-client.js';

const protobufBodies = '/work/shared/reference/kubectl-1.32/protobuf-bodies';

let api: TestServer;
let cluster: Awaited<ReturnType<typeof fakeCluster>>;

beforeAll(async () => {
	cluster = await fakeCluster();
	api = await serveForTest(cluster);
	const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'fixed', labels: {app: 'fixed'}}, spec: {containers: [{name: 'web', image: 'nginx'}]}};
	expect((await api.request('POST', '/api/v1/namespaces/default/pods', {body: pod})).status).toBe(201);
});

afterAll(async () => {
	await api.close();
	await cluster.stop();
});

/** mulberry32: small, seeded, good enough to pick test cases. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Raw = {method: string; path: string; headers: Record<string, string>; body: Buffer};

/**
 * Sends one request on its own TLS connection, exactly as given (no client-side checks), and reads the status line
 * and headers; then the connection is dropped, as a client that goes away (which also ends any stream it opened).
 */
function sendRaw(request: Raw, token: string, ca: string, port: number): Promise<{status: number; text: string}> {
	return new Promise(resolve => {
		const socket = connect({host: '127.0.0.1', port, ca, servername: 'localhost'});
		let text = '';
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			socket.destroy();
			const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
			resolve({status: match ? Number(match[1]) : 0, text});
		};
		// Long enough for a busy machine: no status line by then is a hang.
		const timer = setTimeout(finish, 5000);
		socket.on('secureConnect', () => {
			const headers = {authorization: `Bearer ${token}`, host: `127.0.0.1:${port}`, connection: 'close', 'content-length': String(request.body.length), ...request.headers};
			const head = `${request.method} ${request.path} HTTP/1.1\r\n${Object.entries(headers)
				.map(([key, value]) => `${key}: ${value}`)
				.join('\r\n')}\r\n\r\n`;
			socket.write(Buffer.concat([Buffer.from(head, 'latin1'), request.body]));
		});
		socket.on('data', (chunk: Buffer) => {
			text += chunk.toString('latin1');
			const headEnd = text.indexOf('\r\n\r\n');
			// Wait for the body of an error, to report it; a 2xx may be a stream that never ends.
			if (headEnd >= 0 && (!/^HTTP\/1\.1 5/.test(text) || text.length > headEnd + 4)) finish();
		});
		socket.on('error', finish);
		socket.on('close', finish);
	});
}

const validPod = JSON.stringify({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'fuzzed', labels: {a: 'b'}}, spec: {containers: [{name: 'c', image: 'i'}]}});
const protobufs = readdirSync(protobufBodies)
	.filter(name => name.endsWith('.pb'))
	.map(name => readFileSync(`${protobufBodies}/${name}`));
const contentTypes = [
	'application/json',
	'application/yaml',
	'application/vnd.kubernetes.protobuf',
	'application/merge-patch+json',
	'application/json-patch+json',
	'application/strategic-merge-patch+json',
	'application/apply-patch+yaml',
	'text/plain',
	'',
	'application/json; charset=utf-8; x="',
];
const accepts = [
	'application/json;as=Table;v=v1;g=meta.k8s.io',
	'application/json;as=Table;v=v9;g=meta.k8s.io,application/yaml',
	'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
	'*/*;q=0.1,;;;,',
	'application/yaml',
	'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io',
];
const paths = [
	'/api/v1/namespaces/default/pods',
	'/api/v1/namespaces/default/pods/fixed',
	'/api/v1/namespaces/default/pods/fixed/status',
	'/api/v1/namespaces/default/pods/fixed/binding',
	'/api/v1/namespaces/default/configmaps',
	'/apis/apps/v1/namespaces/default/deployments',
	'/apis/apps/v1/namespaces/default/deployments/nothing/scale',
	'/api/v1/nodes',
	'/api/v1/namespaces',
];
const queries = [
	'limit=-1',
	'limit=abc',
	'limit=99999999999999999999',
	'continue=%%%',
	'continue=eyJ4Ijp9',
	'labelSelector=a%20in%20(',
	'labelSelector=!!!',
	'fieldSelector=spec.nothing%3Dx',
	'fieldSelector=metadata.name%3D%3D%3D',
	'resourceVersion=abc',
	'resourceVersion=-5',
	'timeoutSeconds=-1',
	'gracePeriodSeconds=x',
	'propagationPolicy=Sideways',
	'dryRun=Some',
	'fieldValidation=Loose',
	'includeObject=Everything',
	'watch=maybe',
	'pretty=perhaps',
	'fieldManager=' + 'm'.repeat(200),
	'tailLines=x',
];

function pick<T>(next: () => number, items: readonly T[]): T {
	return items[Math.floor(next() * items.length)]!;
}

function randomBytes(next: () => number, length: number): Buffer {
	const bytes = Buffer.alloc(length);
	for (let index = 0; index < length; index++) bytes[index] = Math.floor(next() * 256);
	return bytes;
}

/** One malformed request: a broken body, a broken query, a broken path or broken headers. */
function malformed(next: () => number): Raw {
	const kind = Math.floor(next() * 8);
	const method = pick(next, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'BREW']);
	const headers: Record<string, string> = {'content-type': pick(next, contentTypes), accept: pick(next, accepts)};
	const path = pick(next, paths);
	switch (kind) {
		case 0: // a valid body cut short
			return {method: pick(next, ['POST', 'PUT', 'PATCH']), path, headers, body: Buffer.from(validPod.slice(0, Math.floor(next() * (validPod.length - 1))))};
		case 1: // random bytes
			return {method: pick(next, ['POST', 'PUT', 'PATCH', 'DELETE']), path, headers, body: randomBytes(next, Math.floor(next() * 300))};
		case 2: {
			// a protobuf body with damage, as a dry run: decoding runs, nothing may be stored
			const body = Buffer.from(pick(next, protobufs));
			for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips--) body[Math.floor(next() * body.length)] = Math.floor(next() * 256);
			const cut = next() < 0.3 ? body.subarray(0, Math.floor(next() * body.length)) : body;
			return {method: 'POST', path: `${pick(next, paths)}?dryRun=All`, headers: {'content-type': 'application/vnd.kubernetes.protobuf'}, body: cut};
		}
		case 3: {
			// deep or wide nesting, in JSON and YAML
			const depth = 101 + Math.floor(next() * 20000);
			const yaml = next() < 0.5;
			const body = yaml ? `a: ${'['.repeat(depth)}` : `{"metadata":{"name":"deep"},"data":${'['.repeat(depth)}${']'.repeat(depth)}}`;
			return {method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: {'content-type': yaml ? 'application/yaml' : 'application/json'}, body: Buffer.from(body)};
		}
		case 4: {
			// broken query parameters on reads, and on deletes of what does not exist
			const target = method === 'DELETE' ? '/api/v1/namespaces/default/configmaps/absent' : pick(next, ['/api/v1/namespaces/default/pods', '/api/v1/namespaces/default/configmaps/absent', '/api/v1/namespaces/default/pods/fixed/log']);
			return {method: method === 'DELETE' ? 'DELETE' : 'GET', path: `${target}?${pick(next, queries)}&${pick(next, queries)}`, headers, body: Buffer.alloc(0)};
		}
		case 5: {
			// broken paths
			const segments = ['api', 'apis', 'v1', 'namespaces', '%zz', '%2F', '..', '', 'pods', 'x'.repeat(300), 'proxy', 'watch', 'metrics.k8s.io', 'v1beta1', '%00'];
			const length = 1 + Math.floor(next() * 9);
			const randomPath = '/' + Array.from({length}, () => pick(next, segments)).join('/');
			return {method: pick(next, ['GET', 'OPTIONS', 'BREW', 'DELETE']), path: randomPath, headers, body: Buffer.alloc(0)};
		}
		case 6: // YAML that is not one object, or uses aliases to grow
			return {
				method: 'POST',
				path: '/api/v1/namespaces/default/configmaps',
				headers: {'content-type': 'application/yaml'},
				body: Buffer.from(
					pick(next, [
						'a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n',
						'---\nmetadata: {name: one}\n---\nmetadata: {name: two}\n',
						'- just\n- a list\n',
						'metadata: {name: [1, 2]}\n',
						': : :\n\t\t- ]',
						'metadata:\n  name: ok\n  labels: {"bad key!": v}\n',
					]),
				),
			};
		default: // wrong-typed fields in JSON objects; a dry run, since the registry keeps fields it does not know
			return {
				method: pick(next, ['POST', 'PUT', 'PATCH']),
				path: `${path}?dryRun=All`,
				headers: {'content-type': pick(next, ['application/json', 'application/merge-patch+json', 'application/json-patch+json'])},
				body: Buffer.from(
					pick(next, [
						'{"metadata":"x"}',
						'{"metadata":{"name":{"a":1}}}',
						'{"metadata":{"labels":[1,2]}}',
						'{"metadata":{"name":"fixed","labels":{"a":5}}}',
						'[{"op":"replace","path":"/metadata/name","value":"renamed"}]',
						'[{"op":"explode","path":"/"}]',
						'{"spec":{"replicas":"many"}}',
						'{"spec":{"replicas":-3}}',
						'null',
						'"text"',
						'{"apiVersion":"v2","kind":"Pod","metadata":{"name":"fixed"}}',
						'{"kind":"Eviction","deleteOptions":"now"}',
						'{"kind":"Binding","target":{"kind":"Moon"}}',
					]),
				),
			};
	}
}

describe('malformed requests', () => {
	it('never crash the server, never answer 5xx, and never change the store', async () => {
		const {port, credentials} = api.server;
		const before = cluster.api.resourceVersion();
		const next = random(20261126);
		const requests = Array.from({length: 2000}, () => malformed(next));
		const failures: string[] = [];
		let index = 0;
		const worker = async () => {
			while (index < requests.length) {
				const request = requests[index++]!;
				const reply = await sendRaw(request, credentials.token, credentials.caCertificate, port);
				if (reply.status >= 500 || reply.status === 0) failures.push(`${request.method} ${request.path} ${request.headers['content-type'] ?? ''} ${request.body.subarray(0, 80).toString('latin1')} -> ${reply.text.slice(0, 300)}`);
			}
		};
		await Promise.all(Array.from({length: 8}, worker));
		expect(failures).toEqual([]);
		expect(cluster.api.resourceVersion()).toBe(before);
		expect((await api.request('GET', '/readyz')).text).toBe('ok');
		expect((await api.request('GET', '/api/v1/namespaces/default/pods/fixed')).json().metadata.labels).toEqual({app: 'fixed'});
	});

	it('survive bytes that are not HTTP at all', async () => {
		const {port, credentials} = api.server;
		const next = random(7);
		for (let attempt = 0; attempt < 50; attempt++) {
			await new Promise<void>(resolve => {
				const socket = connect({host: '127.0.0.1', port, ca: credentials.caCertificate, servername: 'localhost'});
				socket.on('secureConnect', () => socket.end(randomBytes(next, 1 + Math.floor(next() * 2000))));
				socket.on('error', () => resolve());
				socket.on('close', () => resolve());
				socket.resume();
			});
		}
		expect((await api.request('GET', '/readyz')).text).toBe('ok');
	});
});
