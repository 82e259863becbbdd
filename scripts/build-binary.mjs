// Builds dist/kubedeck: one executable that needs no Node installed, made with Node's single-executable-application
// support. An ESM bundle split into chunks rides along as assets; scripts/sea-bootstrap.cjs is the main that loads it.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmod, copyFile, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {bundle} from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = path.join(root, 'dist');
const binaryName = process.platform === 'win32' ? 'kubedeck.exe' : 'kubedeck';
const binaryFile = path.join(distDir, binaryName);
// The fuse Node looks for to know a blob was injected (from Node's single-executable documentation).
const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

function run(command, args, options = {}) {
	const result = spawnSync(command, args, {stdio: 'inherit', ...options});
	if (result.error) throw result.error;
	if (result.status !== 0) {
		const output = [result.stdout, result.stderr].filter(text => typeof text === 'string' && text).join('');
		throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}\n${output}`);
	}
	return result;
}

function supportsAssets() {
	const [major, minor] = process.versions.node.split('.').map(Number);
	return major > 21 || (major === 21 && minor >= 7) || (major === 20 && minor >= 12);
}

/** Names the cache directory the bootstrap writes to: a new build never reuses an old build's files. */
async function bundleId(files) {
	const hash = createHash('sha256');
	for (const file of files) hash.update(`${file.name}\0`).update(await readFile(file.source)).update('\0');
	const {version} = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
	return `${version}-${hash.digest('hex').slice(0, 16)}`;
}

/** Node's debug symbols weigh some 13 MB; a copy without them runs the same. */
function stripSymbols(file) {
	if (process.platform !== 'linux') return;
	const result = spawnSync('strip', ['--strip-all', file], {stdio: 'ignore'});
	if (result.error || result.status !== 0) console.warn('build-binary: strip unavailable, keeping debug symbols');
}

/** postject's own CLI, in a child so its notes about ELF sections it does not know can be left out of the log. */
function injectBlob(executable, blobFile) {
	const postject = createRequire(import.meta.url).resolve('postject/dist/cli.js');
	const args = [postject, executable, 'NODE_SEA_BLOB', blobFile, '--sentinel-fuse', seaFuse];
	if (process.platform === 'darwin') args.push('--macho-segment-name', 'NODE_SEA');
	const result = run(process.execPath, args, {stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8'});
	const notes = `${result.stdout}${result.stderr}`.split('\n').filter(line => line.trim() && !/string offset for section|Start injection|Injection done/.test(line));
	if (notes.length > 0) console.warn(notes.join('\n'));
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Wall time of one run in milliseconds, with nothing of the caller's environment (no node on PATH). */
function wallTime(command, args, home) {
	const started = process.hrtime.bigint();
	run(command, args, {stdio: 'ignore', env: {HOME: home, PATH: '/nonexistent'}});
	return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Medians of runs taken in turns, so a busy machine weighs on both alike. */
function startTimes(home, rounds = 7) {
	const binary = [];
	const bareNode = [];
	for (let round = 0; round < rounds; round++) {
		binary.push(wallTime(binaryFile, ['--version'], home));
		bareNode.push(wallTime(process.execPath, ['-e', '0'], home));
	}
	return {binary: Math.round(median(binary)), bareNode: Math.round(median(bareNode))};
}

if (!supportsAssets()) {
	throw new Error(`Node ${process.versions.node} cannot embed assets in a single executable: use Node 20.12 or later`);
}

const work = await mkdtemp(path.join(os.tmpdir(), 'kubedeck-sea-'));
try {
	// Split: each command parses only its own modules, and the chunks cannot be parted from the executable.
	const bundleDir = path.join(work, 'bundle');
	const files = await Promise.all((await bundle({outdir: bundleDir, splitting: true})).map(async name => {
		const source = path.join(bundleDir, name);
		return {name, source, size: (await stat(source)).size};
	}));
	const manifest = {id: await bundleId(files), entry: 'kubedeck.mjs', files: files.map(({name, size}) => ({name, size}))};
	const manifestFile = path.join(work, 'manifest.json');
	await writeFile(manifestFile, JSON.stringify(manifest));

	const blobFile = path.join(work, 'sea.blob');
	const configFile = path.join(work, 'sea-config.json');
	await writeFile(configFile, JSON.stringify({
		main: path.join(root, 'scripts/sea-bootstrap.cjs'),
		output: blobFile,
		disableExperimentalSEAWarning: true,
		assets: {'manifest.json': manifestFile, ...Object.fromEntries(files.map(file => [file.name, file.source]))},
	}));
	run(process.execPath, ['--experimental-sea-config', configFile], {stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8'});

	const executable = path.join(work, binaryName);
	await copyFile(process.execPath, executable);
	await chmod(executable, 0o755);
	stripSymbols(executable);
	// macOS refuses to run a signed binary whose contents changed: unsign, inject, sign again without an identity.
	if (process.platform === 'darwin') run('codesign', ['--remove-signature', executable]);
	injectBlob(executable, blobFile);
	if (process.platform === 'darwin') run('codesign', ['--sign', '-', executable]);

	// Renamed into place whole, so nothing ever runs half a binary.
	await mkdir(distDir, {recursive: true});
	await rename(executable, binaryFile).catch(async () => {
		await copyFile(executable, `${binaryFile}.tmp`);
		await rename(`${binaryFile}.tmp`, binaryFile);
	});

	const home = await mkdtemp(path.join(work, 'home-'));
	// The first start writes the bundle to the cache; the ones after only read it.
	const firstStart = Math.round(wallTime(binaryFile, ['--version'], home));
	const {binary, bareNode} = startTimes(home);
	const size = (await stat(binaryFile)).size;
	console.log(`${path.relative(root, binaryFile)}: ${(size / 1024 / 1024).toFixed(1)} MB, bundle ${manifest.id} (${files.length} files)`);
	console.log(`start, --version: ${binary} ms (first start ${firstStart} ms); node -e 0: ${bareNode} ms`);
} finally {
	await rm(work, {recursive: true, force: true});
}
