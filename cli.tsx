#!/usr/bin/env node
import {isMainThread, workerData} from 'node:worker_threads';
import {kubedeckVersion} from './source/version.js';
import {flagTable, helpText, parseQuickly, type CommandLine} from './source/commands/command-line.js';

// Heavy modules (the cluster, Ink, meow) load only for the command that needs them, so `serve` starts fast.
async function parseCommandLine(): Promise<CommandLine> {
	const quick = parseQuickly(process.argv.slice(2));
	if (quick) {
		// What meow would have set.
		process.title = 'kubedeck';
		return quick;
	}
	const {default: meow} = await import('meow');
	const cli = meow(helpText, {
		importMeta: import.meta,
		// The bundle runs with no package.json beside it.
		pkg: {name: 'kubedeck', version: kubedeckVersion},
		flags: flagTable,
	});
	// meow answers --help and --version only when they stand alone: `kubedeck serve --help` must not start a cluster.
	const asked = cli.flags as Record<string, unknown>;
	if (asked['help'] === true) cli.showHelp(0);
	if (asked['version'] === true) cli.showVersion();
	return cli;
}

async function main(): Promise<number> {
	const cli = await parseCommandLine();
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
			const code = await runDashboardCommand({...flags, entry: new URL(import.meta.url)});
			// The terminal is restored and the cluster stopped: leave now, whatever handle a library left open.
			setImmediate(() => process.exit(code));
			return code;
		}
		default:
			throw new Error(`unknown command "${command}" (commands: serve, kubeconfig; see kubedeck --help)`);
	}
}

const hosted = !isMainThread && (workerData as Record<string, unknown> | undefined)?.['kubedeckEmbeddedCluster'];
if (hosted) {
	// This copy of the program runs in the dashboard's worker thread and hosts its embedded cluster. No top-level
	// await: the one-file bundle runs this module as a script (see scripts/bundle-prelude.mjs). A failure rejects
	// unhandled, which ends the worker with an error event as an awaited one did.
	void import('./source/commands/embedded-worker.js').then(({hostEmbeddedCluster}) => hostEmbeddedCluster(hosted as Parameters<typeof hostEmbeddedCluster>[0]));
} else main().then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`kubedeck: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	},
);
