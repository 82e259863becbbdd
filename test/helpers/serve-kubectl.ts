/** Runs the real kubectl against a kubeconfig, for end-to-end tests. */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';

export const kubectlPath = '/usr/bin/kubectl';
export const hasKubectl = existsSync(kubectlPath);

export type KubectlResult = {code: number; stdout: string; stderr: string};

export function kubectlRunner(kubeconfig: string, cacheDir: string) {
	const env = {...process.env, KUBECONFIG: kubeconfig, HOME: process.env['HOME'] ?? cacheDir};
	const run = (args: string[], options: {input?: string; timeoutMs?: number} = {}): Promise<KubectlResult> =>
		new Promise(resolve => {
			const child = execFile(
				kubectlPath,
				[`--cache-dir=${cacheDir}`, ...args],
				{env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024},
				(error, stdout, stderr) => {
					const code = error ? (typeof (error as {code?: unknown}).code === 'number' ? ((error as {code: number}).code) : 1) : 0;
					resolve({code, stdout, stderr});
				},
			);
			if (options.input !== undefined) child.stdin?.end(options.input);
			else child.stdin?.end();
		});
	/** Starts a long-running kubectl (get -w, proxy); its output collects in `output()`. */
	const start = (args: string[]): {child: ChildProcess; output(): string; stop(): void} => {
		const child = spawn(kubectlPath, [`--cache-dir=${cacheDir}`, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		return {child, output: () => output, stop: () => child.kill('SIGTERM')};
	};
	return {run, start};
}

/** Retries `check` until it returns a value that is not undefined/false, or throws with the last failure. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, seconds = 60, describe = 'condition'): Promise<T> {
	const deadline = Date.now() + seconds * 1000;
	let last: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined && value !== false) return value;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline) throw new Error(`${describe} did not hold within ${seconds} s${last ? `: ${String(last)}` : ''}`);
		await new Promise(resolve => setTimeout(resolve, 250));
	}
}
