import http from 'node:http';
import type {KubeObject} from '../../source/cluster/api/object.js';
import {createCluster} from '../../source/cluster/cluster.js';
import type {Cluster, ClusterConfig, PodRuntime} from '../../source/cluster/cluster-types.js';
import {FakeClock} from './cluster-fake-clock.js';

export type BootOptions = Pick<ClusterConfig, 'nodes' | 'timings' | 'ingressPort' | 'serviceListeners'>;

export type BootedCluster = Awaited<ReturnType<typeof bootCluster>>;

type Condition = {type: string; status: string; reason?: string; message?: string};
type ContainerState = {waiting?: {reason?: string; message?: string}; running?: {startedAt?: string}; terminated?: {exitCode: number; reason?: string; startedAt?: string; finishedAt?: string}};
export type ContainerStatusView = {name: string; ready: boolean; restartCount: number; state?: ContainerState; lastState?: ContainerState};
export type PodStatusView = {
	phase?: string;
	podIP?: string;
	hostIP?: string;
	startTime?: string;
	conditions?: Condition[];
	containerStatuses?: ContainerStatusView[];
	initContainerStatuses?: ContainerStatusView[];
};

/** A plain HTTP answer from a listener on 127.0.0.1, or the socket error's code when there was none. */
export type HttpAnswer = {status: number; body: string; headers: http.IncomingHttpHeaders} | {error: string};

/** One request on its own connection, so each one is balanced afresh. */
export function httpGet(host: string, port: number, path = '/', headers: Record<string, string> = {}): Promise<HttpAnswer> {
	return new Promise(resolve => {
		const request = http.get({host, port, path, headers, agent: false, timeout: 5000}, response => {
			const chunks: Buffer[] = [];
			response.on('data', chunk => chunks.push(chunk as Buffer));
			response.on('end', () => resolve({status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers}));
			response.on('error', error => resolve({error: (error as NodeJS.ErrnoException).code ?? error.message}));
		});
		request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), {code: 'ETIMEDOUT'})));
		request.on('error', error => resolve({error: (error as NodeJS.ErrnoException).code ?? error.message}));
	});
}

export function bodyOf(answer: HttpAnswer): string | undefined {
	return 'body' in answer ? answer.body : undefined;
}

/**
 * A loopback address of its own for each test cluster (Linux routes all of 127/8 to loopback), so node ports that
 * clusters in other test processes happen to pick never collide with this one's.
 */
function loopbackAddress(): string {
	const octet = () => 1 + Math.floor(Math.random() * 254);
	return `127.${octet()}.${octet()}.${octet()}`;
}

/**
 * The real embedded cluster (store, registry, controllers, kubelets over the built-in runtime, service network)
 * on a fake clock, with helpers that let the cluster settle and move time on only while a condition waits.
 */
