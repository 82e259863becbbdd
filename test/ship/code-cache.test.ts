import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bundleFile, ensureBundle, packageVersion, run} from './ship-outputs.js';

// The bundle compiles its program with V8's code cache, kept in the user's cache directory (scripts/bundle-prelude.mjs).
const work = mkdtempSync(path.join(os.tmpdir(), 'kubedeck-code-cache-'));

function freshHome(name: string): string {
	const home = path.join(work, name);
	mkdirSync(home);
	return home;
}

function version(env: NodeJS.ProcessEnv) {
	return run(process.execPath, [bundleFile, '--version'], {cwd: work, env: {PATH: process.env['PATH'], ...env}});
}

const cacheDirOf = (home: string) => path.join(home, '.cache/kubedeck/code');

beforeAll(() => ensureBundle(), 300_000);

afterAll(() => rmSync(work, {recursive: true, force: true}));

describe('the code cache of the bundle', () => {
	it('is written on the first start and read on the next, which prints the same', async () => {
		const home = freshHome('first');
		const first = await version({HOME: home});
		expect(first).toEqual({code: 0, stdout: `${packageVersion}\n`, stderr: ''});
		const caches = readdirSync(cacheDirOf(home));
		expect(caches).toHaveLength(1);
		expect(statSync(path.join(cacheDirOf(home), caches[0]!)).mode & 0o777).toBe(0o600);
		expect(await version({HOME: home})).toEqual(first);
	});

	it('is replaced when it is damaged, and the program runs the same', async () => {
		const home = freshHome('damaged');
		await version({HOME: home});
		const [cache] = readdirSync(cacheDirOf(home));
		const file = path.join(cacheDirOf(home), cache!);
		const garbage = Buffer.alloc(4096, 7);
		writeFileSync(file, garbage);
		expect(await version({HOME: home})).toEqual({code: 0, stdout: `${packageVersion}\n`, stderr: ''});
		expect(readFileSync(file).equals(garbage)).toBe(false);
	});

	it('is only a speed-up: with no home to write to, the program runs the same', async () => {
		const home = path.join(work, 'missing', 'home');
		expect(await version({HOME: home})).toEqual({code: 0, stdout: `${packageVersion}\n`, stderr: ''});
		expect(() => statSync(home)).toThrow();
	});

	it('goes to XDG_CACHE_HOME when that is an absolute path', async () => {
		const home = freshHome('xdg');
		const xdg = path.join(home, 'xdg-cache');
		await version({HOME: home, XDG_CACHE_HOME: xdg});
		expect(readdirSync(path.join(xdg, 'kubedeck/code'))).toHaveLength(1);
		expect(() => statSync(cacheDirOf(home))).toThrow();
	});
});
