// Bundles kubedeck into one file, dist/kubedeck.mjs, that runs with no node_modules beside it (the package's bin, and
// what a user may copy anywhere). build-binary.mjs uses bundle() with splitting for the single executable.
import {build} from 'esbuild';
import {builtinModules} from 'node:module';
import {chmod, mkdir, rename, writeFile} from 'node:fs/promises';
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

	await mkdir(splitting ? path.join(outdir, 'chunks') : outdir, {recursive: true});
	const written = new Set();
	for (const output of result.outputFiles) {
		written.add(output.path);
		if (output.path !== entryFile) await writeAtomically(output.path, output.contents);
	}
	// The entry goes last: once it is in place, every chunk it names is too.
	const entry = result.outputFiles.find(output => output.path === entryFile);
	await writeAtomically(entryFile, shebang + entry.text.replace(/^(#![^\n]*\n)+/, ''), 0o755);

	return [entryFile, ...[...written].filter(file => file !== entryFile).sort()].map(file => path.relative(outdir, file).split(path.sep).join('/'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const distDir = path.join(root, 'dist');
	// One file, so the bin runs wherever it is copied. Split, `--version` would parse 130 KB instead of 5 MB, but the
	// bin would need dist/chunks beside it; the single executable splits, as its parts never leave it.
	await bundle({outdir: distDir, splitting: false});
	await writeFile(path.join(distDir, '.built'), new Date().toISOString());
}
