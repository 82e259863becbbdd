import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureBundle, packageVersion, projectRoot, run} from './ship-outputs.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kubedeck-tarball-'));
const installDir = path.join(work, 'install');
let installed: {code: number; stdout: string; stderr: string};

beforeAll(async () => {
	ensureBundle();
	const packed = await run('npm', ['pack', '--json', '--pack-destination', work], {cwd: projectRoot});
	expect(packed.code, packed.stderr).toBe(0);
	const [{filename}] = JSON.parse(packed.stdout) as Array<{filename: string}>;
	mkdirSync(installDir);
	await run('npm', ['init', '-y'], {cwd: installDir});
	// An empty npm cache stands for a machine that has never downloaded anything: the tarball must be enough.
	installed = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', path.join(work, 'npm-cache'), path.join(work, filename)], {cwd: installDir});
}, 300_000);

afterAll(() => rmSync(work, {recursive: true, force: true}));

describe('the npm tarball', () => {
	it('installs offline with nothing in the npm cache', () => {
		// The bundle carries every library it uses: a run-time "dependencies" entry would send npm to the registry.
		expect(installed.code, installed.stderr).toBe(0);
	});

	it('gives a kubedeck command that prints the package version', async () => {
		const result = await run(path.join(installDir, 'node_modules/.bin/kubedeck'), ['--version'], {cwd: installDir});
		expect(result.stdout.trim()).toBe(packageVersion);
	});
});
