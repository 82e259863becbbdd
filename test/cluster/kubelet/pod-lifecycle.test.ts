import {afterEach, describe, expect, it} from 'vitest';
import {bootCluster, type BootedCluster} from '../../helpers/cluster-boot.js';

let booted: BootedCluster | undefined;

afterEach(async () => {
	await booted?.stop();
	booted = undefined;
});

function messages(current: BootedCluster, pod: string): string[] {
	return current
		.events(undefined, pod)
		.sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
		.map(event => `${String(event['reason'])}: ${String(event['message'])}`);
}

describe('a pod on a node', () => {
	it('pulls its image, starts, and reports Running with its IP, host IP, start time and conditions', async () => {
		booted = await bootCluster({nodes: 3});
		const {api} = booted;
		await booted.createPod('hello', {containers: [{name: 'hello', image: 'nginx:1.27'}]});
		await booted.eventually(() => booted!.ready(api.get('pods', 'default', 'hello')), 'hello Ready');

		const pod = api.get('pods', 'default', 'hello');
		const node = api.get('nodes', undefined, (pod['spec'] as {nodeName: string}).nodeName);
		const podCIDR = (node['spec'] as {podCIDR: string}).podCIDR;
		const status = booted.status('hello');
		expect(status.podIP!.startsWith(podCIDR.replace(/0\/24$/, ''))).toBe(true);
		expect(status.hostIP).toBe((node['status'] as {addresses: Array<{type: string; address: string}>}).addresses.find(a => a.type === 'InternalIP')!.address);
		expect(status.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(status.conditions!.map(c => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
		expect(status.containerStatuses![0]).toMatchObject({name: 'hello', ready: true, restartCount: 0, started: true, state: {running: {}}});
		const lines = messages(booted, 'hello');
		expect(lines).toContain(`Scheduled: Successfully assigned default/hello to ${node.metadata.name}`);
		expect(lines.filter(line => !line.startsWith('Scheduled'))).toEqual([
			'Pulling: Pulling image "nginx:1.27"',
			expect.stringMatching(/^Pulled: Successfully pulled image "nginx:1.27" in \d+ms \(\d+ms including waiting\). Image size: [1-9]\d+ bytes.$/),
			'Created: Created container hello',
			'Started: Started container hello',
		]);
	});

	it('finds an image already on the node without pulling it again', async () => {
		booted = await bootCluster({nodes: 2});
		const {api} = booted;
		const node = api.list('nodes', undefined).items.at(-1)!.metadata.name!;
		await booted.createPod('first', {nodeName: node, containers: [{name: 'web', image: 'nginx:1.27'}]});
		await booted.eventually(() => booted!.ready(api.get('pods', 'default', 'first')), 'first Ready');
		await booted.createPod('second', {nodeName: node, containers: [{name: 'web', image: 'nginx:1.27'}]});
		await booted.eventually(() => booted!.ready(api.get('pods', 'default', 'second')), 'second Ready');
		expect(messages(booted, 'second')).toContain('Pulled: Container image "nginx:1.27" already present on machine');
		expect(messages(booted, 'second').some(line => line.startsWith('Pulling'))).toBe(false);
		expect(booted.status('first').podIP).not.toBe(booted.status('second').podIP);
	});

	it('shows ErrImagePull, then ImagePullBackOff, for an image that does not exist', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('typo', {containers: [{name: 'app', image: 'gcr.io/google-samples/kubernetes-bootcamp:v9-typo'}]});
		await booted.eventually(() => booted!.container('typo')?.state?.waiting?.reason === 'ErrImagePull', 'ErrImagePull');
		expect(booted.status('typo').phase).toBe('Pending');
		await booted.eventually(() => booted!.container('typo')?.state?.waiting?.reason === 'ImagePullBackOff', 'ImagePullBackOff');
		expect(booted.container('typo')!.state!.waiting!.message).toBe('Back-off pulling image "gcr.io/google-samples/kubernetes-bootcamp:v9-typo"');
		const lines = messages(booted, 'typo');
		expect(lines).toContainEqual(expect.stringMatching(/^Failed: Failed to pull image "gcr.io\/google-samples\/kubernetes-bootcamp:v9-typo": .*not found/));
		expect(lines).toContain('Failed: Error: ErrImagePull');
		expect(lines).toContain('BackOff: Back-off pulling image "gcr.io/google-samples/kubernetes-bootcamp:v9-typo"');
	});

	it('says InvalidImageName for an image reference that cannot be parsed', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('bad', {containers: [{name: 'app', image: 'Nginx:Latest'}]});
		await booted.eventually(() => booted!.container('bad')?.state?.waiting?.reason === 'InvalidImageName', 'InvalidImageName');
		expect(messages(booted, 'bad')).toContainEqual(expect.stringMatching(/^InspectFailed: /));
	});

	it('restarts a crashing container in CrashLoopBackOff, doubling the back-off up to its cap', async () => {
		booted = await bootCluster({nodes: 2, timings: {backOffInitialSeconds: 1, backOffMaxSeconds: 8}});
		await booted.createPod('crasher', {containers: [{name: 'crasher', image: 'busybox', command: ['sh', '-c', 'echo boom; exit 1']}]});
		const delays: string[] = [];
		await booted.eventually(
			() => {
				const waiting = booted!.container('crasher')?.state?.waiting;
				const delay = waiting?.reason === 'CrashLoopBackOff' ? /^back-off (\S+) restarting failed container=crasher pod=crasher_default\(/.exec(waiting.message ?? '')?.[1] : undefined;
				if (delay && delays.at(-1) !== `${delay}@${booted!.container('crasher')!.restartCount}`) delays.push(`${delay}@${booted!.container('crasher')!.restartCount}`);
				return delays.length >= 6;
			},
			'six back-offs',
			{withinMs: 60_000, stepMs: 100},
		);
		expect(delays.map(entry => entry.split('@')[0])).toEqual(['1s', '2s', '4s', '8s', '8s', '8s']);
		expect(delays.map(entry => Number(entry.split('@')[1]))).toEqual([1, 2, 3, 4, 5, 6]);
		const status = booted.container('crasher')!;
		expect(status.lastState!.terminated).toMatchObject({exitCode: 1, reason: 'Error'});
		expect(booted.status('crasher').phase).toBe('Running');
		expect(booted.status('crasher').conditions!.find(c => c.type === 'Ready')!.status).toBe('False');
		expect(messages(booted, 'crasher')).toContainEqual(expect.stringMatching(/^BackOff: Back-off restarting failed container crasher in pod crasher_default\(/));
		expect(await booted.logs('crasher', {previous: true})).toBe('boom\n');
	});

	it('leaves a pod with restartPolicy Never Failed, and OnFailure restarts until it succeeds', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('never', {restartPolicy: 'Never', containers: [{name: 'main', image: 'busybox', command: ['sh', '-c', 'exit 3']}]});
		// Fails twice, then finds the file its earlier runs left in the pod's emptyDir and succeeds.
		const script = 'n=$(cat /data/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /data/n; echo run $n; [ $n -ge 3 ]';
		await booted.createPod('onfailure', {
			restartPolicy: 'OnFailure',
			volumes: [{name: 'data', emptyDir: {}}],
			containers: [{name: 'main', image: 'busybox', command: ['sh', '-c', script], volumeMounts: [{name: 'data', mountPath: '/data'}]}],
		});
		await booted.eventually(() => booted!.status('never').phase === 'Failed', 'never Failed');
		expect(booted.container('never')).toMatchObject({restartCount: 0, state: {terminated: {exitCode: 3, reason: 'Error'}}});
		await booted.eventually(() => booted!.status('onfailure').phase === 'Succeeded', 'onfailure Succeeded', {withinMs: 30_000});
		expect(booted.container('onfailure')).toMatchObject({restartCount: 2, state: {terminated: {exitCode: 0, reason: 'Completed'}}});
		expect(await booted.logs('onfailure')).toBe('run 3\n');
	});

	it('restarts a container whose image is changed on the pod, with the new image', async () => {
		booted = await bootCluster({nodes: 2});
		const {api, runtime} = booted;
		await booted.createPod('app', {containers: [{name: 'app', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1'}]});
		await booted.eventually(() => booted!.ready(api.get('pods', 'default', 'app')), 'app Ready');
		await api.modify('pods', 'default', 'app', pod => {
			(pod['spec'] as {containers: Array<{image: string}>}).containers[0]!.image = 'jocatalin/kubernetes-bootcamp:v2';
			return pod;
		});
		await booted.eventually(() => booted!.container('app')?.restartCount === 1 && booted!.ready(api.get('pods', 'default', 'app')), 'restarted');
		expect(messages(booted, 'app')).toContain('Killing: Container app definition changed, will be restarted');
		expect(booted.container('app')).toMatchObject({image: 'jocatalin/kubernetes-bootcamp:v2', lastState: {terminated: {exitCode: 143}}});
		const answer = await runtime.proxy('default', 'app', 8080, {method: 'GET', path: '/', headers: {}, body: new Uint8Array()});
		expect(Buffer.from(answer.body).toString()).toBe('Hello Kubernetes bootcamp! | Running on: app | v=2\n');
	});

	it('runs a Job to Complete', async () => {
		booted = await bootCluster({nodes: 2});
		const {api} = booted;
		await api.create('jobs', 'default', {
			apiVersion: 'batch/v1',
			kind: 'Job',
			metadata: {name: 'once'},
			spec: {template: {spec: {restartPolicy: 'Never', containers: [{name: 'once', image: 'busybox', command: ['sh', '-c', 'echo job-done']}]}}},
		});
		const complete = () => ((api.get('jobs', 'default', 'once')['status'] as {conditions?: Array<{type: string; status: string}>}).conditions ?? []).some(c => c.type === 'Complete' && c.status === 'True');
		await booted.eventually(complete, 'job Complete');
		expect(api.get('jobs', 'default', 'once')['status']).toMatchObject({succeeded: 1});
		const pod = booted.pods('job-name=once')[0]!;
		expect(booted.status(pod.metadata.name!).phase).toBe('Succeeded');
		expect(await booted.logs(pod.metadata.name!)).toBe('job-done\n');
	});

	it('runs init containers first, one after another, and the app after them', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('init', {
			volumes: [{name: 'work', emptyDir: {}}],
			initContainers: [
				{name: 'first', image: 'busybox', command: ['sh', '-c', 'echo first >> /work/order'], volumeMounts: [{name: 'work', mountPath: '/work'}]},
				{name: 'second', image: 'busybox', command: ['sh', '-c', 'sleep 5; echo second >> /work/order'], volumeMounts: [{name: 'work', mountPath: '/work'}]},
			],
			containers: [{name: 'app', image: 'busybox', command: ['sh', '-c', 'echo app >> /work/order; cat /work/order; sleep 3600'], volumeMounts: [{name: 'work', mountPath: '/work'}]}],
		});
		await booted.eventually(() => booted!.status('init').initContainerStatuses?.[1]?.state?.running !== undefined, 'second init running');
		const initializing = booted.status('init');
		expect(initializing.phase).toBe('Pending');
		expect(initializing.initContainerStatuses![0]!.state!.terminated).toMatchObject({exitCode: 0, reason: 'Completed'});
		expect(initializing.containerStatuses![0]!.state!.waiting!.reason).toBe('PodInitializing');
		expect(initializing.conditions!.find(c => c.type === 'Initialized')).toMatchObject({status: 'False', reason: 'ContainersNotInitialized'});

		await booted.eventually(() => booted!.status('init').phase === 'Running', 'init Running');
		expect(booted.status('init').conditions!.find(c => c.type === 'Initialized')!.status).toBe('True');
		expect(await booted.logs('init')).toBe('first\nsecond\napp\n');
		expect(await booted.logs('init', {}, 'first')).toBe('');
	});

	it('starts a sidecar (an init container that always restarts) before the app and keeps it running beside it', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('with-sidecar', {
			volumes: [{name: 'logs', emptyDir: {}}],
			initContainers: [
				{name: 'shipper', image: 'busybox', restartPolicy: 'Always', command: ['sh', '-c', 'echo shipper up >> /logs/order; sleep 3600'], volumeMounts: [{name: 'logs', mountPath: '/logs'}]},
				{name: 'migrate', image: 'busybox', command: ['sh', '-c', 'echo migrated >> /logs/order'], volumeMounts: [{name: 'logs', mountPath: '/logs'}]},
			],
			containers: [{name: 'app', image: 'nginx', volumeMounts: [{name: 'logs', mountPath: '/logs'}]}],
		});
		await booted.eventually(() => booted!.ready(booted!.api.get('pods', 'default', 'with-sidecar')), 'Ready');
		const status = booted.status('with-sidecar');
		expect(status.initContainerStatuses!.map(s => [s.name, Object.keys(s.state!)[0], s.ready])).toEqual([
			['shipper', 'running', true],
			['migrate', 'terminated', false],
		]);
		// Started means started, not done with its first lines: the two may write in either order.
		expect((await booted.exec('with-sidecar', ['cat', '/logs/order'], 'app')).stdout.split('\n').sort()).toEqual(['', 'migrated', 'shipper up']);
	});

	it('stops a Job pod’s sidecar once the app container is done, so the Job completes', async () => {
		booted = await bootCluster({nodes: 2});
		const {api} = booted;
		await api.create('jobs', 'default', {
			apiVersion: 'batch/v1',
			kind: 'Job',
			metadata: {name: 'report'},
			spec: {
				template: {
					spec: {
						restartPolicy: 'Never',
						initContainers: [{name: 'proxy', image: 'nginx', restartPolicy: 'Always'}],
						containers: [{name: 'report', image: 'busybox', command: ['sh', '-c', 'wget -qO- http://localhost/ >/dev/null && echo fetched']}],
					},
				},
			},
		});
		const complete = () => ((api.get('jobs', 'default', 'report')['status'] as {conditions?: Array<{type: string; status: string}>}).conditions ?? []).some(c => c.type === 'Complete' && c.status === 'True');
		await booted.eventually(complete, 'report Complete');
		const pod = booted.pods('job-name=report')[0]!.metadata.name!;
		expect(await booted.logs(pod, {}, 'report')).toBe('fetched\n');
		await booted.eventually(() => booted!.status(pod).initContainerStatuses?.[0]?.state?.terminated !== undefined, 'the sidecar stopped');
		expect(booted.status(pod).phase).toBe('Succeeded');
	});

	it('fails a pod whose init container fails under restartPolicy Never', async () => {
		booted = await bootCluster({nodes: 2});
		await booted.createPod('init-fails', {
			restartPolicy: 'Never',
			initContainers: [{name: 'setup', image: 'busybox', command: ['sh', '-c', 'echo no database; exit 2']}],
			containers: [{name: 'app', image: 'nginx'}],
		});
		await booted.eventually(() => booted!.status('init-fails').phase === 'Failed', 'init-fails Failed');
		expect(booted.status('init-fails').initContainerStatuses![0]!.state!.terminated).toMatchObject({exitCode: 2, reason: 'Error'});
		expect(booted.container('init-fails')!.state!.waiting!.reason).toBe('PodInitializing');
	});

	it('stops a deleted pod gracefully: Terminating, Killing, then gone', async () => {
		booted = await bootCluster({nodes: 2});
		const {api} = booted;
		await booted.createPod('polite', {containers: [{name: 'web', image: 'nginx'}]});
		await booted.createPod('stubborn', {
			terminationGracePeriodSeconds: 5,
			containers: [{name: 'sh', image: 'busybox', command: ['sh', '-c', 'trap "" TERM; while true; do sleep 1; done']}],
		});
		await booted.eventually(() => booted!.live().filter(booted!.ready).length === 2, 'both Ready');

		await api.delete('pods', 'default', 'polite');
		await api.delete('pods', 'default', 'stubborn');
		expect(api.get('pods', 'default', 'stubborn').metadata.deletionTimestamp).toBeDefined();
		await booted.eventually(() => !api.tryGet('pods', 'default', 'polite'), 'polite gone', {withinMs: 0});
		expect(messages(booted, 'polite')).toContain('Killing: Stopping container web');

		// It ignores TERM, so it stays Terminating until its grace period is over.
		await booted.pass(4000);
		expect(api.tryGet('pods', 'default', 'stubborn')).toBeDefined();
		await booted.eventually(() => !api.tryGet('pods', 'default', 'stubborn'), 'stubborn gone', {withinMs: 2000});
	});
});
