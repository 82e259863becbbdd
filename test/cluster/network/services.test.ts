import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {bodyOf, bootCluster, deployment, service, type BootedCluster, type HttpAnswer} from '../../helpers/cluster-boot.js';

let booted: BootedCluster | undefined;

/** A GET from outside to one of the cluster's listeners. */
function GET(port: number, path = '/', headers: Record<string, string> = {}): Promise<HttpAnswer> {
	return booted!.get(port, path, headers);
}

afterEach(async () => {
	await booted?.stop();
	booted = undefined;
});

const bootcampV1 = 'gcr.io/google-samples/kubernetes-bootcamp:v1';

function nodePortOf(object: KubeObject): number {
	return (object['spec'] as {ports: Array<{nodePort: number}>}).ports[0]!.nodePort;
}

/** The pod named in a bootcamp answer. */
function responder(body: string | undefined): string | undefined {
	return body ? /Running on: (\S+) /.exec(body)?.[1] : undefined;
}

async function freePort(host: string): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, host, resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise(resolve => server.close(resolve));
	return port;
}

/** A bootcamp Deployment of `replicas` behind a NodePort, every pod ready and the port answering. */
async function bootcampBehindNodePort(current: BootedCluster, replicas: number, serviceExtra: Record<string, unknown> = {}): Promise<number> {
	await current.api.create('deployments', 'default', deployment('web', bootcampV1, replicas));
	const created = await current.api.create('services', 'default', service('web', 8080, 'NodePort', serviceExtra));
	const port = nodePortOf(created);
	await current.eventually(() => current.live('app=web').filter(current.ready).length === replicas, `${replicas} ready`);
	await current.eventually(async () => bodyOf(await GET(port)) !== undefined, 'the NodePort to answer');
	return port;
}

