import type {Node, Pod} from 'kubernetes-types/core/v1.js';
import type {ObjectAPI, Watch} from '../api/object-api.js';
import {errors} from '../api/status.js';
import type {Clock} from '../clock.js';
import type {PodRuntime, ProxyRequest, ProxyResponse, Timings} from '../cluster-types.js';
import {powerAnnotation} from '../bootstrap/nodes.js';
import {formatLine, formatLines} from './container-logs.js';
import type {ContainerEngine, HttpRequest, HttpResponse} from './engine.js';
import type {EventSink} from './kubelet-context.js';
import {NodeAgent} from './node-agent.js';
import type {PodWorker} from './pod-worker.js';

/** What the service network offers back to the kubelets: services/proxy. */
export type ServiceNetworkAccess = {
	serviceProxy(namespace: string, service: string, port: string | undefined, request: ProxyRequest): Promise<ProxyResponse>;
};

export type Kubelets = {
	ready(): Promise<void>;
	stop(): void;
	/** HTTP to the program listening on podIP:port, or undefined when nothing listens there. */
	http(podIP: string, port: number, request: HttpRequest): Promise<HttpResponse> | undefined;
	/** Whether something listens on podIP:port. */
	listening(podIP: string, port: number): boolean;
	runtime(network: ServiceNetworkAccess): PodRuntime;
};

/** Per-node baseline use of the system daemons, so an empty node does not show 0. */
const nodeBaseline = {cpuMilli: 60, memoryBytes: 700 * 1024 * 1024};

/**
 * Starts one kubelet per node, fed by one shared pod watch (a watch per node would filter every event a hundred
 * times over) and one node watch for the power switch.
 */
