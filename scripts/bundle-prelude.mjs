// The module Node runs for dist/kubedeck.mjs (see build.mjs). The program rides below it as comment lines, base64:
// the program itself (cli.tsx, the cluster, serve) and the dashboard (Ink, React, the client), gzipped. Node 20 keeps
// no compiled code for ES modules between runs, but V8 does for a script, so each is compiled here as one, with the
// code cache of an earlier run: compiling the program and the functions a start calls costs some 40 ms of CPU, the
// dashboard 80 ms more; reading their caches, a few. The caches sit in the user's cache directory
// (~/.cache/kubedeck/code), one per payload, build and Node version; without them everything runs the same.
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
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
const cacheNameOf = id => `${id}-${process.version}-${process.arch}.bin`;
const currentCaches = new Set(Object.values(payloads).map(({id}) => cacheNameOf(id)));

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

/** Writes a cache bigger than `size` through a temporary name, and removes other builds' caches; failures cost only speed. */
function writeCache(file, script, size) {
	try {
		const data = script.createCachedData();
		if (data.length <= size) return;
		makeCacheDirectory();
		const temporary = `${file}.${process.pid}-${threadId}.tmp`;
		writeFileSync(temporary, data, {mode: 0o600});
		renameSync(temporary, file);
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
	const cacheFile = cacheDir && path.join(cacheDir, cacheNameOf(payload.id));
	const cachedData = readCache(cacheFile);
	const wrapped = `(function (exports, require, module, __filename, __dirname, __kdHost) {${payloadCode(payload)}\n})`;
	const script = new Script(wrapped, {filename: `${bundleFile}/${name}.js`, cachedData});
	const usableCache = cachedData && !script.cachedDataRejected ? cachedData.length : 0;
	if (cacheFile) {
		// The cache holds the functions compiled so far, so what it saves depends on the run that wrote it:
		// `--version` compiles little, `serve` most of the cluster. A run that compiled more than its cache held
		// writes it again, once: two seconds in for a long run (serve, the dashboard), else at exit.
		let checked = false;
		const refresh = () => {
			if (checked) return;
			checked = true;
			writeCache(cacheFile, script, usableCache * 1.02);
		};
		setTimeout(refresh, 2000).unref();
		process.once('exit', refresh);
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