export async function bootCluster(options: BootOptions = {}) {
	const clock = new FakeClock();
	const address = loopbackAddress();
	const cluster: Cluster = await createCluster({
		nodes: options.nodes ?? 3,
		serviceListeners: options.serviceListeners ?? true,
		ingressPort: options.ingressPort,
		timings: options.timings,
		clock,
		bindAddress: address,
	});
	const {api, runtime} = cluster;

	/** Lets queued writes, watch deliveries, controller syncs and programs run until the store stops changing. */
	async function settle(maxTurns = 20_000): Promise<void> {
		let last = api.resourceVersion();
		let quiet = 0;
		for (let turn = 0; turn < maxTurns; turn++) {
			await new Promise(resolve => setImmediate(resolve));
			const now = api.resourceVersion();
			if (now !== last) {
				last = now;
				quiet = 0;
			} else if (++quiet >= 25) return;
		}
		throw new Error('the cluster kept changing');
	}

	/**
	 * Settles, then checks; while the check fails, moves the clock on by stepMs (up to withinMs of cluster time) and
	 * settles again. Throws with `what` when it never holds.
	 */
	async function eventually(check: () => boolean | Promise<boolean>, what: string, {withinMs = 10_000, stepMs = 250}: {withinMs?: number; stepMs?: number} = {}): Promise<void> {
		await settle();
		let waited = 0;
		while (!(await check())) {
			if (waited >= withinMs) throw new Error(`never happened within ${withinMs} ms of cluster time: ${what}`);
			clock.advance(stepMs);
			waited += stepMs;
			await settle();
		}
	}

	/** Moves cluster time on in steps, settling after each, so every timer on the way fires with the cluster caught up. */
	async function pass(ms: number, stepMs = 250): Promise<void> {
		for (let left = ms; left > 0; left -= stepMs) {
			clock.advance(Math.min(stepMs, left));
			await settle();
		}
	}

	function pods(selector?: string, namespace = 'default'): KubeObject[] {
		return api.list('pods', namespace, {labelSelector: selector}).items;
	}

	function live(selector?: string): KubeObject[] {
		return pods(selector).filter(pod => !pod.metadata.deletionTimestamp);
	}

	function status(name: string, namespace = 'default'): PodStatusView {
		return (api.tryGet('pods', namespace, name)?.['status'] ?? {}) as PodStatusView;
	}

	function container(name: string, index = 0): ContainerStatusView | undefined {
		return status(name).containerStatuses?.[index];
	}

	function ready(pod: KubeObject): boolean {
		const view = (pod['status'] ?? {}) as PodStatusView;
		return !pod.metadata.deletionTimestamp && view.phase === 'Running' && Boolean(view.conditions?.some(c => c.type === 'Ready' && c.status === 'True'));
	}

	function events(reason?: string, object?: string): KubeObject[] {
		return api
			.list('events', undefined)
			.items.filter(event => (!reason || event['reason'] === reason) && (!object || (event['involvedObject'] as {name?: string}).name === object));
	}

	/** What `kubectl logs` prints. */
	async function logs(pod: string, options: Parameters<PodRuntime['logs']>[3] = {}, container?: string): Promise<string> {
		let text = '';
		const stream = await runtime.logs('default', pod, container, options, data => (text += data));
		if (!options.follow) await stream.done;
		else stream.stop();
		return text;
	}

	/** What `kubectl exec POD -- COMMAND` prints, and its exit code. */
	async function exec(pod: string, command: string[], container?: string): Promise<{stdout: string; stderr: string; code: number}> {
		let stdout = '';
		let stderr = '';
		const session = await runtime.exec('default', pod, container, command, {tty: false, stdin: false, onStdout: data => (stdout += data), onStderr: data => (stderr += data)});
		session.closeStdin();
		let code: number | undefined;
		void session.exitCode.then(value => (code = value));
		await eventually(() => code !== undefined, `exec ${command.join(' ')} in ${pod} to finish`);
		return {stdout, stderr, code: code!};
	}

	/** A Pod as `kubectl run` or a manifest sends it. */
	async function createPod(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {run: name}): Promise<KubeObject> {
		return api.create('pods', 'default', {apiVersion: 'v1', kind: 'Pod', metadata: {name, labels}, spec});
	}

	async function setPower(node: string, power: 'on' | 'off'): Promise<void> {
		await api.modify('nodes', undefined, node, object => {
			object.metadata.annotations = {...object.metadata.annotations, 'kubedeck.io/power': power};
			return object;
		});
	}

	function nodeReady(node: string): string | undefined {
		const conditions = ((api.get('nodes', undefined, node)['status'] as {conditions?: Condition[]}).conditions ?? []);
		return conditions.find(condition => condition.type === 'Ready')?.status;
	}

	/** A GET from outside the cluster to one of its listeners (NodePort, LoadBalancer, Ingress). */
	function get(port: number, path = '/', headers: Record<string, string> = {}): Promise<HttpAnswer> {
		return httpGet(address, port, path, headers);
	}

	async function stop(): Promise<void> {
		await cluster.stop();
	}

	await cluster.ready();
	await settle();
	return {cluster, api, runtime, clock, address, get, settle, eventually, pass, pods, live, status, container, ready, events, logs, exec, createPod, setPower, nodeReady, stop};
}

/** A Deployment as `kubectl create deployment NAME --image=IMAGE --replicas=N` sends it. */
export function deployment(name: string, image: string, replicas: number, podSpec: Record<string, unknown> = {}): KubeObject {
	const containerName = image.split('/').at(-1)!.split(':')[0]!;
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, labels: {app: name}},
		spec: {
			replicas,
			selector: {matchLabels: {app: name}},
			template: {metadata: {labels: {app: name}}, spec: {containers: [{name: containerName, image}], ...podSpec}},
		},
	};
}

/** A Service as `kubectl expose deployment NAME --type=TYPE --port=PORT` sends it. */
export function service(name: string, port: number, type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' = 'NodePort', extra: Record<string, unknown> = {}): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name, labels: {app: name}},
		spec: {type, selector: {app: name}, ports: [{port, protocol: 'TCP', targetPort: port}], ...extra},
	};
}
