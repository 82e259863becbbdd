import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bootCluster, type BootedCluster} from '../../helpers/cluster-boot.js';

let booted: BootedCluster;

beforeAll(async () => {
	booted = await bootCluster({nodes: 2});
	const {api} = booted;
	await api.create('configmaps', 'default', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'app-config'}, data: {LOG_LEVEL: 'debug', MODE: 'fast'}});
	await api.create('configmaps', 'default', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'app-files'}, data: {'app.properties': 'color=blue\nsize=3\n', 'motd.txt': 'welcome\n'}});
	await api.create('secrets', 'default', {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'db'}, type: 'Opaque', data: {password: Buffer.from('s3cret').toString('base64'), user: Buffer.from('admin').toString('base64')}});
	await api.create('services', 'default', {apiVersion: 'v1', kind: 'Service', metadata: {name: 'backend'}, spec: {selector: {app: 'backend'}, ports: [{name: 'http', port: 8080, targetPort: 8080}]}});
	await booted.createPod('env', {
		containers: [
			{
				name: 'main',
				image: 'busybox',
				command: ['sh', '-c', 'sleep 3600'],
				envFrom: [{configMapRef: {name: 'app-config'}}, {prefix: 'DB_', secretRef: {name: 'db'}}],
				env: [
					{name: 'GREETING', value: 'hello'},
					{name: 'GREETING_TWICE', value: '$(GREETING) $(GREETING)'},
					{name: 'MY_POD_NAME', valueFrom: {fieldRef: {fieldPath: 'metadata.name'}}},
					{name: 'MY_POD_NAMESPACE', valueFrom: {fieldRef: {fieldPath: 'metadata.namespace'}}},
					{name: 'MY_POD_IP', valueFrom: {fieldRef: {fieldPath: 'status.podIP'}}},
					{name: 'MY_NODE_NAME', valueFrom: {fieldRef: {fieldPath: 'spec.nodeName'}}},
					{name: 'MY_APP_LABEL', valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}},
					{name: 'LEVEL', valueFrom: {configMapKeyRef: {name: 'app-config', key: 'LOG_LEVEL'}}},
					{name: 'PASSWORD', valueFrom: {secretKeyRef: {name: 'db', key: 'password'}}},
				],
				volumeMounts: [
					{name: 'config', mountPath: '/etc/config'},
					{name: 'secret', mountPath: '/etc/secret', readOnly: true},
					{name: 'one', mountPath: '/etc/app.properties', subPath: 'app.properties'},
				],
			},
		],
		volumes: [
			{name: 'config', configMap: {name: 'app-files'}},
			{name: 'secret', secret: {secretName: 'db', items: [{key: 'password', path: 'db-password'}]}},
			{name: 'one', configMap: {name: 'app-files'}},
		],
	}, {app: 'env-demo'});
	await booted.createPod('pair', {
		volumes: [{name: 'shared', emptyDir: {}}],
		containers: [
			{name: 'web', image: 'nginx:1.27', volumeMounts: [{name: 'shared', mountPath: '/usr/share/nginx/html'}]},
			{name: 'writer', image: 'busybox', command: ['sh', '-c', 'echo "written by the sidecar" > /pages/index.html; sleep 3600'], volumeMounts: [{name: 'shared', mountPath: '/pages'}]},
		],
	});
	await booted.createPod('downward', {
		containers: [
			{
				name: 'main',
				image: 'busybox',
				command: ['sleep', '3600'],
				resources: {limits: {memory: '64Mi'}, requests: {cpu: '250m'}},
				env: [
					{name: 'MEMORY_LIMIT_MI', valueFrom: {resourceFieldRef: {resource: 'limits.memory', divisor: '1Mi'}}},
					{name: 'CPU_REQUEST_MILLI', valueFrom: {resourceFieldRef: {resource: 'requests.cpu', divisor: '1m'}}},
					{name: 'CPU_LIMIT', valueFrom: {resourceFieldRef: {resource: 'limits.cpu'}}},
				],
				volumeMounts: [
					{name: 'podinfo', mountPath: '/etc/podinfo'},
					{name: 'all-in-one', mountPath: '/projected'},
				],
			},
		],
		volumes: [
			{name: 'podinfo', downwardAPI: {items: [{path: 'labels', fieldRef: {fieldPath: 'metadata.labels'}}, {path: 'name', fieldRef: {fieldPath: 'metadata.name'}}]}},
			{
				name: 'all-in-one',
				projected: {
					sources: [
						{configMap: {name: 'app-files', items: [{key: 'motd.txt', path: 'motd'}]}},
						{secret: {name: 'db', items: [{key: 'user', path: 'db/user'}]}},
						{downwardAPI: {items: [{path: 'namespace', fieldRef: {fieldPath: 'metadata.namespace'}}]}},
						{serviceAccountToken: {path: 'token', expirationSeconds: 3600}},
					],
				},
			},
		],
	}, {app: 'downward', tier: 'demo'});
	await booted.eventually(() => booted.live().filter(booted.ready).length === 3, 'env, pair and downward Ready');
});