describe('a NodePort service', () => {
	it('answers from outside with the pod’s name and version, taking each replica in turn', async () => {
		booted = await bootCluster({nodes: 3});
		const port = await bootcampBehindNodePort(booted, 3);
		const pods = booted.live('app=web').map(pod => pod.metadata.name!).sort();
		const bodies: string[] = [];
		for (let i = 0; i < 6; i++) bodies.push(bodyOf(await GET(port))!);
		for (const body of bodies) expect(body).toMatch(/^Hello Kubernetes bootcamp! \| Running on: web-[a-z0-9]+-[a-z0-9]{5} \| v=1\n$/);
		const counts = new Map<string, number>();
		for (const body of bodies) counts.set(responder(body)!, (counts.get(responder(body)!) ?? 0) + 1);
		expect([...counts.keys()].sort()).toEqual(pods);
		expect([...counts.values()]).toEqual([2, 2, 2]);
		const answer = await GET(port);
		expect('headers' in answer && answer.headers['content-length']).toBe(String(bodyOf(answer)!.length));
	});

	it('keeps a client on one pod with sessionAffinity ClientIP', async () => {
		booted = await bootCluster({nodes: 3});
		const port = await bootcampBehindNodePort(booted, 3, {sessionAffinity: 'ClientIP'});
		const hit = new Set<string | undefined>();
		for (let i = 0; i < 6; i++) hit.add(responder(bodyOf(await GET(port))));
		expect(hit.size).toBe(1);
	});

	it('sends nothing to a pod until its readiness probe passes', async () => {
		booted = await bootCluster({nodes: 3});
		const {api} = booted;
		const port = await bootcampBehindNodePort(booted, 1);
		// A slow starter joins the service's selector; it listens on 8080 only after 10 s.
		await booted.createPod('slow', {containers: [{name: 'slow', image: 'kubedeck/slow-start', args: ['--delay=10'], readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}}]}, {app: 'web'});
		const answers: string[] = [];
		await booted.eventually(
			async () => {
				if (booted!.ready(api.get('pods', 'default', 'slow'))) return true;
				answers.push(bodyOf(await GET(port)) ?? '(none)');
				return false;
			},
			'slow Ready',
			{withinMs: 15_000, stepMs: 500},
		);
		expect(answers.length).toBeGreaterThan(15);
		expect(answers.filter(body => !body.startsWith('Hello Kubernetes bootcamp!'))).toEqual([]);
		await booted.eventually(async () => (bodyOf(await GET(port)) ?? '').startsWith('slow-start on slow'), 'slow gets traffic once Ready', {withinMs: 2000});
	});

	it('sends traffic only to ready pods during a rolling update', async () => {
		booted = await bootCluster({nodes: 3});
		const {api} = booted;
		const probe = {httpGet: {path: '/', port: 8080}, initialDelaySeconds: 2, periodSeconds: 1};
		await api.create('deployments', 'default', {
			...deployment('web', bootcampV1, 3),
			spec: {
				replicas: 3,
				selector: {matchLabels: {app: 'web'}},
				template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'kubernetes-bootcamp', image: bootcampV1, readinessProbe: probe}]}},
			},
		});
		const port = nodePortOf(await api.create('services', 'default', service('web', 8080)));
		await booted.eventually(() => booted!.live('app=web').filter(booted!.ready).length === 3, 'three ready', {withinMs: 10_000});
		await api.modify('deployments', 'default', 'web', object => {
			(object['spec'] as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers[0]!.image = 'jocatalin/kubernetes-bootcamp:v2';
			return object;
		});
		const seen = new Set<string>();
		await booted.eventually(
			async () => {
				const body = bodyOf(await GET(port));
				const name = responder(body);
				expect(name).toBeDefined();
				// Whoever answered was Ready when it did.
				expect(booted!.ready(api.get('pods', 'default', name!))).toBe(true);
				seen.add(body!.slice(body!.lastIndexOf('v=')));
				const pods = booted!.pods('app=web');
				return pods.length === 3 && pods.every(pod => booted!.ready(pod) && JSON.stringify(pod['spec']).includes(':v2'));
			},
			'v2 rolled out',
			{withinMs: 60_000, stepMs: 250},
		);
		expect(seen).toEqual(new Set(['v=1\n', 'v=2\n']));
		expect(bodyOf(await GET(port))).toMatch(/v=2\n$/);
	});

	it('sends no new requests to a terminating pod, even one still serving', async () => {
		booted = await bootCluster({nodes: 3});
		const {api} = booted;
		// A shell that ignores TERM keeps the app serving through the whole grace period.
		const stubborn = {terminationGracePeriodSeconds: 30, containers: [{name: 'app', image: bootcampV1, command: ['sh', '-c', 'trap "" TERM; node server.js']}]};
		await booted.createPod('keeper', stubborn, {app: 'web'});
		await booted.createPod('leaver', stubborn, {app: 'web'});
		const port = nodePortOf(await api.create('services', 'default', service('web', 8080)));
		await booted.eventually(() => booted!.live('app=web').filter(booted!.ready).length === 2, 'two ready');
		await booted.eventually(async () => bodyOf(await GET(port)) !== undefined, 'answers');

		await api.delete('pods', 'default', 'leaver');
		await booted.pass(2000);
		expect(api.get('pods', 'default', 'leaver').metadata.deletionTimestamp).toBeDefined();
		const direct = await booted.runtime.proxy('default', 'leaver', 8080, {method: 'GET', path: '/', headers: {}, body: new Uint8Array()});
		expect(Buffer.from(direct.body).toString()).toContain('Running on: leaver');
		for (let i = 0; i < 6; i++) expect(responder(bodyOf(await GET(port)))).toBe('keeper');
	});

	it('drops the connection while no endpoint is ready, and answers again once one is', async () => {
		booted = await bootCluster({nodes: 2});
		const {api} = booted;
		const port = nodePortOf(await api.create('services', 'default', service('web', 8080)));
		await booted.eventually(async () => 'error' in (await GET(port)), 'a listener that drops');
		expect(await GET(port)).toEqual({error: 'ECONNRESET'});
		await api.create('deployments', 'default', deployment('web', bootcampV1, 1));
		await booted.eventually(async () => bodyOf(await GET(port)) !== undefined, 'an answer');
	});

	it('stops listening when the service is deleted or turned into a ClusterIP service', async () => {
		booted = await bootCluster({nodes: 2});
		const {api} = booted;
		const port = await bootcampBehindNodePort(booted, 1);
		await api.modify('services', 'default', 'web', object => {
			const spec = object['spec'] as {type: string; ports: Array<{nodePort?: number}>};
			spec.type = 'ClusterIP';
			delete spec.ports[0]!.nodePort;
			return object;
		});
		await booted.eventually(async () => 'error' in (await GET(port)), 'the port closed');
		expect(await GET(port)).toEqual({error: 'ECONNREFUSED'});
	});
});

