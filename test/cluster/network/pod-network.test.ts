import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bootCluster, deployment, service, type BootedCluster} from '../../helpers/cluster-boot.js';

let booted: BootedCluster;
let clusterIP: string;
let nodePort: number;

const hello = /^Hello Kubernetes bootcamp! \| Running on: web-\S+ \| v=1\n$/;

beforeAll(async () => {
	booted = await bootCluster({nodes: 3});
	const {api} = booted;
	await api.create('namespaces', undefined, {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'other'}});
	await api.create('deployments', 'default', deployment('web', 'gcr.io/google-samples/kubernetes-bootcamp:v1', 2));
	const web = await api.create('services', 'default', service('web', 8080));
	clusterIP = (web['spec'] as {clusterIP: string}).clusterIP;
	nodePort = (web['spec'] as {ports: Array<{nodePort: number}>}).ports[0]!.nodePort;
	await api.create('services', 'default', service('empty', 80, 'ClusterIP'));
	await api.create('services', 'other', {apiVersion: 'v1', kind: 'Service', metadata: {name: 'alias'}, spec: {type: 'ExternalName', externalName: 'web.default.svc.cluster.local'}});
	// A StatefulSet's pods have stable names under their headless service.
	await api.create('services', 'default', {apiVersion: 'v1', kind: 'Service', metadata: {name: 'db'}, spec: {clusterIP: 'None', selector: {app: 'db'}, ports: [{port: 80}]}});
	await api.create('statefulsets', 'default', {
		apiVersion: 'apps/v1',
		kind: 'StatefulSet',
		metadata: {name: 'db'},
		spec: {serviceName: 'db', replicas: 1, selector: {matchLabels: {app: 'db'}}, template: {metadata: {labels: {app: 'db'}}, spec: {containers: [{name: 'nginx', image: 'nginx'}]}}},
	});
	await booted.createPod('client', {containers: [{name: 'client', image: 'busybox', command: ['sleep', '3600']}]});
	await api.create('pods', 'other', {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'visitor'}, spec: {containers: [{name: 'visitor', image: 'busybox', command: ['sleep', '3600']}]}});
	await booted.eventually(() => booted.live().filter(booted.ready).length === 4 && booted.pods(undefined, 'other').filter(booted.ready).length === 1, 'every pod ready');
	await booted.eventually(() => booted.api.list('endpointslices', 'default', {labelSelector: 'kubernetes.io/service-name=db'}).items.length === 1, 'db endpoints');
});

afterAll(async () => {
	await booted.stop();
});

async function wget(url: string, pod = 'client'): Promise<{stdout: string; stderr: string; code: number}> {
	if (pod === 'client') return booted.exec(pod, ['wget', '-qO-', '-T', '2', url]);
	let stdout = '';
	let stderr = '';
	const session = await booted.runtime.exec('other', pod, undefined, ['wget', '-qO-', url], {tty: false, onStdout: data => (stdout += data), onStderr: data => (stderr += data)});
	let code: number | undefined;
	void session.exitCode.then(value => (code = value));
	await booted.eventually(() => code !== undefined, 'wget to finish');
	return {stdout, stderr, code: code!};
}

describe('from inside a pod', () => {
	it('a service answers by name, namespaced name, full name and cluster IP', async () => {
		for (const host of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local', clusterIP]) {
			const result = await wget(`http://${host}:8080/`);
			expect(result.stderr).toBe('');
			expect(result.stdout).toMatch(hello);
		}
	});

	it('a pod answers on its own IP and its pod DNS name', async () => {
		const pod = booted.live('app=web')[0]!;
		const ip = booted.status(pod.metadata.name!).podIP!;
		expect((await wget(`http://${ip}:8080/`)).stdout).toBe(`Hello Kubernetes bootcamp! | Running on: ${pod.metadata.name} | v=1\n`);
		expect((await wget(`http://${ip.replaceAll('.', '-')}.default.pod.cluster.local:8080/`)).stdout).toBe(`Hello Kubernetes bootcamp! | Running on: ${pod.metadata.name} | v=1\n`);
	});

	it('a StatefulSet pod answers by its stable name under the headless service', async () => {
		const result = await wget('http://db-0.db/');
		expect(result.stdout).toContain('<title>Welcome to nginx!</title>');
	});

	it('a bare name resolves in the pod’s own namespace; other namespaces need theirs', async () => {
		expect((await wget('http://web:8080/', 'visitor')).stderr).toMatch(/^wget: bad address 'web/);
		expect((await wget('http://web.default:8080/', 'visitor')).stdout).toMatch(hello);
		// An ExternalName service is followed like a CNAME.
		expect((await wget('http://alias:8080/', 'visitor')).stdout).toMatch(hello);
	});

	it('a node address reaches the NodePort', async () => {
		const node = booted.api.get('nodes', undefined, 'worker-1');
		const address = (node['status'] as {addresses: Array<{type: string; address: string}>}).addresses.find(a => a.type === 'InternalIP')!.address;
		expect((await wget(`http://${address}:${nodePort}/`)).stdout).toMatch(hello);
	});

	it('an unknown name does not resolve, and a service without endpoints refuses', async () => {
		const unknown = await wget('http://nowhere/');
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toBe("wget: bad address 'nowhere'\n");
		const empty = await wget('http://empty/');
		expect(empty.code).toBe(1);
		expect(empty.stderr).toMatch(/Connection refused/);
	});

	it('nslookup finds cluster IPs, and pod IPs behind a headless service', async () => {
		const web = await booted.exec('client', ['nslookup', 'web']);
		expect(web.stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${clusterIP}\n\n`);
		const db = await booted.exec('client', ['nslookup', 'db']);
		expect(db.stdout).toContain(`Address: ${booted.status('db-0').podIP}\n`);
		const none = await booted.exec('client', ['nslookup', 'nowhere']);
		expect(none.code).toBe(1);
		expect(none.stdout).toContain("** server can't find nowhere.default.svc.cluster.local: NXDOMAIN");
	});
});

describe('services/proxy', () => {
	it('reaches a ready backend, says 503 without one, and 404 for no such service', async () => {
		const request = {method: 'GET', path: '/', headers: {}, body: new Uint8Array()};
		const answer = await booted.runtime.serviceProxy('default', 'web', undefined, request);
		expect(Buffer.from(answer.body).toString()).toMatch(hello);
		const empty = await booted.runtime.serviceProxy('default', 'empty', undefined, request);
		expect(empty.status).toBe(503);
		expect(JSON.parse(Buffer.from(empty.body).toString())).toMatchObject({reason: 'ServiceUnavailable', message: 'no endpoints available for service "empty"'});
		await expect(booted.runtime.serviceProxy('default', 'nothing', undefined, request)).rejects.toMatchObject({code: 404});
	});
});
