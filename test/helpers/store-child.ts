import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const helpers = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(helpers, '../..');

export type StoreChild = {
	process: ChildProcess;
	/** Complete lines printed so far. */
	lines: string[];
	/** Resolves once a line equal to text has been printed. */
	waitForLine(text: string): Promise<void>;
	/** Resolves once the process has exited. */
	exited: Promise<void>;
};

/** Runs one of the store's helper scripts (test/helpers/<script>.ts) in a separate Node process. */
export function runStoreChild(script: string, args: string[]): StoreChild {
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(helpers, `${script}.ts`), ...args], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const lines: string[] = [];
	let partial = '';
	let stderr = '';
	const watchers: Array<{text: string; resolve: () => void}> = [];
	child.stdout!.setEncoding('utf8');
	child.stdout!.on('data', (chunk: string) => {
		const parts = (partial + chunk).split('\n');
		partial = parts.pop()!;
		for (const line of parts) {
			lines.push(line);
			for (const watcher of watchers.filter(watcher => watcher.text === line)) {
				watchers.splice(watchers.indexOf(watcher), 1);
				watcher.resolve();
			}
		}
	});
	child.stderr!.setEncoding('utf8');
	child.stderr!.on('data', (chunk: string) => {
		stderr += chunk;
	});
	const exited = new Promise<void>(resolve => {
		child.on('exit', () => {
			resolve();
		});
	});
	return {
		process: child,
		lines,
		exited,
		async waitForLine(text) {
			if (lines.includes(text)) {
				return;
			}

			await Promise.race([
				new Promise<void>(resolve => {
					watchers.push({text, resolve});
				}),
				exited.then(() => {
					throw new Error(`${script} exited before printing "${text}": ${stderr}`);
				}),
			]);
		},
	};
}
