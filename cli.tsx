#!/usr/bin/env node
import {isMainThread, workerData} from 'node:worker_threads';
import meow from 'meow';
import {kubedeckVersion} from './source/version.js';

// Heavy modules (the cluster, Ink) load only for the command that needs them, so `serve` starts fast.
function parseCommandLine() {
	return meow(
		`
		Usage
		  $ kubedeck [options]                 open the dashboard on the embedded cluster
		  $ kubedeck serve [options]           run the embedded cluster and its Kubernetes API, no dashboard
		  $ kubedeck kubeconfig [--data-dir D] print the kubeconfig path of a cluster, for export KUBECONFIG=...

		Cluster
		  --data-dir DIR        cluster directory (default ~/.local/share/kubedeck)
		  --ephemeral           a throwaway in-memory cluster
		  --nodes N             nodes of a new cluster (default 3)
		  --ingress-port N      serve Ingress routes on this port (0: any free port; default: no Ingress listener)
		  --max-pods N          pods each new node accepts (default 10000; Kubernetes' kubelet default is 110)
		  --demo                seed the tutorial's workloads on an empty cluster
		  --kubernetes-timings  real Kubernetes timings (50 s node grace, 300 s eviction, 10 s-5 min back-off)
		                        instead of the compressed demo timings (self-healing within ~20 s)

		Serve
		  --address ADDR        API address (default 127.0.0.1)
		  --port N              API port (default 0: any free port)
		  --kubeconfig-out FILE also write the kubeconfig here once the API is ready

		Dashboard
		  --kubeconfig FILE     attach to a real cluster through this kubeconfig
		  --context NAME        the kubeconfig context to use
		  -n, --namespace NS    start in this namespace
		  --theme NAME|FILE     default, light, high-contrast, monochrome, or a theme file
		  --readonly            hide and refuse every action that changes the cluster

		First keys in the dashboard
		  j/k move   enter drill down   esc back   :deploy :svc :no switch panes   /  filter
		  d describe   l logs   s scale   ?  help   :q quit

		  --version, --help
	`,
		{
			importMeta: import.meta,
			// The bundle runs with no package.json beside it.
			pkg: {name: 'kubedeck', version: kubedeckVersion},
			flags: {
				dataDir: {type: 'string'},
				ephemeral: {type: 'boolean', default: false},
				nodes: {type: 'number'},
				maxPods: {type: 'number'},
				ingressPort: {type: 'number'},
				demo: {type: 'boolean', default: false},
				kubernetesTimings: {type: 'boolean', default: false},
				address: {type: 'string', default: '127.0.0.1'},
				port: {type: 'number', default: 0},
				kubeconfigOut: {type: 'string'},
				kubeconfig: {type: 'string'},
				context: {type: 'string'},
				namespace: {type: 'string', shortFlag: 'n'},
				theme: {type: 'string'},
				readonly: {type: 'boolean', default: false},
			},
		},
	);
}

async function main(): Promise<number> {
	const cli = parseCommandLine();
	const [command = 'dashboard', ...rest] = cli.input;
	const flags = cli.flags;
	if (rest.length > 0) throw new Error(`unexpected argument: ${rest.join(' ')} (see kubedeck --help)`);
	switch (command) {
		case 'serve': {
			const {runServe} = await import('./source/commands/serve.js');
			return runServe({...flags, dataDir: flags.ephemeral ? undefined : flags.dataDir});
		}
		case 'kubeconfig': {
			const {printKubeconfigPath} = await import('./source/commands/kubeconfig.js');
			return printKubeconfigPath({dataDir: flags.dataDir});
		}
		case 'dashboard': {
			const {runDashboardCommand} = await import('./source/commands/dashboard.js');
			return runDashboardCommand({...flags, entry: new URL(import.meta.url)});
		}
		default:
			throw new Error(`unknown command "${command}" (commands: serve, kubeconfig; see kubedeck --help)`);
	}
}

const hosted = !isMainThread && (workerData as Record<string, unknown> | undefined)?.['kubedeckEmbeddedCluster'];
if (hosted) {
	// This copy of the program runs in the dashboard's worker thread and hosts its embedded cluster.
	const {hostEmbeddedCluster} = await import('./source/commands/embedded-worker.js');
	await hostEmbeddedCluster(hosted as Parameters<typeof hostEmbeddedCluster>[0]);
} else main().then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`kubedeck: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	},
);
