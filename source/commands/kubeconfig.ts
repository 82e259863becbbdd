/** `kubedeck kubeconfig [--data-dir DIR]`: the kubeconfig path alone, for `export KUBECONFIG=$(kubedeck kubeconfig)`. */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {defaultDataDir, kubeconfigPathOf} from './data-dir.js';

export function printKubeconfigPath(flags: {dataDir?: string}): number {
	const kubeconfig = kubeconfigPathOf(path.resolve(flags.dataDir ?? defaultDataDir()));
	process.stdout.write(`${kubeconfig}\n`);
	if (existsSync(kubeconfig)) return 0;
	process.stderr.write('kubedeck: no cluster has served this data directory yet; start one with `kubedeck serve` or `kubedeck`\n');
	return 1;
}
