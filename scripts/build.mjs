// Bundles kubedeck into dist/kubedeck.mjs, plus the chunks in dist/chunks/ that only some commands load, so that it
// runs with no node_modules beside it. build-binary.mjs uses bundle() for the single executable.
import {build} from 'esbuild';
import {builtinModules} from 'node:module';
import {chmod, mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const shebang = '#!/usr/bin/env node\n';

/** Optional add-ons that ws, node-fetch and debug try to load and do without when they are missing. */
const optionalAddOns = new Set(['bufferutil', 'utf-8-validate', 'encoding', 'supports-color']);

/** Imports left in the output that are not Node built-ins would need a node_modules at run time. */
function unbundledImports(metafile) {
	const builtins = new Set(builtinModules);
	const found = new Set();
	for (const output of Object.values(metafile.outputs)) {
		for (const imported of output.imports) {
			if (!imported.external || optionalAddOns.has(imported.path)) continue;
			const name = imported.path.replace(/^node:/, '');
			if (!builtins.has(name) && !builtins.has(name.split('/')[0])) found.add(imported.path);
		}
	}
	return [...found];
}

/** Writes through a temporary name and renames, so a kubedeck starting meanwhile never reads half a file. */
async function writeAtomically(file, contents, mode = 0o644) {
	const temporary = `${file}.${process.pid}.tmp`;
	await writeFile(temporary, contents, {mode});
	await chmod(temporary, mode);
	await rename(temporary, file);
}

/**
 * Bundles cli.tsx into `outdir`/kubedeck.mjs and, when splitting, `outdir`/chunks/*.mjs: the modules of one command
 * (the cluster for serve, Ink and @kubernetes/client-node for the dashboard) are parsed only when it runs.
 * Returns the written files relative to `outdir`, the entry first.
 */
export async function bundle({outdir, splitting}) {
	const entryFile = path.join(outdir, 'kubedeck.mjs');
	const chunksDir = path.join(outdir, 'chunks');
	const result = await build({
		absWorkingDir: root,
		entryPoints: {kubedeck: 'cli.tsx'},
		outdir,
		outExtension: {'.js': '.mjs'},
		chunkNames: 'chunks/[name]-[hash]',
		splitting,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		minify: true,
		legalComments: 'none',
		metafile: true,
		// Outputs are written below: the entry's own hashbang is replaced by exactly one.
		write: false,
		// CommonJS dependencies call require(); an ESM bundle has none of its own.
		banner: {
			js: "import {createRequire as __kdRequire} from 'node:module';const require=__kdRequire(import.meta.url);",
		},
		// Ink imports react-devtools-core only when DEV is set; it is not shipped.
		alias: {'react-devtools-core': './scripts/empty-module.mjs'},
		define: {'process.env.NODE_ENV': '"production"'},
		logLevel: 'warning',
	});

	// esbuild keeps an import() it cannot resolve inside try as it is; with no node_modules it fails at run time.
	const missing = unbundledImports(result.metafile);
	if (missing.length > 0) console.warn(`build: WARNING: left unbundled, these fail at run time: ${missing.join(', ')}`);

	await mkdir(chunksDir, {recursive: true});
	const written = new Set();
	for (const output of result.outputFiles) {
		written.add(output.path);
		if (output.path !== entryFile) await writeAtomically(output.path, output.contents);
	}
	// The entry goes last: once it is in place, every chunk it names is too.
	const entry = result.outputFiles.find(output => output.path === entryFile);
	await writeAtomically(entryFile, shebang + entry.text.replace(/^(#![^\n]*\n)+/, ''), 0o755);

	// Chunks of earlier builds are named by other hashes; a build running beside this one owns its .tmp files.
	for (const name of await readdir(chunksDir)) {
		if (name.endsWith('.tmp') || written.has(path.join(chunksDir, name))) continue;
		await rm(path.join(chunksDir, name), {force: true});
	}
	return [entryFile, ...[...written].filter(file => file !== entryFile).sort()].map(file => path.relative(outdir, file).split(path.sep).join('/'));
}

/** Splitting pays off only if the package ships dist/chunks; without it, one file is the safe output. */
async function packageShipsChunks() {
	const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
	const files = (manifest.files ?? []).map(entry => entry.replace(/^\.\//, '').replace(/\/+$/, ''));
	return files.some(entry => ['dist', 'dist/chunks', 'dist/chunks/*', 'dist/chunks/**', 'dist/**'].includes(entry));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const splitting = await packageShipsChunks();
	if (!splitting) console.warn('build: package.json "files" does not list dist/chunks: writing one file (slower to start)');
	const distDir = path.join(root, 'dist');
	await bundle({outdir: distDir, splitting});
	await writeFile(path.join(distDir, '.built'), new Date().toISOString());
}