describe('a LoadBalancer service', () => {
	it('gets the listeners’ address (127.0.0.1 by default) as its ingress and answers on its own port and its node port', async () => {
		booted = await bootCluster({nodes: 2});
		const {api} = booted;
		const lbPort = await freePort(booted.address);
		await api.create('deployments', 'default', deployment('web', bootcampV1, 1));
		const created = await api.create('services', 'default', service('web', lbPort, 'LoadBalancer', {ports: [{port: lbPort, targetPort: 8080, protocol: 'TCP'}]}));
		await booted.eventually(() => booted!.live('app=web').filter(booted!.ready).length === 1, 'ready');
		await booted.eventually(() => ((api.get('services', 'default', 'web')['status'] as {loadBalancer?: {ingress?: unknown[]}}).loadBalancer?.ingress?.length ?? 0) > 0, 'an ingress address');
		expect(api.get('services', 'default', 'web')['status']).toEqual({loadBalancer: {ingress: [{ip: booted.address, ipMode: 'VIP'}]}});
		await booted.eventually(async () => bodyOf(await GET(lbPort)) !== undefined, 'the balancer port');
		expect(bodyOf(await GET(lbPort))).toMatch(/^Hello Kubernetes bootcamp!/);
		expect(bodyOf(await GET(nodePortOf(created)))).toMatch(/^Hello Kubernetes bootcamp!/);
	});

	it('stays pending (no address) while its port is taken by something else', async () => {
		booted = await bootCluster({nodes: 2});
		const {api} = booted;
		const squatter = net.createServer();
		await new Promise<void>(resolve => squatter.listen(0, booted!.address, resolve));
		try {
			const taken = (squatter.address() as net.AddressInfo).port;
			const created = await api.create('services', 'default', service('web', taken, 'LoadBalancer', {ports: [{port: taken, targetPort: 80, protocol: 'TCP'}]}));
			await api.create('deployments', 'default', deployment('web', 'nginx', 1));
			await booted.eventually(async () => 'status' in (await GET(nodePortOf(created))), 'the node port answers');
			expect((api.get('services', 'default', 'web')['status'] as {loadBalancer?: {ingress?: unknown[]}}).loadBalancer?.ingress).toBeUndefined();
		} finally {
			squatter.close();
		}
	});

	it('loses its address when it becomes a NodePort service', async () => {
		booted = await bootCluster({nodes: 2});
		const {api} = booted;
		const lbPort = await freePort(booted.address);
		await api.create('services', 'default', service('web', lbPort, 'LoadBalancer'));
		await booted.eventually(() => JSON.stringify(api.get('services', 'default', 'web')['status']).includes(booted!.address), 'an address');
		await api.modify('services', 'default', 'web', object => {
			(object['spec'] as {type: string}).type = 'NodePort';
			return object;
		});
		await booted.eventually(() => !JSON.stringify(api.get('services', 'default', 'web')['status']).includes(booted!.address), 'the address gone');
		expect(await GET(lbPort)).toEqual({error: 'ECONNREFUSED'});
	});
});

describe('an ExternalName service', () => {
	it('opens nothing and gets no address', async () => {
		booted = await bootCluster({nodes: 2});
		const {api} = booted;
		await api.create('services', 'default', {apiVersion: 'v1', kind: 'Service', metadata: {name: 'docs'}, spec: {type: 'ExternalName', externalName: 'kubernetes.io'}});
		await booted.settle();
		const stored = api.get('services', 'default', 'docs');
		expect((stored['spec'] as {clusterIP?: string}).clusterIP).toBeUndefined();
		expect(stored['status']).toEqual({loadBalancer: {}});
	});
});
