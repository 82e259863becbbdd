// Bundles kubedeck into one file, dist/kubedeck.mjs, that runs with no node_modules beside it (the package's bin, and
// what a user may copy anywhere). build-binary.mjs uses bundle() with splitting for the single executable.
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {builtinModules} from 'node:module';
import {chmod, mkdir, rename, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';

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

/** What every build shares: ESM for Node 20, minified, with every library inside it. */
const common = {
	absWorkingDir: root,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	metafile: true,
	// Outputs are written below: the entry's own hashbang is replaced by exactly one.
	write: false,
	// Ink imports react-devtools-core only when DEV is set; it is not shipped.
	alias: {'react-devtools-core': './scripts/empty-module.mjs'},
	define: {'process.env.NODE_ENV': '"production"'},
	logLevel: 'warning',
};

/** CommonJS dependencies call require(); an ESM bundle has none of its own. */
const requireBanner = "import {createRequire as __kdRequire} from 'node:module';const require=__kdRequire(import.meta.url);";

// esbuild keeps an import() it cannot resolve inside try as it is; with no node_modules it fails at run time.
function warnUnbundled(metafile) {
	const missing = unbundledImports(metafile);
	if (missing.length > 0) console.warn(`build: WARNING: left unbundled, these fail at run time: ${missing.join(', ')}`);
}

const idOf = text => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** A module the plugin makes up from `exports` (name: value), for imports of `kubedeck:<name>`. */
function virtualModules(modules) {
	return {
		name: 'kubedeck-virtual',
		setup(build) {
			build.onResolve({filter: /^kubedeck:/}, args => ({path: args.path, namespace: 'kubedeck-virtual'}));
			build.onLoad({filter: /.*/, namespace: 'kubedeck-virtual'}, args => {
				const exports = modules[args.path.slice('kubedeck:'.length)];
				if (!exports) throw new Error(`no virtual module ${args.path}`);
				return {contents: Object.entries(exports).map(([name, value]) => `export const ${name} = ${value};`).join('\n'), loader: 'js'};
			});
		},
	};
}

/**
 * The dashboard command (Ink, React, the client) bundled on its own, gzipped and base64 as the comment line that ends
 * the one-file bundle. Ink's layout engine awaits at its top level, so it stays an ES module, imported from a data:
 * URL by scripts/dashboard-loader.mjs, which stands in for source/commands/dashboard.js in the program.
 */
async function dashboardPayload() {
	const result = await build({...common, entryPoints: ['source/commands/dashboard.ts'], outfile: 'dashboard.mjs'});
	warnUnbundled(result.metafile);
	const payload = gzipSync(result.outputFiles[0].contents, {level: 9}).toString('base64');
	return {marker: `\n//kubedeck-dashboard:${idOf(payload)}:`, payload};
}

/**
 * cli.tsx as one script (CommonJS-shaped: a function of exports, require, module, __filename, __dirname and the
 * prelude's __kdHost), which scripts/bundle-prelude.mjs compiles with V8's code cache. import.meta comes from the
 * host; import() of a built-in becomes require(), as a script has no loader for it.
 */
async function programScript(dashboard) {
	const builtins = new Set(builtinModules);
	const isBuiltin = specifier => builtins.has(specifier.replace(/^node:/, ''));
	const result = await build({
		...common,
		entryPoints: ['cli.tsx'],
		outfile: 'program.cjs',
		format: 'cjs',
		define: {...common.define, 'import.meta.url': '__kdHost.bundleUrl', 'import.meta': '__kdHost.importMeta'},
		plugins: [
			{
				name: 'kubedeck-program',
				setup(build) {
					build.onResolve({filter: /^\.\/source\/commands\/dashboard\.js$/}, () => ({path: path.join(root, 'scripts/dashboard-loader.mjs')}));
					build.onResolve({filter: /.*/}, args => (args.kind === 'dynamic-import' && isBuiltin(args.path) ? {path: args.path, namespace: 'builtin-require'} : undefined));
					build.onLoad({filter: /.*/, namespace: 'builtin-require'}, args => ({contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js'}));
				},
			},
			virtualModules({'dashboard-payload': {payloadMarker: JSON.stringify(dashboard.marker), importModule: '__kdHost.importModule'}}),
		],
	});
	warnUnbundled(result.metafile);
	const dynamic = Object.values(result.metafile.inputs).flatMap(input => input.imports).filter(imported => imported.external && imported.kind === 'dynamic-import');
	if (dynamic.length > 0) throw new Error(`build: import() left in the program, which runs as a script: ${dynamic.map(imported => imported.path).join(', ')}`);
	// cli.tsx's hashbang would be a syntax error inside the function.
	return result.outputFiles[0].text.replace(/^(#![^\n]*\n)+/, '');
}

/** scripts/bundle-prelude.mjs, the ES module Node runs: it finds the program's line by its marker. */
async function prelude(program) {
	const result = await build({
		...common,
		entryPoints: ['scripts/bundle-prelude.mjs'],
		outfile: 'kubedeck.mjs',
		plugins: [virtualModules({'program-payload': {programId: JSON.stringify(program.id), programMarker: JSON.stringify(program.marker)}})],
	});
	return result.outputFiles[0].text;
}

/**
 * The one-file bundle: a small prelude, then the program and the dashboard as one comment line each. V8 skips a
 * comment line of a megabyte in about a millisecond; compiling the same code as a module costs tens of them.
 */
async function oneFile(outdir) {
	const dashboard = await dashboardPayload();
	const programText = await programScript(dashboard);
	const programPayload = Buffer.from(programText).toString('base64');
	const program = {id: idOf(programPayload), marker: ''};
	program.marker = `\n//kubedeck-program:${program.id}:`;
	const text = shebang + (await prelude(program)).replace(/^(#![^\n]*\n)+/, '') + `${program.marker}${programPayload}${dashboard.marker}${dashboard.payload}\n`;
	const entryFile = path.join(outdir, 'kubedeck.mjs');
	await mkdir(outdir, {recursive: true});
	await writeAtomically(entryFile, text, 0o755);
	return ['kubedeck.mjs'];
}

/**
 * Bundles cli.tsx into `outdir`/kubedeck.mjs. Split, the modules of each command go to `outdir`/chunks/*.mjs and are
 * parsed only when it runs; in one file, see oneFile. Returns the written files relative to `outdir`, the entry first.
 */
export async function bundle({outdir, splitting}) {
	if (!splitting) return oneFile(outdir);
	const entryFile = path.join(outdir, 'kubedeck.mjs');
	const result = await build({
		...common,
		entryPoints: {kubedeck: 'cli.tsx'},
		outdir,
		outExtension: {'.js': '.mjs'},
		chunkNames: 'chunks/[name]-[hash]',
		splitting,
		banner: {js: requireBanner},
	});
	warnUnbundled(result.metafile);

	await mkdir(path.join(outdir, 'chunks'), {recursive: true});
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
	// One file, so the bin runs wherever it is copied (the dashboard inside it, compressed); the single executable
	// splits, as its parts never leave it.
	await bundle({outdir: distDir, splitting: false});
	await writeFile(path.join(distDir, '.built'), new Date().toISOString());
}
