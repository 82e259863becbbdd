import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {bodyOf, bootCluster, deployment, service, type BootedCluster, type HttpAnswer} from '../../helpers/cluster-boot.js';

let booted: BootedCluster;
let port: number;

/** A GET from outside to one of the cluster's listeners. */
function GET(port: number, path = '/', headers: Record<string, string> = {}): Promise<HttpAnswer> {
	return booted.get(port, path, headers);
}

type Address = {ip: string; ports?: Array<{port: number; protocol: string}>};

function addressOf(object: KubeObject | undefined): Address[] | undefined {
	return (object?.['status'] as {loadBalancer?: {ingress?: Address[]}} | undefined)?.loadBalancer?.ingress;
}

function rule(host: string | undefined, paths: Array<{path: string; pathType: string; service: string; port: number | string}>) {
	return {
		...(host ? {host} : {}),
		http: {paths: paths.map(p => ({path: p.path, pathType: p.pathType, backend: {service: {name: p.service, port: typeof p.port === 'number' ? {number: p.port} : {name: p.port}}}}))},
	};
}

function ingress(name: string, spec: Record<string, unknown>): KubeObject {
	return {apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: {name}, spec};
}

beforeAll(async () => {
	// Port 0: the listener takes any free port and says which in each Ingress's status.
	booted = await bootCluster({nodes: 3, ingressPort: 0});
	const {api} = booted;
	await api.create('deployments', 'default', deployment('web', 'gcr.io/google-samples/kubernetes-bootcamp:v1', 2));
	await api.create('services', 'default', service('web', 8080, 'ClusterIP'));
	await api.create('deployments', 'default', deployment('docs', 'nginx', 1));
	await api.create('services', 'default', {...service('docs', 80, 'ClusterIP'), spec: {selector: {app: 'docs'}, ports: [{name: 'http', port: 80, targetPort: 80}]}});
	await api.create('services', 'default', service('nobody', 80, 'ClusterIP'));
	await api.create(
		'ingresses',
		'default',
		ingress('site', {
			rules: [
				rule('hello.test', [{path: '/', pathType: 'Prefix', service: 'web', port: 8080}]),
				rule('docs.test', [
					{path: '/', pathType: 'Prefix', service: 'docs', port: 'http'},
					{path: '/status', pathType: 'Exact', service: 'web', port: 8080},
				]),
				rule('down.test', [{path: '/', pathType: 'Prefix', service: 'nobody', port: 80}]),
			],
		}),
	);
	await booted.eventually(() => booted.live().filter(booted.ready).length === 3 && addressOf(api.get('ingresses', 'default', 'site')) !== undefined, 'pods ready and the ingress published');
	port = addressOf(api.get('ingresses', 'default', 'site'))![0]!.ports![0]!.port;
});

afterAll(async () => {
	await booted.stop();
});

describe('the Ingress listener', () => {
	it('gives each Ingress the listener’s address and port', () => {
		expect(addressOf(booted.api.get('ingresses', 'default', 'site'))).toEqual([{ip: booted.address, ports: [{port, protocol: 'TCP'}]}]);
		expect(port).toBeGreaterThan(0);
	});

	it('routes by host to a service backend, spreading over its pods', async () => {
		const hit = new Set<string>();
		for (let i = 0; i < 4; i++) {
			const body = bodyOf(await GET(port, '/', {host: 'hello.test'}))!;
			expect(body).toMatch(/^Hello Kubernetes bootcamp! \| Running on: web-\S+ \| v=1\n$/);
			hit.add(body);
		}
		expect(hit.size).toBe(2);
	});

	it('routes by path within a host, with a service port named instead of numbered', async () => {
		expect(bodyOf(await GET(port, '/', {host: 'docs.test'}))).toContain('<title>Welcome to nginx!</title>');
		expect(bodyOf(await GET(port, '/status', {host: 'docs.test'}))).toMatch(/^Hello Kubernetes bootcamp!/);
		const deeper = await GET(port, '/status/more', {host: 'docs.test'});
		expect('status' in deeper && deeper.status).toBe(404);
		expect(bodyOf(deeper)).toContain('<title>404 Not Found</title>');
	});

	it('passes the client address on to the backend in X-Forwarded-For', async () => {
		await GET(port, '/index.html', {host: 'docs.test'});
		const pod = booted.live('app=docs')[0]!.metadata.name!;
		const last = (await booted.logs(pod, {tailLines: 1})).trimEnd();
		expect(last).toMatch(/"GET \/index\.html HTTP\/1\.1" 200 .* "127\.\d+\.\d+\.\d+"$/);
	});

	it('answers 404 for a host no rule names, and 503 for a backend without ready endpoints', async () => {
		const unknown = await GET(port, '/', {host: 'nowhere.test'});
		expect('status' in unknown && unknown.status).toBe(404);
		const down = await GET(port, '/', {host: 'down.test'});
		expect('status' in down && down.status).toBe(503);
		expect(bodyOf(down)).toContain('503 Service Temporarily Unavailable');
	});

	it('sends what no rule matches to a default backend, and forgets a deleted Ingress', async () => {
		const {api} = booted;
		await api.create('ingresses', 'default', ingress('fallback', {defaultBackend: {service: {name: 'docs', port: {number: 80}}}}));
		await booted.eventually(() => addressOf(api.get('ingresses', 'default', 'fallback')) !== undefined, 'fallback published');
		expect(bodyOf(await GET(port, '/', {host: 'nowhere.test'}))).toContain('Welcome to nginx!');
		await api.delete('ingresses', 'default', 'fallback');
		await booted.settle();
		const gone = await GET(port, '/', {host: 'nowhere.test'});
		expect('status' in gone && gone.status).toBe(404);
	});

	it('follows changes to an Ingress’s rules', async () => {
		const {api} = booted;
		await api.create('ingresses', 'default', ingress('moving', {rules: [rule('move.test', [{path: '/', pathType: 'Prefix', service: 'web', port: 8080}])]}));
		await booted.settle();
		expect(bodyOf(await GET(port, '/', {host: 'move.test'}))).toMatch(/^Hello Kubernetes bootcamp!/);
		await api.modify('ingresses', 'default', 'moving', object => {
			object['spec'] = {rules: [rule('move.test', [{path: '/', pathType: 'Prefix', service: 'docs', port: 80}])]};
			return object;
		});
		await booted.settle();
		expect(bodyOf(await GET(port, '/', {host: 'move.test'}))).toContain('Welcome to nginx!');
	});
});

describe('a cluster without an Ingress port', () => {
	it('leaves Ingresses without an address', async () => {
		const plain = await bootCluster({nodes: 1});
		try {
			await plain.api.create('ingresses', 'default', ingress('site', {defaultBackend: {service: {name: 'web', port: {number: 80}}}}));
			await plain.settle();
			expect(addressOf(plain.api.get('ingresses', 'default', 'site'))).toBeUndefined();
		} finally {
			await plain.stop();
		}
	});
});
