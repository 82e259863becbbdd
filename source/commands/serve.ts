/**
 * `kubedeck serve`: the embedded cluster and its Kubernetes API, no dashboard. Also what the dashboard uses to run
 * the cluster in its own process (startEmbedded).
 */
import {chmod, mkdir, mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {Cluster, Timings} from '../cluster/cluster-types.js';
import {kubernetesTimings} from '../cluster/cluster-types.js';
import {StoreLockedError} from '../cluster/store/backend.js';
import {startApiServer, type ApiServer} from '../cluster/server/api-server.js';
import {writeKubeconfig} from '../cluster/server/kubeconfig.js';
import {defaultDataDir, kubeconfigPathOf} from './data-dir.js';

export type ServeFlags = {
	/** The cluster's directory; ignored with ephemeral. Default: defaultDataDir(). */
	dataDir?: string;
	/** A throwaway in-memory cluster. */
	ephemeral?: boolean;
	nodes?: number;
	/** Pods each new node accepts (default 10,000; the kubelet's own default is 110). */
	maxPods?: number;
	/** Port of the Ingress HTTP listener (0: any free port); none when unset. */
	ingressPort?: number;
	/** Real Kubernetes timings instead of the compressed demo ones. */
	kubernetesTimings?: boolean;
	timings?: Partial<Timings>;
	/** API address (default 127.0.0.1). */
	address?: string;
	/** API port (default 0: any free port). */
	port?: number;
	/** Also write the kubeconfig here once the API is ready. */
	kubeconfigOut?: string;
	/** Seed the tutorial's workloads on an empty cluster. */
	demo?: boolean;
};

export type EmbeddedCluster = {
	cluster: Cluster;
	server: ApiServer;
	url: string;
	/** The kubeconfig that reaches this cluster (in the data directory, or a private temporary one when ephemeral). */
	kubeconfigPath: string;
	/** Closes the API, stops the cluster (the store flushed) and removes a temporary kubeconfig. */
	stop(): Promise<void>;
};

/** Creates the data directory private to its owner; an existing directory keeps its mode unless kubedeck made it. */
async function prepareDataDir(dataDir: string): Promise<void> {
	const created = await mkdir(dataDir, {recursive: true, mode: 0o700});
	if (created) await chmod(dataDir, 0o700);
}

/**
 * Starts a cluster and serves its API; the kubeconfig files are written once the API answers (readyz is 200 from
 * the moment the server listens). Throws StoreLockedError when another process holds the data directory: its
 * kubeconfig (kubeconfigPathOf(dataDir)) reaches that process's API.
 */
export async function startEmbedded(
	options: Omit<ServeFlags, 'demo'> & {quiet?: boolean},
): Promise<EmbeddedCluster> {
	const dataDir = options.ephemeral ? undefined : path.resolve(options.dataDir ?? defaultDataDir());
	if (dataDir) await prepareDataDir(dataDir);
	const timings = {...(options.kubernetesTimings ? kubernetesTimings : {}), ...options.timings};
	// Loaded here, not at the top: `kubedeck kubeconfig` imports this module's neighbours without the cluster.
	const {createCluster} = await import('../cluster/cluster.js');
	const cluster = await createCluster({dataDir, nodes: options.nodes, timings, maxPodsPerNode: options.maxPods, ingressPort: options.ingressPort});
	let server: ApiServer;
	try {
		server = await startApiServer(cluster, {address: options.address, port: options.port, dataDir});
	} catch (error) {
		await cluster.stop();
		throw error;
	}
	let temporaryDir: string | undefined;
	let kubeconfigPath: string;
	if (dataDir) kubeconfigPath = kubeconfigPathOf(dataDir);
	else {
		temporaryDir = await mkdtemp(path.join(os.tmpdir(), 'kubedeck-'));
		kubeconfigPath = path.join(temporaryDir, 'kubeconfig');
	}
	const {caCertificate, token} = server.credentials;
	const writes = [writeKubeconfig(kubeconfigPath, server.url, caCertificate, token)];
	if (options.kubeconfigOut) writes.push(writeKubeconfig(path.resolve(options.kubeconfigOut), server.url, caCertificate, token));
	await Promise.all(writes);

	let stopped: Promise<void> | undefined;
	return {
		cluster,
		server,
		url: server.url,
		kubeconfigPath,
		stop() {
			stopped ??= (async () => {
				await server.close();
				await cluster.stop();
				if (temporaryDir) await rm(temporaryDir, {recursive: true, force: true});
			})();
			return stopped;
		},
	};
}

async function seedDemo(cluster: Cluster): Promise<void> {
	if (cluster.api.list('deployments', 'default', {limit: 1}).items.length > 0) return;
	const {demoObjects} = await import('./demo.js');
	for (const {resource, object} of demoObjects()) {
		try {
			await cluster.api.create(resource, 'default', object);
		} catch {
			// Already there: the story is seeded once.
		}
	}
}

/** `kubedeck serve`: runs until SIGINT or SIGTERM, then stops cleanly. Resolves with the exit code. */
export async function runServe(flags: ServeFlags): Promise<number> {
	let embedded: EmbeddedCluster;
	try {
		embedded = await startEmbedded(flags);
	} catch (error) {
		if (error instanceof StoreLockedError) {
			const kubeconfig = kubeconfigPathOf(error.dataDir);
			process.stderr.write(
				`kubedeck: ${error.message}.\nIts API is already served: export KUBECONFIG=${kubeconfig}\n`,
			);
			return 1;
		}
		throw error;
	}
	// A fault in one simulated component must not take the API and every other pod down with it: report it, go on.
	const report = (error: unknown) => {
		process.stderr.write(`kubedeck: internal error (the cluster keeps running): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	};
	process.on('unhandledRejection', report);
	process.on('uncaughtException', report);
	process.stdout.write(`kubedeck: Kubernetes API at ${embedded.url}, kubeconfig ${embedded.kubeconfigPath}\n`);
	if (embedded.cluster.ingressPort !== undefined) process.stdout.write(`kubedeck: Ingress at http://${flags.address ?? '127.0.0.1'}:${embedded.cluster.ingressPort}\n`);
	if (flags.demo) {
		seedDemo(embedded.cluster).catch((error: unknown) => {
			process.stderr.write(`kubedeck: could not seed the demo: ${error instanceof Error ? error.message : String(error)}\n`);
		});
	}

	return new Promise<number>(resolve => {
		let stopping = false;
		const stop = (signal: NodeJS.Signals) => {
			if (stopping) {
				// A second signal: the user wants out now.
				process.exit(signal === 'SIGINT' ? 130 : 143);
			}
			stopping = true;
			embedded.stop().then(
				() => finish(0),
				(error: unknown) => {
					process.stderr.write(`kubedeck: stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
					finish(1);
				},
			);
		};
		const finish = (code: number) => {
			// Should anything still hold the event loop open, leave anyway once the store is flushed.
			setTimeout(() => process.exit(code), 1000).unref();
			resolve(code);
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}
