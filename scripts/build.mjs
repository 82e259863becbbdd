// Bundles kubedeck into one ESM file that runs with no node_modules beside it.
import {build} from 'esbuild';
import {chmod, mkdir, writeFile} from 'node:fs/promises';

await mkdir(new URL('../dist/', import.meta.url), {recursive: true});
await build({
	entryPoints: ['cli.tsx'],
	outfile: 'dist/kubedeck.mjs',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	// CommonJS dependencies call require(); an ESM bundle has none of its own.
	banner: {
		js: "#!/usr/bin/env node\nimport {createRequire as __kdRequire} from 'node:module';const require=__kdRequire(import.meta.url);",
	},
	// Ink imports react-devtools-core only when DEV is set; it is not shipped.
	alias: {'react-devtools-core': './scripts/empty-module.mjs'},
	define: {'process.env.NODE_ENV': '"production"'},
	logLevel: 'warning',
});
await chmod('dist/kubedeck.mjs', 0o755);
await writeFile('dist/.built', new Date().toISOString());
