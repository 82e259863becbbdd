'use strict';
// The main script of the single executable. Node 20 runs only a CommonJS main there, while kubedeck is an ESM
// bundle with chunks: they ride along as assets, are written once to a cache directory named by their hash, and
// are imported from there, so later starts cost one stat per file.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const sea = require('node:sea');
const {pathToFileURL} = require('node:url');
const vm = require('node:vm');

/** @type {{id: string, entry: string, files: Array<{name: string, size: number}>}} written by build-binary.mjs */
const manifest = JSON.parse(sea.getAsset('manifest.json', 'utf8'));

function isComplete(directory) {
	return manifest.files.every(file => {
		try {
			return fs.statSync(path.join(directory, file.name)).size === file.size;
		} catch {
			return false;
		}
	});
}

/** A directory under the shared temporary one, used only if this user created it and no one else can write there. */
function privateTemporaryRoot() {
	const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
	const root = path.join(os.tmpdir(), `kubedeck-${uid ?? os.userInfo().username}`);
	try {
		fs.mkdirSync(root, {mode: 0o700});
	} catch (error) {
		if (error.code !== 'EEXIST') throw error;
	}
	const stats = fs.lstatSync(root);
	if (!stats.isDirectory() || (uid !== undefined && stats.uid !== uid) || (stats.mode & 0o022) !== 0) {
		throw new Error(`${root} belongs to someone else`);
	}
	return root;
}

/** Where the bundle may be written, in order of preference; XDG asks for an absolute path. */
const cacheRoots = [
	() => (path.isAbsolute(process.env.XDG_CACHE_HOME ?? '') ? process.env.XDG_CACHE_HOME : undefined),
	() => path.join(os.homedir(), '.cache'),
	privateTemporaryRoot,
];

/** mkdir -p a level at a time: Node 20's recursive mkdir spins forever where mkdir keeps failing (under /proc). */
function makeDirectories(directory) {
	const missing = [];
	for (let current = directory; !fs.existsSync(current); current = path.dirname(current)) {
		missing.unshift(current);
		if (path.dirname(current) === current) break;
	}
	for (const level of missing) {
		try {
			fs.mkdirSync(level, {mode: 0o700});
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
	}
}

function writeFiles(directory) {
	for (const file of manifest.files) {
		const destination = path.join(directory, file.name);
		fs.mkdirSync(path.dirname(destination), {recursive: true});
		fs.writeFileSync(destination, new Uint8Array(sea.getRawAsset(file.name)));
	}
}

/** Writes the bundle beside a temporary name and renames it into place, so two first starts never see half of it. */
function extractUnder(root) {
	const target = path.join(root, 'kubedeck', manifest.id);
	if (isComplete(target)) return target;
	makeDirectories(path.dirname(target));
	const staging = fs.mkdtempSync(`${target}.tmp-`);
	try {
		writeFiles(staging);
		try {
			fs.renameSync(staging, target);
		} catch (error) {
			// Another kubedeck starting at the same moment may have put the same files in place first.
			if (isComplete(target)) return target;
			// A damaged copy (a file removed or cut short) is moved aside whole and replaced.
			const damaged = `${target}.damaged-${process.pid}`;
			fs.renameSync(target, damaged);
			fs.rmSync(damaged, {recursive: true, force: true});
			fs.renameSync(staging, target);
		}
	} catch (error) {
		if (!isComplete(target)) throw error;
	} finally {
		fs.rmSync(staging, {recursive: true, force: true});
	}
	return target;
}

function extract() {
	const failures = [];
	for (const rootOf of cacheRoots) {
		try {
			const root = rootOf();
			if (root) return extractUnder(root);
		} catch (error) {
			failures.push(error.message);
		}
	}
	throw new Error(`no writable cache directory for the bundle (${failures.join('; ')})`);
}

// Codes of a main script that may not import() files (some Node versions); each is raised before any module runs.
const importRefusals = new Set(['ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING', 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG', 'ERR_UNKNOWN_BUILTIN_MODULE']);

/** import() from this script; where that is refused, from a script compiled with the main context's loader. */
function importModule(url) {
	return import(url).catch(error => {
		if (!importRefusals.has(error?.code)) throw error;
		const withMainLoader = new vm.Script('url => import(url)', {
			filename: 'kubedeck-bootstrap',
			importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
		});
		return withMainLoader.runInThisContext()(url);
	});
}

try {
	const directory = extract();
	importModule(pathToFileURL(path.join(directory, manifest.entry)).href).catch(error => {
		process.stderr.write(`kubedeck: ${error instanceof Error ? error.stack : String(error)}\n`);
		process.exitCode = 1;
	});
} catch (error) {
	process.stderr.write(`kubedeck: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
}
