import {afterEach, describe, expect, it} from 'vitest';
import {deploymentObject, isRunningAndReady, startTestCluster, type TestCluster} from '../../helpers/cluster-test-cluster.js';

const alphabet = '[bcdfghjklmnpqrstvwxz2456789]';
let cluster: TestCluster | undefined;

afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

describe('deployment controller', () => {
	it('creates a ReplicaSet <deployment>-<hash> whose pods are <rs>-<5 chars>, all Running', async () => {
		cluster = await startTestCluster({nodes: 3});
		const {api} = cluster;
		await api.create('deployments', 'default', deploymentObject('web', 'nginx:1.25', 3));
		await cluster.eventually(() => cluster!.pods('app=web').filter(isRunningAndReady).length === 3, '3 running pods');
		const sets = api.list('replicasets', 'default').items;
		expect(sets).toHaveLength(1);
		const rs = sets[0]!;
		expect(rs.metadata.name).toMatch(new RegExp(`^web-${alphabet}{6,10}$`));
		expect(rs.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
		for (const pod of cluster.pods('app=web')) expect(pod.metadata.name).toMatch(new RegExp(`^${rs.metadata.name}-${alphabet}{5}$`));
		const d = api.get('deployments', 'default', 'web');
		expect(d.status).toMatchObject({replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1});
		expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
	});
});

type Bounds = {maxTotal: number; minAvailable: number};

/** Watches every pod event of app=NAME and records the worst counts seen. */
function watchBounds(current: TestCluster, app: string): {worst: {total: number; available: number}; stop(): void} {
	const live = new Map<string, import('../../../source/cluster/api/object.js').KubeObject>();
	for (const pod of current.pods(`app=${app}`)) live.set(pod.metadata.name!, pod);
	const worst = {total: 0, available: Number.POSITIVE_INFINITY};
	const check = () => {
		const pods = [...live.values()].filter(pod => !pod.metadata.deletionTimestamp);
		worst.total = Math.max(worst.total, pods.length);
		worst.available = Math.min(worst.available, pods.filter(isRunningAndReady).length);
	};
	check();
	const watch = current.api.watch('pods', 'default', {labelSelector: `app=${app}`, resourceVersion: current.api.list('pods', 'default').resourceVersion}, events => {
		for (const event of events) {
			if (event.type === 'DELETED') live.delete(event.object.metadata.name!);
			else live.set(event.object.metadata.name!, event.object);
			check();
		}
	});
	return {worst, stop: () => watch.stop()};
}

async function setImage(current: TestCluster, name: string, image: string): Promise<void> {
	await current.api.modify('deployments', 'default', name, d => {
		const containers = (d['spec'] as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers;
		containers[0]!.image = image;
		return d;
	});
}

function images(current: TestCluster, app: string): string[] {
	const found = new Set<string>();
	for (const pod of current.pods(`app=${app}`)) if (!pod.metadata.deletionTimestamp) found.add((pod['spec'] as {containers: Array<{image: string}>}).containers[0]!.image);
	return [...found].sort();
}

function rolledOut(current: TestCluster, name: string): boolean {
	const d = current.api.get('deployments', 'default', name);
	const status = d['status'] as {observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number};
	const replicas = (d['spec'] as {replicas: number}).replicas;
	return (
		(status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
		status.updatedReplicas === replicas &&
		status.replicas === replicas &&
		status.availableReplicas === replicas
	);
}

describe('rolling updates', () => {
	for (const [strategy, bounds] of [
		[{}, {maxTotal: 13, minAvailable: 8}],
		[{type: 'RollingUpdate', rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}, {maxTotal: 11, minAvailable: 10}],
		[{type: 'RollingUpdate', rollingUpdate: {maxSurge: 0, maxUnavailable: 3}}, {maxTotal: 10, minAvailable: 7}],
	] as Array<[unknown, Bounds]>) {
		it(`stays within surge and unavailability at every step (${JSON.stringify(strategy)})`, async () => {
			cluster = await startTestCluster({nodes: 3});
			await cluster.api.create('deployments', 'default', deploymentObject('web', 'nginx:1.25', 10, {strategy}));
			await cluster.eventually(() => rolledOut(cluster!, 'web'), 'first rollout');
			const watch = watchBounds(cluster, 'web');
			await setImage(cluster, 'web', 'nginx:1.27');
			await cluster.eventually(() => rolledOut(cluster!, 'web') && images(cluster!, 'web').join() === 'nginx:1.27', 'rollout to 1.27');
			watch.stop();
			expect(watch.worst.total).toBeLessThanOrEqual(bounds.maxTotal);
			expect(watch.worst.available).toBeGreaterThanOrEqual(bounds.minAvailable);
			expect(cluster.api.list('replicasets', 'default').items).toHaveLength(2);
			const d = cluster.api.get('deployments', 'default', 'web');
			const progressing = (d['status'] as {conditions: Array<{type: string; reason: string; message: string}>}).conditions.find(c => c.type === 'Progressing')!;
			expect(progressing.reason).toBe('NewReplicaSetAvailable');
			expect(progressing.message).toMatch(/^ReplicaSet "web-\w+" has successfully progressed\.$/);
		});
	}

	it('rollout undo reuses the old ReplicaSet and renumbers its revision to 3', async () => {
		cluster = await startTestCluster({nodes: 3});
		const {api} = cluster;
		await api.create('deployments', 'default', deploymentObject('web', 'nginx:1.25', 4));
		await cluster.eventually(() => rolledOut(cluster!, 'web'), 'first rollout');
		const first = api.list('replicasets', 'default').items[0]!;
		await setImage(cluster, 'web', 'nginx:1.27');
		await cluster.eventually(() => rolledOut(cluster!, 'web') && images(cluster!, 'web').join() === 'nginx:1.27', 'rollout to 1.27');
		// What `kubectl rollout undo` sends: the old ReplicaSet's template without its hash label.
		const template = structuredClone(api.get('replicasets', 'default', first.metadata.name!)['spec'] as {template: {metadata: {labels: Record<string, string>}}}).template;
		delete template.metadata.labels['pod-template-hash'];
		await api.modify('deployments', 'default', 'web', d => {
			(d['spec'] as {template: unknown}).template = template;
			return d;
		});
		await cluster.eventually(() => rolledOut(cluster!, 'web') && images(cluster!, 'web').join() === 'nginx:1.25', 'rollback to 1.25');
		const sets = api.list('replicasets', 'default').items;
		expect(sets).toHaveLength(2);
		const reused = api.get('replicasets', 'default', first.metadata.name!);
		expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
		expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
		expect(api.get('deployments', 'default', 'web').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
		const scaling = cluster.events('ScalingReplicaSet').map(event => event['message']);
		expect(scaling).toContain(`Scaled up replica set ${first.metadata.name} from 0 to 4`);
	});
});

describe('scaling and self-healing', () => {
	it('scales to 60 spread over the nodes, back down to 5, and replaces a deleted pod', async () => {
		cluster = await startTestCluster({nodes: 4});
		const {api} = cluster;
		await api.create('deployments', 'default', deploymentObject('web', 'nginx:1.25', 3));
		await cluster.eventually(() => rolledOut(cluster!, 'web'), 'three replicas');
		await api.modify('deployments', 'default', 'web', d => ({...d, spec: {...(d['spec'] as object), replicas: 60}}));
		await cluster.eventually(() => rolledOut(cluster!, 'web'), 'sixty replicas');
		const running = cluster.pods('app=web').filter(isRunningAndReady);
		expect(running).toHaveLength(60);
		const perNode = new Map<string, number>();
		for (const pod of running) {
			const node = (pod['spec'] as {nodeName: string}).nodeName;
			perNode.set(node, (perNode.get(node) ?? 0) + 1);
		}
		expect(perNode.size).toBe(4);
		for (const count of perNode.values()) expect(count).toBe(15);

		await api.modify('deployments', 'default', 'web', d => ({...d, spec: {...(d['spec'] as object), replicas: 5}}));
		await cluster.eventually(() => rolledOut(cluster!, 'web') && cluster!.pods('app=web').length === 5, 'five replicas');

		const victim = cluster.pods('app=web')[0]!;
		await api.delete('pods', 'default', victim.metadata.name!);
		await cluster.eventually(
			() => cluster!.pods('app=web').filter(isRunningAndReady).length === 5 && !cluster!.pods('app=web').some(pod => pod.metadata.name === victim.metadata.name),
			'replacement pod',
		);
		const created = cluster.events('SuccessfulCreate');
		expect(created[0]!['source']).toEqual({component: 'replicaset-controller'});
		expect(created.some(event => /^Created pod: web-\w+-\w{5}$/.test(String(event['message'])))).toBe(true);
	});

	it('deleting a deployment removes its ReplicaSets and pods', async () => {
		cluster = await startTestCluster({nodes: 2});
		const {api} = cluster;
		await api.create('deployments', 'default', deploymentObject('web', 'nginx:1.25', 4));
		await cluster.eventually(() => rolledOut(cluster!, 'web'), 'four replicas');
		await api.delete('deployments', 'default', 'web', {propagationPolicy: 'Background'});
		await cluster.eventually(() => api.list('replicasets', 'default').items.length === 0 && cluster!.pods('app=web').length === 0, 'everything gone');
	});
});

function condition(current: TestCluster, name: string, type: string): {status: string; reason: string; message: string} | undefined {
	const conditions = (current.api.get('deployments', 'default', name)['status'] as {conditions?: Array<{type: string; status: string; reason: string; message: string}>}).conditions;
	return conditions?.find(c => c.type === type);
}

describe('deployment strategies and history', () => {
	it('Recreate removes every old pod before the first new one', async () => {
		cluster = await startTestCluster({nodes: 2});
		await cluster.api.create('deployments', 'default', deploymentObject('db', 'postgres:15', 3, {strategy: {type: 'Recreate'}}));
		await cluster.eventually(() => rolledOut(cluster!, 'db'), 'first rollout');
		let mixed = false;
		const watch = cluster.api.watch('pods', 'default', {resourceVersion: cluster.api.list('pods', 'default').resourceVersion}, () => {
			if (images(cluster!, 'db').length > 1) mixed = true;
		});
		await setImage(cluster, 'db', 'postgres:16');
		await cluster.eventually(() => rolledOut(cluster!, 'db') && images(cluster!, 'db').join() === 'postgres:16', 'recreated');
		watch.stop();
		expect(mixed).toBe(false);
	});

	it('keeps revisionHistoryLimit old ReplicaSets', async () => {
		cluster = await startTestCluster({nodes: 2});
		const d = deploymentObject('web', 'nginx:1.20', 1);
		(d['spec'] as {revisionHistoryLimit: number}).revisionHistoryLimit = 2;
		await cluster.api.create('deployments', 'default', d);
		await cluster.eventually(() => rolledOut(cluster!, 'web'), 'first rollout');
		for (const tag of ['1.21', '1.22', '1.23', '1.24']) {
			await setImage(cluster, 'web', `nginx:${tag}`);
			await cluster.eventually(() => rolledOut(cluster!, 'web') && images(cluster!, 'web').join() === `nginx:${tag}`, `rollout ${tag}`);
		}
		await cluster.settle();
		const revisions = cluster.api
			.list('replicasets', 'default')
			.items.map(set => Number(set.metadata.annotations?.['deployment.kubernetes.io/revision']))
			.sort((a, b) => a - b);
		expect(revisions).toEqual([3, 4, 5]);
	});

	it('a paused deployment scales but does not roll out until resumed', async () => {
		cluster = await startTestCluster({nodes: 2});
		const {api} = cluster;
		await api.create('deployments', 'default', deploymentObject('web', 'nginx:1.25', 2));
		await cluster.eventually(() => rolledOut(cluster!, 'web'), 'first rollout');
		await api.modify('deployments', 'default', 'web', d => ({...d, spec: {...(d['spec'] as object), paused: true}}));
		await setImage(cluster, 'web', 'nginx:1.27');
		await api.modify('deployments', 'default', 'web', d => ({...d, spec: {...(d['spec'] as object), replicas: 4}}));
		await cluster.eventually(() => cluster!.pods('app=web').filter(isRunningAndReady).length === 4, 'scaled while paused');
		expect(images(cluster, 'web')).toEqual(['nginx:1.25']);
		expect(condition(cluster, 'web', 'Progressing')).toMatchObject({status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused'});
		await api.modify('deployments', 'default', 'web', d => ({...d, spec: {...(d['spec'] as object), paused: false}}));
		await cluster.eventually(() => rolledOut(cluster!, 'web') && images(cluster!, 'web').join() === 'nginx:1.27', 'rolled out after resume');
	});

	it('reports ProgressDeadlineExceeded when new pods never become ready', async () => {
		cluster = await startTestCluster({nodes: 2, kubelet: {outcome: pod => ((pod['spec'] as {containers: Array<{image: string}>}).containers[0]!.image === 'nginx:bad' ? 'unready' : 'ready')}});
		const {api} = cluster;
		const d = deploymentObject('web', 'nginx:1.25', 2);
		(d['spec'] as {progressDeadlineSeconds: number}).progressDeadlineSeconds = 30;
		await api.create('deployments', 'default', d);
		await cluster.eventually(() => rolledOut(cluster!, 'web'), 'first rollout');
		expect(condition(cluster, 'web', 'Available')).toMatchObject({status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.'});
		await setImage(cluster, 'web', 'nginx:bad');
		await cluster.eventually(() => condition(cluster!, 'web', 'Progressing')?.reason === 'ProgressDeadlineExceeded', 'deadline exceeded', {withinMs: 60_000, stepMs: 2000});
		expect(condition(cluster, 'web', 'Progressing')!.message).toMatch(/^ReplicaSet "web-\w+" has timed out progressing\.$/);
		// The old pods keep serving: never below minimum availability.
		expect(cluster.pods('app=web').filter(pod => isRunningAndReady(pod)).length).toBeGreaterThanOrEqual(1);
	});
});

describe('proportional scaling', () => {
	it('scaling in the middle of a stuck rollout grows both ReplicaSets in proportion', async () => {
		cluster = await startTestCluster({nodes: 3, kubelet: {outcome: pod => ((pod['spec'] as {containers: Array<{image: string}>}).containers[0]!.image === 'nginx:bad' ? 'unready' : 'ready')}});
		const {api} = cluster;
		await api.create('deployments', 'default', deploymentObject('web', 'nginx:1.25', 10));
		await cluster.eventually(() => rolledOut(cluster!, 'web'), 'first rollout');
		await setImage(cluster, 'web', 'nginx:bad');
		await cluster.settle();
		const sizes = () =>
			api
				.list('replicasets', 'default')
				.items.map(set => [(set['spec'] as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers[0]!.image, (set['spec'] as {replicas: number}).replicas] as const)
				.sort();
		// 25%: surge 3, unavailable 2: the old set goes down to 8, the new one up to 5, and there it stays.
		expect(sizes()).toEqual([
			['nginx:1.25', 8],
			['nginx:bad', 5],
		]);
		await api.modify('deployments', 'default', 'web', d => ({...d, spec: {...(d['spec'] as object), replicas: 20}}));
		await cluster.settle();
		const scaled = sizes();
		const total = scaled.reduce((sum, [, replicas]) => sum + replicas, 0);
		expect(total).toBe(25);
		expect(scaled[0]![1]).toBeGreaterThan(8);
		expect(scaled[1]![1]).toBeGreaterThan(5);
		const events = cluster.events('ScalingReplicaSet').map(event => String(event['message']));
		expect(events.some(message => /^Scaled up replica set web-\w+ from 8 to \d+$/.test(message))).toBe(true);
	});
});

describe('scale', () => {
	it('brings up a thousand replicas, more than one burst, evenly over ten nodes', async () => {
		cluster = await startTestCluster({nodes: 10});
		const {api} = cluster;
		await api.create('deployments', 'default', deploymentObject('big', 'nginx', 1000));
		await cluster.eventually(() => rolledOut(cluster!, 'big'), 'a thousand ready');
		const perNode = new Map<string, number>();
		for (const pod of cluster.pods('app=big')) {
			const node = (pod['spec'] as {nodeName: string}).nodeName;
			perNode.set(node, (perNode.get(node) ?? 0) + 1);
		}
		expect(cluster.pods('app=big')).toHaveLength(1000);
		expect(perNode.size).toBe(10);
		expect(Math.max(...perNode.values()) - Math.min(...perNode.values())).toBeLessThanOrEqual(2);
		expect(api.list('replicasets', 'default').items[0]!['status']).toMatchObject({replicas: 1000, readyReplicas: 1000, availableReplicas: 1000});
	});
});
