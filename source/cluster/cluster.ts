import type {Cluster, ClusterConfig, Timings} from './cluster-types.js';
import {compressedTimings} from './cluster-types.js';
import {systemClock} from './clock.js';
import {openStore} from './store/open.js';
import {createRegistry} from './api/registry.js';
import {bootstrapCluster} from './bootstrap/bootstrap.js';
import {startControllers} from './controllers/index.js';
import {startKubelets} from './kubelet/index.js';
import {startServiceNetwork, type ServiceNetwork} from './network/index.js';
import {podNetwork} from './network/pod-network.js';
import {builtinEngine} from './kubelet/builtin-engine.js';
import type {EventSink} from './kubelet/kubelet-context.js';
import type {KubeObject} from './api/object.js';

/** Checks a config before anything starts, so a bad flag fails with a message and touches no data. */
function validateConfig(config: ClusterConfig): void {
	const nodes = config.nodes ?? 3;
	if (!Number.isInteger(nodes) || nodes < 1 || nodes > 5000) throw new Error(`--nodes must be a whole number from 1 to 5000, not ${config.nodes}`);
	for (const [name, value] of Object.entries(config.timings ?? {}))
		if (typeof value !== 'number' || !(value >= 0)) throw new Error(`timing ${name} must be a non-negative number`);
	if (config.maxPodsPerNode !== undefined && !(Number.isInteger(config.maxPodsPerNode) && config.maxPodsPerNode >= 1))
		throw new Error(`--max-pods must be a whole number of at least 1, not ${config.maxPodsPerNode}`);
	if (config.ingressPort !== undefined && !(config.ingressPort >= 0 && config.ingressPort <= 65535))
		throw new Error(`ingress port ${config.ingressPort} is out of range`);
}

/**
 * The embedded cluster: store, API registry, scheduler, controllers, kubelets and service routing, wired in one
 * place. Resolves once the API is usable; `ready()` waits for the nodes.
 */
export async function createCluster(config: ClusterConfig = {}): Promise<Cluster> {
	validateConfig(config);
	const clock = config.clock ?? systemClock;
	const timings: Timings = {...compressedTimings, ...config.timings};
	const store = await openStore({dataDir: config.dataDir});
	const api = createRegistry(store, {clock, defaultTolerationSeconds: timings.defaultTolerationSeconds});
	try {
		await bootstrapCluster(api, {nodes: config.nodes ?? 3, maxPodsPerNode: config.maxPodsPerNode ?? 10_000});
	} catch (error) {
		await store.close();
		throw error;
	}
	const controllers = startControllers({api, clock, timings});
	let network: ServiceNetwork | undefined;
	const engine = builtinEngine({clock, network: namespace => podNetwork(() => network, namespace)});
	const events: EventSink = (object, type, reason, message, source) =>
		controllers.recorder.withSource(source).event(object as KubeObject, type, reason, message);
	const kubelets = startKubelets({api, clock, timings, engine, events});
	network = await startServiceNetwork({
		api,
		pods: kubelets,
		bindAddress: config.bindAddress ?? '127.0.0.1',
		listen: config.serviceListeners ?? true,
		ingressPort: config.ingressPort,
	});
	const routes = network;
	let stopped: Promise<void> | undefined;
	return {
		api,
		clock,
		timings,
		get ingressPort() {
			return routes.ingressPort;
		},
		runtime: kubelets.runtime(routes),
		ready: () => kubelets.ready(),
		stop() {
			stopped ??= (async () => {
				await routes.stop();
				kubelets.stop();
				controllers.stop();
				await store.close();
			})();
			return stopped;
		},
	};
}
