import {existsSync} from 'node:fs';
import type {ClusterClient} from '../client/types.js';
import {StoreLockedError} from '../cluster/store/backend.js';
import {defaultDataDir, kubeconfigPathOf} from './data-dir.js';
import {demoObjects} from './demo.js';

export type DashboardFlags = {
	dataDir?: string;
	ephemeral: boolean;
	nodes?: number;
	maxPods?: number;
	ingressPort?: number;
	demo: boolean;
	kubernetesTimings: boolean;
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	theme?: string;
	readonly: boolean;
	/** The program's own entry file, loaded again in the worker thread that hosts the embedded cluster. */
	entry: URL;
};

/** Seeds the demo through the client, so it works the same on a cluster this process runs or one it attached to. */
async function seedDemo(client: ClusterClient): Promise<void> {
	const existing = await client.list('deployments', 'default');
	if (existing.length > 0) return;
	for (const {resource, object} of demoObjects()) {
		try {
			await client.create(resource, 'default', object);
		} catch {
			// Already there from an earlier run: the story is seeded once.
		}
	}
}

/**
 * `kubedeck` with no command: the dashboard on the embedded cluster (started here, or attached to when another
 * kubedeck already holds the data directory), or on a real cluster with --kubeconfig/--context.
 */
export async function runDashboardCommand(flags: DashboardFlags): Promise<number> {
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		process.stderr.write('kubedeck: the dashboard needs a terminal (stdin and stdout must be a TTY); use `kubedeck serve` to run the cluster alone\n');
		return 2;
	}
	let stopEmbedded: (() => Promise<void>) | undefined;
	let kubeconfigPath = flags.kubeconfig;
	const attached = Boolean(flags.kubeconfig || flags.context);
	const dataDir = flags.ephemeral ? undefined : (flags.dataDir ?? defaultDataDir());
	// The cluster boots in its worker on one core while the dashboard's code loads on the other.
	const {startEmbeddedInWorker} = await import('./embedded-worker.js');
	const booting = attached
		? undefined
		: startEmbeddedInWorker(flags.entry, {dataDir, ephemeral: flags.ephemeral, nodes: flags.nodes, maxPods: flags.maxPods, ingressPort: flags.ingressPort, kubernetesTimings: flags.kubernetesTimings});
	booting?.catch(() => {});
	const {connect} = await import('../client/connect.js');
	if (booting) {
		try {
			const embedded = await booting;
			kubeconfigPath = embedded.kubeconfigPath;
			stopEmbedded = embedded.stop;
		} catch (error) {
			if (!(error instanceof StoreLockedError) || !dataDir) throw error;
			// Another kubedeck serves this directory: attach to it through its API instead of failing.
			kubeconfigPath = kubeconfigPathOf(dataDir);
			if (!existsSync(kubeconfigPath)) throw error;
		}
	}
	const client = await connect({kubeconfigPath, context: flags.context});
	try {
		if (flags.demo && client.info().embedded) await seedDemo(client);
		const {runDashboard} = await import('../ui/run.js');
		return await runDashboard({
			client,
			namespace: flags.namespace,
			theme: flags.theme,
			readonly: flags.readonly,
			kubeconfigHint: kubeconfigPath && client.info().embedded ? `export KUBECONFIG=${kubeconfigPath}` : undefined,
		});
	} finally {
		client.close();
		await stopEmbedded?.();
	}
}