afterAll(async () => {
	await booted.stop();
});

function environment(text: string): Map<string, string> {
	return new Map(text.trimEnd().split('\n').map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('a container’s environment', () => {
	it('holds env, envFrom ConfigMap and Secret values, valueFrom fields and keys, and service links', async () => {
		const {stdout, code} = await booted.exec('env', ['env']);
		expect(code).toBe(0);
		const env = environment(stdout);
		const pod = booted.api.get('pods', 'default', 'env');
		expect(Object.fromEntries([...env].filter(([name]) => !/^(PATH|HOME|HOSTNAME)$|SERVICE|_PORT/.test(name)))).toEqual({
			LOG_LEVEL: 'debug',
			MODE: 'fast',
			DB_password: 's3cret',
			DB_user: 'admin',
			GREETING: 'hello',
			GREETING_TWICE: 'hello hello',
			MY_POD_NAME: 'env',
			MY_POD_NAMESPACE: 'default',
			MY_POD_IP: booted.status('env').podIP,
			MY_NODE_NAME: (pod['spec'] as {nodeName: string}).nodeName,
			MY_APP_LABEL: 'env-demo',
			LEVEL: 'debug',
			PASSWORD: 's3cret',
		});
		expect(env.get('HOSTNAME')).toBe('env');
		const backend = booted.api.get('services', 'default', 'backend')['spec'] as {clusterIP: string};
		expect(env.get('BACKEND_SERVICE_HOST')).toBe(backend.clusterIP);
		expect(env.get('BACKEND_SERVICE_PORT_HTTP')).toBe('8080');
		expect(env.get('KUBERNETES_SERVICE_HOST')).toMatch(/^10\.96\.0\.1$/);
	});

	it('holds requests and limits from resourceFieldRef, a missing limit reading as the node’s allocatable', async () => {
		const env = environment((await booted.exec('downward', ['env'])).stdout);
		expect(env.get('MEMORY_LIMIT_MI')).toBe('64');
		expect(env.get('CPU_REQUEST_MILLI')).toBe('250');
		expect(env.get('CPU_LIMIT')).toBe('4');
	});

	it('echoes one variable through a shell, as `kubectl exec POD -- sh -c` does', async () => {
		expect((await booted.exec('env', ['sh', '-c', 'echo $MY_POD_NAME on $MY_NODE_NAME'])).stdout).toBe(`env on ${(booted.api.get('pods', 'default', 'env')['spec'] as {nodeName: string}).nodeName}\n`);
	});

	it('fails to start with CreateContainerConfigError while a referenced ConfigMap is missing, and starts once it exists', async () => {
		await booted.createPod('needs-config', {containers: [{name: 'main', image: 'busybox', command: ['sh', '-c', 'echo $MODE; sleep 3600'], envFrom: [{configMapRef: {name: 'later'}}]}]});
		await booted.eventually(() => booted.container('needs-config')?.state?.waiting?.reason === 'CreateContainerConfigError', 'CreateContainerConfigError');
		expect(booted.container('needs-config')!.state!.waiting!.message).toBe('configmap "later" not found');
		await booted.api.create('configmaps', 'default', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'later'}, data: {MODE: 'slow'}});
		await booted.eventually(() => booted.container('needs-config')?.state?.running !== undefined, 'needs-config running');
		expect(await booted.logs('needs-config')).toBe('slow\n');
	});
});

