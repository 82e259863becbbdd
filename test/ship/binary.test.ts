import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {binaryFile, dashboardUntilQuit, ensureBinary, getFromKubeconfig, hasScript, packageVersion, run, serveUntilReady, stop} from './ship-outputs.js';

const home = mkdtempSync(path.join(os.tmpdir(), 'kubedeck-binary-'));
// Nothing of this machine's environment: no node on PATH, no NODE_OPTIONS, a home of its own.
const env = {HOME: home, PATH: '/nonexistent'};

beforeAll(() => ensureBinary(), 300_000);

afterAll(() => rmSync(home, {recursive: true, force: true}));

describe('the single executable with no node on PATH', () => {
	it('prints the package version', async () => {
		const result = await run(binaryFile, ['--version'], {cwd: home, env});
		expect(result.stderr).toBe('');
		expect(result.stdout.trim()).toBe(packageVersion);
	});

	it('serves a cluster whose API answers ready', async () => {
		const {child, kubeconfig} = await serveUntilReady(binaryFile, [], path.join(home, 'kubeconfig'), env);
		try {
			expect(await getFromKubeconfig(kubeconfig, '/readyz')).toEqual({status: 200, body: 'ok'});
		} finally {
			await stop(child);
		}
	});

	it.skipIf(!hasScript)('opens the dashboard on an embedded cluster and quits on :q', async () => {
		const {code, screen} = await dashboardUntilQuit([binaryFile], env, home);
		expect(screen).toContain('Context: kubedeck');
		expect(code).toBe(0);
	});

	it('keeps one copy of its bundle in the cache across starts', async () => {
		await run(binaryFile, ['--version'], {cwd: home, env});
		await run(binaryFile, ['--version'], {cwd: home, env});
		expect(readdirSync(path.join(home, '.cache/kubedeck'))).toHaveLength(1);
	});
});
