// The module Node runs for dist/kubedeck.mjs (see build.mjs). The program rides below it as comment lines, base64:
// the program itself (cli.tsx, the cluster, serve) and the dashboard (Ink, React, the client), gzipped. Node 20 keeps
// no compiled code for ES modules between runs, but V8 does for a script, so each is compiled here as one, with the
// code cache of an earlier run: compiling the program and the functions a start calls costs some 40 ms of CPU, the
// dashboard 80 ms more; reading their caches, a few. The caches sit in the user's cache directory
// (~/.cache/kubedeck/code), one per payload, build and Node version; without them everything runs the same.
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Script} from 'node:vm';
import {threadId} from 'node:worker_threads';
// name: {id, marker, gzip}: each payload's line opens with its marker, in which the id ties it to this build.
import {payloads} from 'kubedeck:payloads';

const bundleUrl = import.meta.url;
const bundleFile = fileURLToPath(bundleUrl);
const require = createRequire(bundleUrl);

function payloadCode({marker, gzip}) {
	const bundle = readFileSync(bundleFile);
	// The last one: the marker's own text appears earlier too, in this code.
	const start = bundle.lastIndexOf(marker);
	if (start < 0) throw new Error(`${bundleFile} is not the build that started: was it replaced meanwhile? Run it again`);
	const end = bundle.indexOf(10, start + marker.length);
	const data = Buffer.from(bundle.toString('latin1', start + marker.length, end < 0 ? undefined : end), 'base64');
	// zlib only for the dashboard: `serve` need not load it.
	return (gzip ? require('node:zlib').gunzipSync(data) : data).toString('utf8');
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

const cacheDir = cacheDirectory();
// A final cache was written two seconds into a run, and holds what a start compiles; a partial one, at the exit of a
// shorter run (`--version`, a serve stopped as soon as it was ready). A run that read a final cache writes none.
const cacheNamesOf = id => ({final: `${id}-${process.version}-${process.arch}.bin`, partial: `${id}-${process.version}-${process.arch}.partial.bin`});
const currentCaches = new Set(Object.values(payloads).flatMap(({id}) => Object.values(cacheNamesOf(id))));

/** Creates the cache directory's last three levels one at a time: never a home directory that does not exist. */
function makeCacheDirectory() {
	const levels = [];
	for (let level = cacheDir; level !== path.dirname(level) && levels.length < 3; level = path.dirname(level)) levels.unshift(level);
	for (const level of levels) {
		try {
			mkdirSync(level, {mode: 0o700});
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
	}
}

function readCache(file) {
	try {
		return file ? readFileSync(file) : undefined;
	} catch {
		return undefined;
	}
}

function sizeOf(file) {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

/**
 * Writes a cache bigger than `size` bytes through a temporary name, then removes `replaced` and other builds'
 * caches. Any failure only costs the next start some speed.
 */
function writeCache(file, script, size, replaced) {
	try {
		const data = script.createCachedData();
		if (data.length <= size) return;
		makeCacheDirectory();
		const temporary = `${file}.${process.pid}-${threadId}.tmp`;
		writeFileSync(temporary, data, {mode: 0o600});
		renameSync(temporary, file);
		if (replaced) rmSync(replaced, {force: true});
		for (const name of readdirSync(cacheDir)) {
			if (!currentCaches.has(name) && !name.endsWith('.tmp')) rmSync(path.join(cacheDir, name), {force: true});
		}
	} catch {
		// A read-only or missing home: the next start compiles again.
	}
}

const loaded = new Map();

/** Runs a payload as a script (once) and returns what it exports. */
function loadPayload(name) {
	if (loaded.has(name)) return loaded.get(name);
	const payload = payloads[name];
	if (!payload) throw new Error(`no payload ${name} in ${bundleFile}`);
	const names = cacheNamesOf(payload.id);
	const finalFile = cacheDir && path.join(cacheDir, names.final);
	const partialFile = cacheDir && path.join(cacheDir, names.partial);
	const finalCache = readCache(finalFile);
	const cachedData = finalCache ?? readCache(partialFile);
	const wrapped = `(function (exports, require, module, __filename, __dirname, __kdHost) {${payloadCode(payload)}\n})`;
	const script = new Script(wrapped, {filename: `${bundleFile}/${name}.js`, cachedData});
	const usable = cachedData !== undefined && !script.cachedDataRejected;
	if (cacheDir && !(finalCache && usable)) {
		// The cache holds the functions compiled so far: `--version` compiles little, `serve` most of the cluster.
		let written = false;
		setTimeout(() => {
			written = true;
			// Two threads may run the program at once (the dashboard, and its cluster's worker): the bigger cache wins,
			// unless the one there is what V8 refused.
			writeCache(finalFile, script, finalCache ? 0 : sizeOf(finalFile), partialFile);
		}, 2000).unref();
		process.once('exit', () => {
			if (!written) writeCache(partialFile, script, usable ? cachedData.length * 1.02 : 0);
		});
	}
	const module = {exports: {}};
	script.runInThisContext()(module.exports, require, module, bundleFile, path.dirname(bundleFile), host);
	loaded.set(name, module.exports);
	return module.exports;
}

/** What a payload has of this module: its import.meta, and the other payloads. */
const host = {
	bundleUrl,
	importMeta: {url: bundleUrl},
	loadPayload,
};

loadPayload('program');