describe('volumes', () => {
	it('shows ConfigMap keys as files, Secret items decoded, and a subPath as one file', async () => {
		expect((await booted.exec('env', ['ls', '/etc/config'])).stdout.split(/\s+/).filter(Boolean).sort()).toEqual(['app.properties', 'motd.txt']);
		expect((await booted.exec('env', ['cat', '/etc/config/app.properties'])).stdout).toBe('color=blue\nsize=3\n');
		expect((await booted.exec('env', ['cat', '/etc/config/motd.txt'])).stdout).toBe('welcome\n');
		expect((await booted.exec('env', ['cat', '/etc/secret/db-password'])).stdout).toBe('s3cret');
		expect((await booted.exec('env', ['cat', '/etc/app.properties'])).stdout).toBe('color=blue\nsize=3\n');
	});

	it('shows the pod’s own fields in a downwardAPI volume, and follows a change of its labels', async () => {
		expect((await booted.exec('downward', ['cat', '/etc/podinfo/labels'])).stdout).toBe('app="downward"\ntier="demo"');
		expect((await booted.exec('downward', ['cat', '/etc/podinfo/name'])).stdout).toBe('downward');
		await booted.api.modify('pods', 'default', 'downward', pod => {
			pod.metadata.labels = {...pod.metadata.labels, tier: 'live'};
			return pod;
		});
		await booted.settle();
		expect((await booted.exec('downward', ['cat', '/etc/podinfo/labels'])).stdout).toBe('app="downward"\ntier="live"');
	});

	it('merges ConfigMap, Secret, downward API and a service account token in a projected volume', async () => {
		expect((await booted.exec('downward', ['cat', '/projected/motd'])).stdout).toBe('welcome\n');
		expect((await booted.exec('downward', ['cat', '/projected/db/user'])).stdout).toBe('admin');
		expect((await booted.exec('downward', ['cat', '/projected/namespace'])).stdout).toBe('default');
		const token = (await booted.exec('downward', ['cat', '/projected/token'])).stdout;
		const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {sub: string; exp: number; iat: number};
		expect(claims.sub).toBe('system:serviceaccount:default:default');
		expect(claims.exp - claims.iat).toBe(3600);
	});

	it('follows an edited ConfigMap in its volume, but not in the environment or a subPath mount', async () => {
		await booted.api.modify('configmaps', 'default', 'app-files', object => {
			object['data'] = {'app.properties': 'color=red\n', 'motd.txt': 'changed\n'};
			return object;
		});
		await booted.api.modify('configmaps', 'default', 'app-config', object => {
			object['data'] = {LOG_LEVEL: 'info', MODE: 'fast'};
			return object;
		});
		await booted.settle();
		expect((await booted.exec('env', ['cat', '/etc/config/app.properties'])).stdout).toBe('color=red\n');
		expect((await booted.exec('downward', ['cat', '/projected/motd'])).stdout).toBe('changed\n');
		expect((await booted.exec('env', ['cat', '/etc/app.properties'])).stdout).toBe('color=blue\nsize=3\n');
		expect((await booted.exec('env', ['sh', '-c', 'echo $LOG_LEVEL'])).stdout).toBe('debug\n');
	});

	it('keeps a container in ContainerCreating with FailedMount while its ConfigMap volume is missing', async () => {
		await booted.createPod('needs-volume', {containers: [{name: 'main', image: 'busybox', command: ['sh', '-c', 'cat /cfg/greeting; sleep 3600'], volumeMounts: [{name: 'cfg', mountPath: '/cfg'}]}], volumes: [{name: 'cfg', configMap: {name: 'greetings'}}]});
		await booted.eventually(() => booted.events('FailedMount', 'needs-volume').length > 0, 'FailedMount');
		expect(String(booted.events('FailedMount', 'needs-volume')[0]!['message'])).toBe('MountVolume.SetUp failed for volume "cfg" : configmap "greetings" not found');
		expect(booted.container('needs-volume')!.state!.waiting!.reason).toBe('ContainerCreating');
		await booted.api.create('configmaps', 'default', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'greetings'}, data: {greeting: 'hi\n'}});
		await booted.eventually(() => booted.container('needs-volume')?.state?.running !== undefined, 'needs-volume running');
		expect(await booted.logs('needs-volume')).toBe('hi\n');
	});

	it('refuses writes to a ConfigMap volume', async () => {
		const result = await booted.exec('env', ['sh', '-c', 'echo x > /etc/config/motd.txt']);
		expect(result.code).not.toBe(0);
		expect(result.stderr).toMatch(/Read-only file system/);
	});

	it('shares an emptyDir between the containers of a pod', async () => {
		expect((await booted.exec('pair', ['cat', '/usr/share/nginx/html/index.html'], 'web')).stdout).toBe('written by the sidecar\n');
	});
});

describe('containers of one pod', () => {
	it('reach each other on localhost', async () => {
		const {stdout, code} = await booted.exec('pair', ['wget', '-qO-', 'http://localhost:80/'], 'writer');
		expect(code).toBe(0);
		expect(stdout).toBe('written by the sidecar\n');
		expect(await booted.logs('pair', {}, 'web')).toMatch(/"GET \/ HTTP\/1\.1" 200 /);
	});

	it('share one hostname and IP', async () => {
		const web = await booted.exec('pair', ['hostname'], 'web');
		const writer = await booted.exec('pair', ['hostname'], 'writer');
		expect(web.stdout).toBe('pair\n');
		expect(writer.stdout).toBe('pair\n');
		expect((await booted.exec('pair', ['cat', '/etc/hosts'], 'writer')).stdout).toContain(`${booted.status('pair').podIP}\tpair`);
	});
});
