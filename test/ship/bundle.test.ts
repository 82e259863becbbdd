import {copyFileSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bundleFile, dashboardUntilQuit, ensureBundle, getFromKubeconfig, hasScript, packageVersion, run, serveUntilReady, stop} from './ship-outputs.js';

// A directory with nothing around it: no package.json, no node_modules in it or above it.
const alone = mkdtempSync(path.join(os.tmpdir(), 'kubedeck-alone-'));
const entry = path.join(alone, 'kd.mjs');
const env = {PATH: process.env['PATH'], HOME: alone};

beforeAll(() => {
	ensureBundle();
	copyFileSync(bundleFile, entry);
}, 300_000);

afterAll(() => rmSync(alone, {recursive: true, force: true}));

describe('the bundle alone in an empty directory', () => {
	it('prints the package version', async () => {
		const result = await run(process.execPath, [entry, '--version'], {cwd: alone, env});
		expect(result.stderr).toBe('');
		expect(result.stdout.trim()).toBe(packageVersion);
	});

	it('serves a cluster whose API answers ready', async () => {
		const {child, kubeconfig} = await serveUntilReady(process.execPath, [entry], path.join(alone, 'kubeconfig'), env);
		try {
			expect(await getFromKubeconfig(kubeconfig, '/readyz')).toEqual({status: 200, body: 'ok'});
		} finally {
			await stop(child);
		}
	});

	it.skipIf(!hasScript)('opens the dashboard on an embedded cluster and quits on :q', async () => {
		const {code, screen} = await dashboardUntilQuit([process.execPath, entry], env, alone);
		expect(screen).toContain('Context: kubedeck');
		expect(code).toBe(0);
	});
});
