import type {KubeObject} from '../../source/cluster/api/object.js';
import {createRegistry} from '../../source/cluster/api/registry.js';
import {timestamp} from '../../source/cluster/clock.js';
import {compressedTimings, type Timings} from '../../source/cluster/cluster-types.js';
import {startControllers, type RunningControllers} from '../../source/cluster/controllers/index.js';
import {MemoryBackend} from '../../source/cluster/store/memory.js';
import {FakeClock} from './cluster-fake-clock.js';
import {FakeKubelet, type FakeKubeletOptions} from './cluster-fake-kubelet.js';

export type TestNode = {
	name: string;
	cpu?: string;
	memory?: string;
	pods?: string;
	labels?: Record<string, string>;
	taints?: Array<{key: string; value?: string; effect: string}>;
	unschedulable?: boolean;
	ready?: boolean;
};

export type TestClusterOptions = {
	/** A count of plain workers (`node-1`...), or the nodes themselves. Default 3. */
	nodes?: number | TestNode[];
	/** Controllers left out, by name (see controllerNames). */
	disable?: string[];
	timings?: Partial<Timings>;
	/** false: no kubelet at all (pods stay Pending after binding). */
	kubelet?: FakeKubeletOptions | false;
};

export type TestCluster = Awaited<ReturnType<typeof startTestCluster>>;

export function nodeObject(node: TestNode, now: number): KubeObject {
	const at = timestamp(now);
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {name: node.name, labels: {'kubernetes.io/hostname': node.name, 'kubernetes.io/os': 'linux', ...node.labels}},
		spec: {...(node.taints ? {taints: node.taints} : {}), ...(node.unschedulable ? {unschedulable: true} : {})},
		status: {
			capacity: {cpu: node.cpu ?? '4', memory: node.memory ?? '8Gi', pods: node.pods ?? '110'},
			allocatable: {cpu: node.cpu ?? '4', memory: node.memory ?? '8Gi', pods: node.pods ?? '110'},
			conditions: [
				{type: 'Ready', status: node.ready === false ? 'False' : 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: at, lastTransitionTime: at},
			],
		},
	};
}

/**
 * A cluster for controller tests: the real registry over the memory store, every controller and the scheduler,
 * a fake kubelet, and a fake clock that moves only when the test says so.
 */
export async function startTestCluster(options: TestClusterOptions = {}) {
	const clock = new FakeClock();
	const timings: Timings = {...compressedTimings, ...options.timings};
	const store = new MemoryBackend();
	const api = createRegistry(store, {clock, defaultTolerationSeconds: timings.defaultTolerationSeconds});
	for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
		await api.create('namespaces', undefined, {apiVersion: 'v1', kind: 'Namespace', metadata: {name}});
	const nodes: TestNode[] =
		typeof options.nodes === 'object' ? options.nodes : Array.from({length: options.nodes ?? 3}, (_, index) => ({name: `node-${index + 1}`}));
	for (const node of nodes) await api.create('nodes', undefined, nodeObject(node, clock.now()));
	const kubelet = options.kubelet === false ? undefined : new FakeKubelet(api, clock, timings, options.kubelet);
	kubelet?.start();
	/** Failed syncs (retried by the controllers): for a test to look at when something does not converge. */
	const errors: Array<{controller: string; key: string; error: unknown}> = [];
	const controllers: RunningControllers = startControllers({
		api,
		clock,
		timings,
		disable: options.disable,
		onError: (controller, key, error) => errors.push({controller, key, error}),
	});

	/** Lets every queued write, watch delivery and controller sync run until the store stops changing. */
	async function settle(maxTurns = 20_000): Promise<void> {
		let last = store.currentRevision();
		let quiet = 0;
		for (let turn = 0; turn < maxTurns; turn++) {
			await new Promise(resolve => setImmediate(resolve));
			const now = store.currentRevision();
			if (now !== last) {
				last = now;
				quiet = 0;
			} else if (++quiet >= 25) return;
		}
		throw new Error('the cluster kept changing');
	}

	/**
	 * Settles, then checks; while the check fails, moves the clock on by stepMs (up to withinMs of cluster time)
	 * and settles again. Throws with `what` when it never holds.
	 */
	async function eventually(check: () => boolean, what: string, {withinMs = 0, stepMs = 250}: {withinMs?: number; stepMs?: number} = {}): Promise<void> {
		await settle();
		let waited = 0;
		while (!check()) {
			if (waited >= withinMs) throw new Error(`never happened: ${what}`);
			clock.advance(stepMs);
			waited += stepMs;
			await settle();
		}
	}

	function pods(selector?: string): KubeObject[] {
		return api.list('pods', 'default', {labelSelector: selector}).items;
	}

	function events(reason?: string): KubeObject[] {
		return api.list('events', undefined).items.filter(event => !reason || event['reason'] === reason);
	}

	async function stop(): Promise<void> {
		if (process.env['KUBEDECK_TEST_ERRORS']) for (const {controller, key, error} of errors) console.error(controller, key, error);
		controllers.stop();
		kubelet?.stop();
		await controllers.recorder.flush();
		await store.close();
	}

	return {api, clock, store, timings, controllers, kubelet, errors, settle, eventually, pods, events, stop};
}

/** A Deployment as `kubectl create deployment NAME --image=IMAGE --replicas=N` sends it. */
export function deploymentObject(name: string, image: string, replicas: number, extra: {strategy?: unknown; podSpec?: Record<string, unknown>} = {}): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, labels: {app: name}},
		spec: {
			replicas,
			selector: {matchLabels: {app: name}},
			strategy: extra.strategy ?? {},
			template: {
				metadata: {labels: {app: name}},
				spec: {containers: [{name: image.split(/[:/]/).at(-2) ?? 'app', image, resources: {}}], ...extra.podSpec},
			},
		},
	};
}

export function isRunningAndReady(pod: KubeObject): boolean {
	const status = pod['status'] as {phase?: string; conditions?: Array<{type: string; status: string}>} | undefined;
	return !pod.metadata.deletionTimestamp && status?.phase === 'Running' && Boolean(status.conditions?.some(c => c.type === 'Ready' && c.status === 'True'));
}
