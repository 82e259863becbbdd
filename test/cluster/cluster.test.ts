import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/cluster/api/object.js';
import {createCluster} from '../../source/cluster/cluster.js';
import {bodyOf, bootCluster, deployment, service, type BootedCluster} from '../helpers/cluster-boot.js';
import {FakeClock} from '../helpers/cluster-fake-clock.js';
import {useTempDirs} from '../helpers/store-temp.js';

const tempDir = useTempDirs();

type ReplicaSet = KubeObject & {spec: {template: {metadata: {labels: Record<string, string>}; spec: unknown}}};

/** `kubectl set image deployments/NAME CONTAINER=IMAGE`. */
async function setImage(current: BootedCluster, name: string, container: string, image: string): Promise<void> {
	await current.api.modify('deployments', 'default', name, object => {
		const spec = object['spec'] as {template: {spec: {containers: Array<{name: string; image: string}>}}};
		spec.template.spec.containers.find(c => c.name === container)!.image = image;
		return object;
	});
}

/** `kubectl rollout undo deployments/NAME`: the template of the ReplicaSet one revision back. */
async function rolloutUndo(current: BootedCluster, name: string): Promise<void> {
	const revision = (rs: KubeObject) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
	const sets = current.api.list('replicasets', 'default', {labelSelector: `app=${name}`}).items.sort((a, b) => revision(b) - revision(a)) as ReplicaSet[];
	const previous = sets[1]!;
	await current.api.modify('deployments', 'default', name, object => {
		const {'pod-template-hash': _hash, ...labels} = previous.spec.template.metadata.labels;
		(object['spec'] as {template: unknown}).template = {...previous.spec.template, metadata: {...previous.spec.template.metadata, labels}};
		return object;
	});
}

function rolledOut(current: BootedCluster, name: string): boolean {
	const object = current.api.get('deployments', 'default', name);
	const spec = object['spec'] as {replicas: number};
	const status = (object['status'] ?? {}) as {updatedReplicas?: number; replicas?: number; availableReplicas?: number; observedGeneration?: number};
	return status.observedGeneration === object.metadata.generation && status.updatedReplicas === spec.replicas && status.replicas === spec.replicas && status.availableReplicas === spec.replicas;
}

async function answers(current: BootedCluster, port: number, count: number): Promise<string[]> {
	const out: string[] = [];
	for (let i = 0; i < count; i++) out.push(bodyOf(await current.get(port)) ?? '(no answer)');
	return out;
}

