import os from 'node:os';
import path from 'node:path';

/** Where `kubedeck` keeps its cluster when no --data-dir is given: $XDG_DATA_HOME/kubedeck or ~/.local/share/kubedeck. */
export function defaultDataDir(): string {
	const base = process.env['XDG_DATA_HOME'] || path.join(os.homedir(), '.local', 'share');
	return path.join(base, 'kubedeck');
}

/** The kubeconfig a running cluster writes into its data directory. */
export function kubeconfigPathOf(dataDir: string): string {
	return path.join(dataDir, 'kubeconfig');
}
