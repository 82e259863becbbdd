// The module Node runs for dist/kubedeck.mjs (see build.mjs). The program itself rides below it as a comment line,
// base64: Node 20 keeps no compiled code for ES modules between runs, but it does for a script, so the program is
// compiled here as one, with V8's code cache from the last run. Compiling the 0.8 MB program and its lazily compiled
// functions costs some 40 ms of CPU per start; reading the cache, a few. The cache sits in the user's cache directory
// (~/.cache/kubedeck/code), written once per build and Node version; without it everything runs the same.
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Script} from 'node:vm';
import {threadId} from 'node:worker_threads';
// The program's payload line opens with programMarker; programId names this build of it. build.mjs provides both.
import {programId, programMarker} from 'kubedeck:program-payload';

const bundleUrl = import.meta.url;
const bundleFile = fileURLToPath(bundleUrl);

function programCode() {
	const bundle = readFileSync(bundleFile);
	// The last one: the marker's own text appears earlier too, in this code.
	const start = bundle.lastIndexOf(programMarker);
	if (start < 0) throw new Error(`${bundleFile} carries no program of this build: was it replaced while kubedeck started? Run it again`);
	const end = bundle.indexOf(10, start + programMarker.length);
	return Buffer.from(bundle.toString('latin1', start + programMarker.length, end < 0 ? undefined : end), 'base64').toString('utf8');
}

/** XDG's cache directory (absolute, or ignored), else ~/.cache, as the single executable uses too. */
function cacheDirectory() {
	try {
		const root = path.isAbsolute(process.env.XDG_CACHE_HOME ?? '') ? process.env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
		return path.join(root, 'kubedeck', 'code');
	} catch {
		// No home directory to be found: no cache.
		return undefined;
	}
}

/** Creates the levels below the cache root's parent one at a time: never a home directory that does not exist. */
function makeCacheDirectory(directory) {
	const levels = [];
	for (let level = directory; level !== path.dirname(level) && levels.length < 3; level = path.dirname(level)) levels.unshift(level);
	for (const level of levels) {
		try {
			mkdirSync(level, {mode: 0o700});
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
	}
}

const cacheDir = cacheDirectory();
const cacheName = `${programId}-${process.version}-${process.arch}.bin`;
const cacheFile = cacheDir && path.join(cacheDir, cacheName);

function readCache() {
	try {
		return cacheFile ? readFileSync(cacheFile) : undefined;
	} catch {
		return undefined;
	}
}

/** Writes the cache through a temporary name and removes the caches of other builds; any failure only costs speed. */
function writeCache(script, size) {
	if (!cacheFile) return;
	try {
		const data = script.createCachedData();
		if (data.length <= size) return;
		makeCacheDirectory(cacheDir);
		const temporary = `${cacheFile}.${process.pid}-${threadId}.tmp`;
		writeFileSync(temporary, data, {mode: 0o600});
		renameSync(temporary, cacheFile);
		for (const name of readdirSync(cacheDir)) {
			if (name !== cacheName && !name.endsWith('.tmp')) rmSync(path.join(cacheDir, name), {force: true});
		}
	} catch {
		// A read-only or missing home: the next start compiles again.
	}
}

const cachedData = readCache();
const script = new Script(`(function (exports, require, module, __filename, __dirname, __kdHost) {${programCode()}\n})`, {filename: bundleFile, cachedData});
const usableCache = cachedData && !script.cachedDataRejected ? cachedData.length : 0;

// The cache holds the functions compiled so far, so what it saves depends on the run that wrote it: `--version`
// compiles little, `serve` most of the cluster. A run that compiled more than its cache held writes it again, once:
// two seconds in for a long run (serve, the dashboard's worker thread), else at exit.
let checked = false;
const refreshCache = () => {
	if (checked) return;
	checked = true;
	writeCache(script, usableCache * 1.02);
};
setTimeout(refreshCache, 2000).unref();
process.once('exit', refreshCache);

const module = {exports: {}};
const host = {
	bundleUrl,
	importMeta: {url: bundleUrl},
	// import() from a script would need a loader of its own; this module has one.
	importModule: specifier => import(specifier),
};
script.runInThisContext()(module.exports, createRequire(bundleUrl), module, bundleFile, path.dirname(bundleFile), host);
