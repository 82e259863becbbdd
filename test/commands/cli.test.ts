import {execFile} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function kubedeck(...args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		execFile(process.execPath, ['--import', 'tsx', path.join(root, 'cli.tsx'), ...args], {cwd: root, timeout: 60_000}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr});
		});
	});
}

describe('kubedeck on the command line', () => {
	it('prints the help after a command too, instead of running it', async () => {
		const result = await kubedeck('serve', '--help');
		expect(result.stdout).toContain('$ kubedeck serve [options]');
		expect(result.code).toBe(0);
	});

	it('prints the version after a command too', async () => {
		const result = await kubedeck('serve', '--ephemeral', '--version');
		expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
		expect(result.code).toBe(0);
	});

	it('names an unknown command and points at --help', async () => {
		const result = await kubedeck('bogus');
		expect(result.stderr).toBe('kubedeck: unknown command "bogus" (commands: serve, kubeconfig; see kubedeck --help)\n');
		expect(result.code).toBe(1);
	});
});
