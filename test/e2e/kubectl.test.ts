/**
 * The Kubernetes basics tutorial, end to end: the real kubectl (whichever version /usr/bin/kubectl dispatches to
 * for a 1.32 server) against a cluster served in this process. Steps run in order and share the cluster.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {request} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startEmbedded, type EmbeddedCluster} from '../../source/commands/serve.js';
import {eventually, hasKubectl, kubectlRunner} from '../helpers/serve-kubectl.js';

if (!hasKubectl) console.warn('\n*** SKIPPED: test/e2e/kubectl.test.ts needs the real kubectl at /usr/bin/kubectl, which is missing ***\n');

const step = {timeout: 120_000};

function httpGet(url: string): Promise<{status: number; body: string}> {
	return new Promise((resolve, reject) => {
		const call = request(url, response => {
			let body = '';
			response.on('data', (chunk: Buffer) => (body += chunk.toString()));
			response.on('end', () => resolve({status: response.statusCode ?? 0, body}));
		});
		call.on('error', reject);
		call.setTimeout(5000, () => call.destroy(new Error('timeout')));
		call.end();
	});
}

describe.skipIf(!hasKubectl)('the basics tutorial through the real kubectl', () => {
	let cluster: EmbeddedCluster;
	let scratch: string;
	let kubectl: ReturnType<typeof kubectlRunner>['run'];
	let start: ReturnType<typeof kubectlRunner>['start'];
	let podName = '';
	const app = 'kubernetes-bootcamp';

	/** kubectl that must succeed; returns stdout. */
	const ok = async (...args: string[]) => {
		const result = await kubectl(args);
		expect(result.code, `kubectl ${args.join(' ')}: ${result.stderr}`).toBe(0);
		return result.stdout;
	};
	const runningPods = async (selector: string) =>
		(await ok('get', 'pods', '-l', selector, '--no-headers')).split('\n').filter(line => /\sRunning\s/.test(line)).length;

	beforeAll(async () => {
		scratch = await mkdtemp(path.join(os.tmpdir(), 'kubedeck-e2e-'));
		cluster = await startEmbedded({ephemeral: true, nodes: 3});
		({run: kubectl, start} = kubectlRunner(cluster.kubeconfigPath, path.join(scratch, 'cache')));
	}, step.timeout);

	afterAll(async () => {
		await cluster?.stop();
		if (scratch) await rm(scratch, {recursive: true, force: true});
	});

	it('shows the version, the cluster and its nodes', async () => {
		expect(await ok('version')).toContain('Server Version: v1.32.4');
		expect(await ok('cluster-info')).toContain(`Kubernetes control plane is running at ${cluster.url}`);
		await eventually(async () => (await ok('get', 'nodes')).split('\n').filter(line => /\sReady\s/.test(line)).length === 3, 60, 'three Ready nodes');
		const wide = await ok('get', 'nodes', '-o', 'wide');
		expect(wide).toMatch(/INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE/);
		const resources = await ok('api-resources');
		for (const name of ['pods', 'deployments', 'replicasets', 'services', 'endpointslices', 'leases', 'events']) expect(resources).toMatch(new RegExp(`^${name}\\s`, 'm'));
	}, step.timeout);

	it('creates the bootcamp deployment (a protobuf body) and lists it', async () => {
		expect(await ok('create', 'deployment', app, '--image=gcr.io/google-samples/kubernetes-bootcamp:v1')).toContain(`deployment.apps/${app} created`);
		await eventually(async () => /kubernetes-bootcamp\s+1\/1\s+1\s+1\s/.test(await ok('get', 'deployments')), 60, 'deployment 1/1');
		podName = (await ok('get', 'pods', '-o', 'go-template', '--template', '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}')).trim();
		expect(podName).toMatch(/^kubernetes-bootcamp-[a-z0-9]+-[a-z0-9]{5}$/);
		expect(await ok('get', 'pods', '-o', 'wide')).toMatch(/IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/);
	}, step.timeout);

	it('reaches the pod through kubectl proxy', async () => {
		const proxy = start(['proxy', '--port=0']);
		try {
			const port = await eventually(async () => /Starting to serve on 127\.0\.0\.1:(\d+)/.exec(proxy.output())?.[1], 20, 'kubectl proxy to start');
			expect(JSON.parse((await httpGet(`http://127.0.0.1:${port}/version`)).body)).toMatchObject({gitVersion: 'v1.32.4'});
			expect(JSON.parse((await httpGet(`http://127.0.0.1:${port}/api/v1/namespaces/default/pods/${podName}`)).body).metadata.name).toBe(podName);
			const answer = await eventually(async () => {
				const reply = await httpGet(`http://127.0.0.1:${port}/api/v1/namespaces/default/pods/${podName}:8080/proxy/`);
				return reply.status === 200 && reply.body;
			}, 30, 'the pod to answer through the proxy');
			expect(answer).toContain('Hello Kubernetes bootcamp!');
			// As the tutorial asks: no port, the pod's own.
			expect((await httpGet(`http://127.0.0.1:${port}/api/v1/namespaces/default/pods/${podName}/proxy/`)).body).toContain(`Running on: ${podName}`);
		} finally {
			proxy.stop();
		}
	}, step.timeout);

	it('forwards a local port to the pod', async () => {
		const forward = start(['port-forward', `pod/${podName}`, ':8080']);
		try {
			const port = await eventually(async () => /Forwarding from 127\.0\.0\.1:(\d+) -> 8080/.exec(forward.output())?.[1], 20, 'kubectl port-forward to listen');
			const first = await httpGet(`http://127.0.0.1:${port}/`);
			expect(first.body).toMatch(/^Hello Kubernetes bootcamp! \| Running on: kubernetes-bootcamp-/);
			// Each connection is its own pair of streams.
			expect((await httpGet(`http://127.0.0.1:${port}/`)).status).toBe(200);
		} finally {
			forward.stop();
		}
	}, step.timeout);

	it('describes the pod, prints its logs and runs commands in it', async () => {
		const described = await ok('describe', 'pods');
		expect(described).toContain(`Name:             ${podName}`);
		expect(described).toMatch(/Events:/);
		expect(await ok('logs', podName)).toContain('Kubernetes Bootcamp App Started At');
		const env = await ok('exec', podName, '--', 'env');
		expect(env).toMatch(new RegExp(`^HOSTNAME=${podName}$`, 'm'));
		const failed = await kubectl(['exec', podName, '--', 'sh', '-c', 'exit 3']);
		expect(failed.code).toBe(3);
		const echoed = await kubectl(['exec', '-i', podName, '--', 'cat'], {input: 'hello stdin\n'});
		expect(echoed.stdout).toBe('hello stdin\n');
	}, step.timeout);

	it('exposes the app on a NodePort and finds it by labels', async () => {
		expect(await ok('expose', `deployment/${app}`, '--type=NodePort', '--port', '8080')).toContain(`service/${app} exposed`);
		const nodePort = await ok('get', `services/${app}`, '-o', 'go-template={{(index .spec.ports 0).nodePort}}');
		expect(Number(nodePort)).toBeGreaterThanOrEqual(30000);
		await eventually(async () => /Endpoints:\s+\d+\.\d+\.\d+\.\d+:8080/.test(await ok('describe', `services/${app}`)), 30, 'service endpoints');
		expect(await ok('describe', 'deployment')).toMatch(/NewReplicaSet:\s+kubernetes-bootcamp-[a-z0-9]+ \(1\/1 replicas created\)/);
		expect(await ok('get', 'pods', '-l', `app=${app}`)).toContain(podName);
		expect(await ok('get', 'services', '-l', `app=${app}`)).toContain(app);
		expect(await ok('label', 'pods', podName, 'version=v1')).toContain(`pod/${podName} labeled`);
		expect(await ok('get', 'pods', '-l', 'version=v1')).toContain(podName);
		expect(await ok('delete', 'service', '-l', `app=${app}`)).toContain(`service "${app}" deleted`);
		const gone = await kubectl(['get', 'services', app]);
		expect(gone.stderr).toContain(`services "${app}" not found`);
	}, step.timeout);

	it('scales up and down, waiting with rollout status', async () => {
		expect(await ok('scale', `deployments/${app}`, '--replicas=4')).toContain(`deployment.apps/${app} scaled`);
		expect(await ok('rollout', 'status', `deployments/${app}`, '--timeout=90s')).toContain('successfully rolled out');
		await eventually(async () => (await runningPods(`app=${app}`)) === 4, 60, '4 Running pods');
		expect(await ok('scale', `deployments/${app}`, '--replicas=2')).toContain('scaled');
		await eventually(async () => (await ok('get', 'pods', '-l', `app=${app}`, '--no-headers')).trim().split('\n').length === 2, 60, '2 pods left');
	}, step.timeout);

	it('rolls out a new image and rolls it back', async () => {
		expect(await ok('set', 'image', `deployments/${app}`, `${app}=jocatalin/kubernetes-bootcamp:v2`)).toContain('image updated');
		expect(await ok('rollout', 'status', `deployments/${app}`, '--timeout=90s')).toContain('successfully rolled out');
		expect(await ok('rollout', 'history', `deployments/${app}`)).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
		expect(await ok('rollout', 'undo', `deployments/${app}`)).toContain('rolled back');
		expect(await ok('rollout', 'status', `deployments/${app}`, '--timeout=90s')).toContain('successfully rolled out');
		const images = await ok('get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={range .items[*]}{.spec.containers[0].image}{"\\n"}{end}');
		await eventually(async () => {
			const now = await ok('get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={range .items[*]}{.spec.containers[0].image}{"\\n"}{end}');
			return [...new Set(now.trim().split('\n'))].join() === 'gcr.io/google-samples/kubernetes-bootcamp:v1';
		}, 60, `pods back on v1 (had ${images})`);
		expect((await ok('get', 'rs', '--no-headers')).trim().split('\n')).toHaveLength(2);
	}, step.timeout);

	it('applies a manifest: created, unchanged, configured', async () => {
		const manifest = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels: {app: nginx}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports: [{containerPort: 80}]
`;
		const file = path.join(scratch, 'deploy.yaml');
		await writeFile(file, manifest(2));
		expect(await ok('apply', '-f', file)).toContain('deployment.apps/nginx-deployment created');
		expect(await ok('apply', '-f', file)).toContain('deployment.apps/nginx-deployment unchanged');
		await writeFile(file, manifest(3));
		const configured = await kubectl(['apply', '-f', file]);
		expect(configured.stdout).toContain('deployment.apps/nginx-deployment configured');
		expect(configured.stderr).toBe('');
		expect(await ok('get', 'deployment', 'nginx-deployment', '-o', 'jsonpath={.spec.replicas}')).toBe('3');
	}, step.timeout);

	it('watches pods change with get -w', async () => {
		const watch = start(['get', 'pods', '-w']);
		try {
			await eventually(async () => watch.output().includes('NAME'), 30, 'the watch to list');
			await ok('run', 'watched', '--image=nginx');
			await eventually(async () => /^watched\s/m.test(watch.output()), 30, 'the new pod in the watch');
		} finally {
			watch.stop();
		}
	}, step.timeout);

	it('prints objects as yaml, json and jsonpath', async () => {
		expect(await ok('get', 'deployment', app, '-o', 'yaml')).toMatch(/^kind: Deployment$/m);
		const list = JSON.parse(await ok('get', 'pods', '-o', 'json'));
		expect(list).toMatchObject({kind: 'List', apiVersion: 'v1'});
		expect(list.items[0]).toMatchObject({kind: 'Pod', apiVersion: 'v1'});
		expect(await ok('get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}')).toContain('worker-1');
	}, step.timeout);

	it('shows resource usage with top', async () => {
		const nodes = await eventually(async () => {
			const result = await kubectl(['top', 'nodes']);
			return result.code === 0 && result.stdout;
		}, 60, 'kubectl top nodes');
		expect(nodes).toMatch(/CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)/);
		const pods = await eventually(async () => {
			const result = await kubectl(['top', 'pods']);
			return result.code === 0 && result.stdout.includes(app) && result.stdout;
		}, 60, 'kubectl top pods');
		expect(pods).toContain(app);
	}, step.timeout);

	it('cordons, drains and uncordons a node', async () => {
		const node = (await ok('get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={.items[0].spec.nodeName}')).trim();
		expect(await ok('cordon', node)).toContain(`node/${node} cordoned`);
		expect(await ok('get', 'node', node)).toContain('SchedulingDisabled');
		const drained = await kubectl(['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--timeout=90s'], {timeoutMs: 110_000});
		expect(drained.code, drained.stderr).toBe(0);
		expect(drained.stdout).toContain(`node/${node} drained`);
		await eventually(async () => !(await ok('get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={range .items[*]}{.spec.nodeName}{"\\n"}{end}')).split('\n').includes(node), 60, 'pods off the drained node');
		expect(await ok('uncordon', node)).toContain(`node/${node} uncordoned`);
	}, step.timeout);

	it('deletes by label and answers missing objects with NotFound', async () => {
		expect(await ok('delete', 'deployment', '-l', 'app=nginx')).toContain('deployment.apps "nginx-deployment" deleted');
		const missing = await kubectl(['get', 'deployment', 'nginx-deployment']);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('Error from server (NotFound): deployments.apps "nginx-deployment" not found');
	}, step.timeout);
});
