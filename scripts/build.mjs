// Bundles kubedeck into one file, dist/kubedeck.mjs, that runs with no node_modules beside it (the package's bin, and
// what a user may copy anywhere). build-binary.mjs uses bundle() with splitting for the single executable.
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {builtinModules} from 'node:module';
import {chmod, mkdir, readFile, rename, writeFile} from 'node:fs/promises';
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

/** CommonJS dependencies call require(); an ESM bundle (the single executable's, split) has none of its own. */
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
 * Ink awaits at the top level of its reconciler, only when DEV is set (React devtools, which are not shipped), and
 * a script cannot: the payload imports devtools without waiting and reports no package version to them.
 */
const inkReconcilerEdits = [
	["await import('./devtools.js');", "void import('./devtools.js');"],
	['? await loadPackageJson()', '? {name: undefined, version: undefined}'],
];

/** The plugin that readies a payload to run as a script: what the bundler cannot turn into one is rewritten here. */
function asScript() {
	const builtins = new Set(builtinModules);
	return {
		name: 'kubedeck-script',
		setup(build) {
			// import() of a built-in becomes require(), as a script has no loader for it.
			build.onResolve({filter: /.*/}, args => (args.kind === 'dynamic-import' && builtins.has(args.path.replace(/^node:/, '')) ? {path: args.path, namespace: 'builtin-require'} : undefined));
			build.onLoad({filter: /.*/, namespace: 'builtin-require'}, args => ({contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js'}));
			build.onResolve({filter: /^yoga-layout$/}, () => ({path: path.join(root, 'scripts/yoga-sync.mjs')}));
			build.onResolve({filter: /^kubedeck:yoga-wasm$/}, args => ({path: args.path, namespace: 'yoga-wasm'}));
			build.onLoad({filter: /.*/, namespace: 'yoga-wasm'}, async () => {
				const loader = await readFile(path.join(root, 'node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js'), 'utf8');
				const wasm = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(loader);
				if (!wasm) throw new Error("build: yoga-layout's loader no longer carries its WebAssembly as a data: URL: update scripts/yoga-sync.mjs");
				return {contents: `export const wasmBase64 = ${JSON.stringify(wasm[1])};`, loader: 'js'};
			});
			build.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, async args => {
				let contents = await readFile(args.path, 'utf8');
				for (const [from, to] of inkReconcilerEdits) {
					if (!contents.includes(from)) throw new Error(`build: ink's reconciler no longer has \`${from}\`: update inkReconcilerEdits`);
					contents = contents.replace(from, to);
				}
				return {contents, loader: 'js'};
			});
		},
	};
}

/**
 * One payload: a script shaped as a CommonJS module (a function of exports, require, module, __filename, __dirname
 * and the prelude's __kdHost), which scripts/bundle-prelude.mjs compiles with V8's code cache. import.meta is the
 * bundle's, from the host.
 */
async function scriptPayload(name, entry, plugins, gzip) {
	const result = await build({
		...common,
		...(typeof entry === 'string' ? {entryPoints: [entry]} : {stdin: {contents: entry.contents, resolveDir: root, sourcefile: `${name}.js`}}),
		outfile: `${name}.js`,
		format: 'cjs',
		define: {...common.define, 'import.meta.url': '__kdHost.bundleUrl', 'import.meta': '__kdHost.importMeta'},
		plugins: [asScript(), ...plugins],
	});
	warnUnbundled(result.metafile);
	const dynamic = Object.values(result.metafile.inputs).flatMap(input => input.imports).filter(imported => imported.external && imported.kind === 'dynamic-import');
	if (dynamic.length > 0) throw new Error(`build: import() left in the ${name} payload, which runs as a script: ${dynamic.map(imported => imported.path).join(', ')}`);
	// A hashbang (cli.tsx's) would be a syntax error inside the function.
	const code = Buffer.from(result.outputFiles[0].text.replace(/^(#![^\n]*\n)+/, ''));
	const line = (gzip ? gzipSync(code, {level: 9}) : code).toString('base64');
	const id = idOf(line);
	return {name, id, gzip, marker: `\n//kubedeck-${name}:${id}:`, line};
}

/** scripts/bundle-prelude.mjs, the ES module Node runs: it finds each payload's line by its marker. */
async function prelude(payloads) {
	const described = Object.fromEntries(payloads.map(({name, id, marker, gzip}) => [name, {id, marker, gzip}]));
	const result = await build({...common, entryPoints: ['scripts/bundle-prelude.mjs'], outfile: 'kubedeck.mjs', plugins: [virtualModules({payloads: {payloads: JSON.stringify(described)}})]});
	return result.outputFiles[0].text.replace(/^(#![^\n]*\n)+/, '');
}

/** What source/commands/dashboard.ts imports when it runs: the client and the screen, the dashboard payload. */
const dashboardModules = ['client/connect', 'ui/run'];

/**
 * In the program, source/commands/dashboard.ts's imports of the dashboard modules load the dashboard payload: the
 * program keeps the command itself (it starts the embedded cluster's worker thread), and no part of Ink or React.
 */
function dashboardFromPayload() {
	const imported = new RegExp(`^\\.\\./(${dashboardModules.join('|')})\\.js$`);
	return {
		name: 'kubedeck-dashboard-payload',
		setup(build) {
			build.onResolve({filter: imported}, args => (args.importer.endsWith(path.join('source', 'commands', 'dashboard.ts')) ? {path: args.path, namespace: 'dashboard-payload'} : undefined));
			build.onLoad({filter: /.*/, namespace: 'dashboard-payload'}, () => ({contents: "module.exports = __kdHost.loadPayload('dashboard');", loader: 'js'}));
			build.onEnd(result => {
				const screen = Object.keys(result.metafile?.inputs ?? {}).filter(input => /node_modules\/(ink|react)\//.test(input));
				if (screen.length > 0) console.warn(`build: WARNING: the program (serve, and the worker thread) carries ${screen[0]} and more: import the screen only from the dashboard's modules`);
			});
		},
	};
}

/**
 * The one-file bundle: a small prelude, then the program (cli.tsx) and the dashboard as one comment line each. V8
 * skips a comment line of a megabyte in about a millisecond; compiling the code in it costs tens of them. The
 * dashboard is gzipped: `serve` skips it on every start and only the dashboard reads it.
 */
async function oneFile(outdir) {
	const payloads = [
		await scriptPayload('program', 'cli.tsx', [dashboardFromPayload()], false),
		await scriptPayload('dashboard', {contents: dashboardModules.map(module => `export * from './source/${module}.js';`).join('\n')}, [], true),
	];
	const text = shebang + (await prelude(payloads)) + payloads.map(payload => payload.marker + payload.line).join('') + '\n';
	await mkdir(outdir, {recursive: true});
	await writeAtomically(path.join(outdir, 'kubedeck.mjs'), text, 0o755);
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