describe('the embedded cluster', () => {
	it('runs the Kubernetes Basics tutorial: deploy, explore, expose, scale, update, roll back', async () => {
		const booted = await bootCluster({nodes: 3});
		try {
			const {api} = booted;
			// Module 2: a Deployment of the bootcamp app.
			await api.create('deployments', 'default', deployment('kubernetes-bootcamp', 'gcr.io/google-samples/kubernetes-bootcamp:v1', 1));
			await booted.eventually(() => booted.live('app=kubernetes-bootcamp').filter(booted.ready).length === 1, 'one ready pod');
			const pod = booted.live('app=kubernetes-bootcamp')[0]!.metadata.name!;

			// Module 3: through the API proxy, logs, exec.
			const proxied = await booted.runtime.proxy('default', pod, undefined, {method: 'GET', path: `/${pod}`, headers: {}, body: new Uint8Array()});
			expect(Buffer.from(proxied.body).toString()).toBe(`Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`);
			expect(await booted.logs(pod)).toMatch(/^Kubernetes Bootcamp App Started At: .*\n\nRunning On: .* \| Total Requests: 1 /);
			expect((await booted.exec(pod, ['cat', 'server.js'])).stdout).toContain("http.createServer(");
			expect((await booted.exec(pod, ['sh', '-c', 'curl -s localhost:8080'])).stdout).toBe(`Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`);

			// Module 4: a NodePort service on 127.0.0.1.
			const exposed = await api.create('services', 'default', service('kubernetes-bootcamp', 8080));
			const nodePort = (exposed['spec'] as {ports: Array<{nodePort: number}>}).ports[0]!.nodePort;
			expect(nodePort).toBeGreaterThanOrEqual(30000);
			expect(nodePort).toBeLessThanOrEqual(32767);
			await booted.eventually(async () => bodyOf(await booted.get(nodePort)) !== undefined, 'the NodePort to answer');
			expect(await answers(booted, nodePort, 1)).toEqual([`Hello Kubernetes bootcamp! | Running on: ${pod} | v=1\n`]);

			// Module 5: scale to 4; requests spread over the replicas.
			await api.modify('deployments', 'default', 'kubernetes-bootcamp', object => {
				(object['spec'] as {replicas: number}).replicas = 4;
				return object;
			});
			await booted.eventually(() => booted.live('app=kubernetes-bootcamp').filter(booted.ready).length === 4, 'four ready pods');
			await booted.eventually(() => rolledOut(booted, 'kubernetes-bootcamp'), 'four available');
			const names = new Set(booted.live('app=kubernetes-bootcamp').map(p => p.metadata.name!));
			const spread = await answers(booted, nodePort, 8);
			const hit = new Set(spread.map(line => /Running on: (\S+) /.exec(line)?.[1]));
			expect([...hit].every(name => names.has(name!))).toBe(true);
			expect(hit.size).toBe(4);
			expect(new Set(booted.live('app=kubernetes-bootcamp').map(p => (p['spec'] as {nodeName: string}).nodeName)).size).toBe(2);

			// Module 6: update to v2, then roll back to v1.
			await setImage(booted, 'kubernetes-bootcamp', 'kubernetes-bootcamp', 'jocatalin/kubernetes-bootcamp:v2');
			await booted.eventually(() => rolledOut(booted, 'kubernetes-bootcamp') && booted.pods('app=kubernetes-bootcamp').length === 4, 'v2 rolled out', {withinMs: 30_000});
			expect(new Set((await answers(booted, nodePort, 4)).map(line => line.slice(line.lastIndexOf('|'))))).toEqual(new Set(['| v=2\n']));

			await setImage(booted, 'kubernetes-bootcamp', 'kubernetes-bootcamp', 'gcr.io/google-samples/kubernetes-bootcamp:v10');
			await booted.eventually(() => booted.live('app=kubernetes-bootcamp').some(p => /ImagePull/.test(booted.status(p.metadata.name!).containerStatuses?.[0]?.state?.waiting?.reason ?? '')), 'a pod failing to pull');
			// The service keeps answering from the v2 pods while the bad image cannot roll out.
			expect(new Set((await answers(booted, nodePort, 4)).map(line => line.slice(line.lastIndexOf('|'))))).toEqual(new Set(['| v=2\n']));

			await rolloutUndo(booted, 'kubernetes-bootcamp');
			await booted.eventually(() => rolledOut(booted, 'kubernetes-bootcamp') && booted.pods('app=kubernetes-bootcamp').length === 4, 'undo rolled out', {withinMs: 30_000});
			expect(new Set((await answers(booted, nodePort, 4)).map(line => line.slice(line.lastIndexOf('|'))))).toEqual(new Set(['| v=2\n']));

			// Two revisions back is v1 again.
			await api.modify('deployments', 'default', 'kubernetes-bootcamp', object => {
				(object['spec'] as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers[0]!.image = 'gcr.io/google-samples/kubernetes-bootcamp:v1';
				return object;
			});
			await booted.eventually(() => rolledOut(booted, 'kubernetes-bootcamp') && booted.pods('app=kubernetes-bootcamp').length === 4, 'v1 rolled out', {withinMs: 30_000});
			expect(new Set((await answers(booted, nodePort, 4)).map(line => line.slice(line.lastIndexOf('|'))))).toEqual(new Set(['| v=1\n']));
		} finally {
			await booted.stop();
		}
	});

	it('refuses a bad configuration before touching anything', async () => {
		await expect(createCluster({nodes: 0})).rejects.toThrow('--nodes must be a whole number from 1 to 5000, not 0');
		await expect(createCluster({ingressPort: 70000})).rejects.toThrow('ingress port 70000 is out of range');
		await expect(createCluster({timings: {imagePullMs: -1}})).rejects.toThrow('timing imagePullMs must be a non-negative number');
	});

	it('closes its NodePorts when it stops', async () => {
		const booted = await bootCluster({nodes: 1});
		const {api} = booted;
		await api.create('deployments', 'default', deployment('web', 'nginx', 1, {tolerations: [{operator: 'Exists'}]}));
		const exposed = await api.create('services', 'default', service('web', 80));
		const nodePort = (exposed['spec'] as {ports: Array<{nodePort: number}>}).ports[0]!.nodePort;
		await booted.eventually(async () => (await booted.get(nodePort)).hasOwnProperty('status'), 'nginx over the NodePort');
		await booted.stop();
		expect(await booted.get(nodePort)).toEqual({error: 'ECONNREFUSED'});
	});

	it('starts again from its data directory with a node left switched off, and that node stays down', async () => {
		const dataDir = tempDir();
		const clock = new FakeClock();
		const first = await createCluster({dataDir, nodes: 2, serviceListeners: false, clock});
		await first.ready();
		await first.api.modify('nodes', undefined, 'worker-1', node => {
			node.metadata.annotations = {...node.metadata.annotations, 'kubedeck.io/power': 'off'};
			return node;
		});
		await first.stop();

		const again = await createCluster({dataDir, serviceListeners: false, clock});
		try {
			await again.ready();
			const lease = again.api.get('leases', 'kube-node-lease', 'control-plane');
			const renewed = (lease['spec'] as {renewTime: string}).renewTime;
			for (let step = 0; step < 40; step++) {
				clock.advance(250);
				await new Promise(resolve => setTimeout(resolve, 5));
			}
			expect((again.api.get('leases', 'kube-node-lease', 'control-plane')['spec'] as {renewTime: string}).renewTime).not.toBe(renewed);
			const ready = (name: string) => ((again.api.get('nodes', undefined, name)['status'] as {conditions: Array<{type: string; status: string}>}).conditions.find(c => c.type === 'Ready')?.status);
			expect(ready('control-plane')).toBe('True');
			expect(ready('worker-1')).not.toBe('True');
		} finally {
			await again.stop();
		}
	});
});