export function startKubelets(options: {api: ObjectAPI; clock: Clock; timings: Timings; engine: ContainerEngine; events: EventSink}): Kubelets {
	const {api, clock, timings, engine, events} = options;
	const agents = new Map<string, NodeAgent>();
	const byIp = new Map<string, PodWorker>();
	const watches: Watch[] = [];
	let stopped = false;

	const addAgent = (node: Node) => {
		const name = node.metadata!.name!;
		if (agents.has(name)) return agents.get(name)!;
		const cidr = node.spec?.podCIDR ?? `10.244.${agents.size}.0/24`;
		const subnet = cidr.replace(/0\/\d+$/, '');
		const hostIP = node.status?.addresses?.find(address => address.type === 'InternalIP')?.address ?? '172.18.0.2';
		const agent = new NodeAgent(api, clock, timings, engine, name, hostIP, subnet, events, byIp);
		agents.set(name, agent);
		return agent;
	};
	const applyPower = (node: Node) => {
		const agent = addAgent(node);
		if (node.metadata?.annotations?.[powerAnnotation] === 'off') agent.powerOff();
		else void agent.powerOn();
	};

	for (const node of api.list('nodes', undefined).items) addAgent(node as unknown as Node);
	watches.push(
		api.watch('nodes', undefined, {}, batch => {
			for (const event of batch) {
				const node = event.object as unknown as Node;
				if (event.type === 'DELETED') {
					const agent = agents.get(node.metadata!.name!);
					agent?.stop();
					agents.delete(node.metadata!.name!);
				} else if (event.type === 'ADDED' || event.type === 'MODIFIED') applyPower(node);
			}
		}),
	);
	watches.push(
		api.watch('pods', undefined, {}, batch => {
			if (stopped) return;
			for (const event of batch) {
				const pod = event.object as unknown as Pod;
				const agent = pod.spec?.nodeName ? agents.get(pod.spec.nodeName) : undefined;
				if (!agent) continue;
				if (event.type === 'DELETED') agent.removed(pod);
				else if (event.type === 'ADDED' || event.type === 'MODIFIED') agent.sync(pod);
			}
		}),
	);

	// ConfigMap and Secret volumes follow their objects, as the kubelet's volume manager refreshes them.
	for (const resource of ['configmaps', 'secrets'] as const)
		watches.push(
			api.watch(resource, undefined, {resourceVersion: api.resourceVersion()}, batch => {
				if (stopped) return;
				for (const event of batch) {
					if (event.type !== 'ADDED' && event.type !== 'MODIFIED') continue;
					const {namespace, name} = event.object.metadata;
					for (const agent of agents.values())
						for (const worker of agent.workers.values()) if (worker.pod.metadata?.namespace === namespace) worker.refreshVolumes({resource, name: name!});
				}
			}),
		);

	const workerForIp = (ip: string): PodWorker | undefined => byIp.get(ip);
	const workerFor = (namespace: string, name: string): PodWorker => {
		const pod = api.get('pods', namespace, name) as unknown as Pod;
		const worker = pod.spec?.nodeName ? agents.get(pod.spec.nodeName)?.workers.get(pod.metadata!.uid!) : undefined;
		if (!worker) throw errors.badRequest(`container "${pod.spec?.containers?.[0]?.name ?? ''}" in pod "${name}" is waiting to start: ${pod.spec?.nodeName ? 'ContainerCreating' : 'PodInitializing'}`);
		return worker;
	};
	const slotFor = (namespace: string, name: string, container: string | undefined) => {
		const worker = workerFor(namespace, name);
		const slot = worker.container(container);
		if (!slot) throw errors.badRequest(`container ${container} is not valid for pod ${name}`);
		return {worker, slot};
	};

	const kubelets: Kubelets = {
		async ready() {
			// A node whose power switch is off never reports Ready; waiting for it would hang a restart forever.
			const nodes = api.list('nodes', undefined).items;
			const on = nodes.filter(node => node.metadata.annotations?.[powerAnnotation] !== 'off').map(node => node.metadata.name!);
			await Promise.all(on.map(name => agents.get(name)?.ready));
		},
		stop() {
			stopped = true;
			for (const watch of watches) watch.stop();
			for (const agent of agents.values()) agent.stop();
		},
		http(podIP, port, request) {
			return workerForIp(podIP)?.sandbox?.http(request, port);
		},
		listening(podIP, port) {
			return Boolean(workerForIp(podIP)?.sandbox?.ports().includes(port));
		},
		runtime(network) {
			return {
				async logs(namespace, pod, container, query, onData) {
					const {slot} = slotFor(namespace, pod, container);
					const waiting = slot.state?.waiting?.reason;
					if (!slot.created && !query.previous && waiting) {
						const why = waiting === 'ErrImagePull' || waiting === 'ImagePullBackOff' ? 'trying and failing to pull image' : waiting;
						throw errors.badRequest(`container "${slot.spec.name}" in pod "${pod}" is waiting to start: ${why}`);
					}
					const lines = slot.log.read(query.previous ?? false);
					if (query.previous && lines.length === 0 && !slot.lastState)
						throw errors.badRequest(`previous terminated container "${slot.spec.name}" in pod "${pod}" not found`);
					onData(formatLines(lines, query, clock.now()));
					if (!query.follow || query.previous || !slot.state?.running) return {stop() {}, done: Promise.resolve()};
					let finish!: () => void;
					const done = new Promise<void>(resolve => (finish = resolve));
					const unfollow = slot.log.follow(line => {
						if (line.time < 0) {
							unfollow();
							finish();
						} else onData(formatLine(line, query.timestamps ?? false));
					});
					return {
						stop() {
							unfollow();
							finish();
						},
						done,
					};
				},
				async exec(namespace, pod, container, command, io) {
					const {slot} = slotFor(namespace, pod, container);
					if (!slot.program || !slot.state?.running) throw errors.badRequest(`container ${slot.spec.name} is not running`);
					return slot.program.exec(command, io);
				},
				async proxy(namespace, pod, port, request) {
					const worker = workerFor(namespace, pod);
					const target = port ?? worker.sandbox?.ports()[0];
					const response = target === undefined ? undefined : kubelets.http(worker.podIP, target, request);
					if (!response) return {status: 502, headers: {'content-type': 'text/plain'}, body: Buffer.from(`error trying to reach service: dial tcp ${worker.podIP}:${target ?? 80}: connect: connection refused`)};
					return response;
				},
				serviceProxy: (namespace, service, port, request) => network.serviceProxy(namespace, service, port, request),
				nodeUsage() {
					return [...agents.values()].map(agent => {
						let cpuMilli = agent.on ? nodeBaseline.cpuMilli : 0;
						let memoryBytes = agent.on ? nodeBaseline.memoryBytes : 0;
						for (const worker of agent.workers.values())
							for (const {program} of worker.programs()) {
								const usage = program.usage();
								cpuMilli += usage.cpuMilli;
								memoryBytes += usage.memoryBytes;
							}
						return {name: agent.nodeName, cpuMilli, memoryBytes};
					});
				},
				podUsage(namespace) {
					const out: ReturnType<PodRuntime['podUsage']> = [];
					for (const agent of agents.values())
						for (const worker of agent.workers.values()) {
							const meta = worker.pod.metadata!;
							if (namespace && meta.namespace !== namespace) continue;
							const containers = worker.programs().map(({name, program}) => ({name, ...program.usage()}));
							if (containers.length) out.push({namespace: meta.namespace!, name: meta.name!, containers});
						}
					return out;
				},
			};
		},
	};
	return kubelets;
}
