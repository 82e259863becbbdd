/**
 * `npm run media`: opens the built dashboard on a throwaway demo cluster in a 120x36 pseudo-terminal, walks through
 * its screens, and writes what the terminal shows as SVG pictures under media/, the whole walk as media/tour.cast,
 * and the README's key table and picture list.
 *
 *   --out DIR        where the pictures go (default media/)
 *   --scenes a,b     only these scenes (default all); no recording then
 *   --no-cast        no recording
 *   --no-readme      leave README.md alone (a run of some scenes only updates the key table)
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {fileURLToPath} from 'node:url';
import {toAsciicast} from './media-cast.js';
import {readScreen} from './media-cells.js';
import {mediaSection} from './media-readme.js';
import {finale, scenes, type Scene} from './media-scenes.js';
import {screenToSvg} from './media-svg.js';
import {ProgramTerminal} from './media-terminal.js';
import {writeSection} from './readme-keys-markers.js';
import {readmeFile, writeReadmeKeys} from './readme-keys.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cols = 120;
const rows = 36;
const castName = 'tour.cast';
/** The whole run is bounded: a screen that never appears fails the run instead of hanging it. */
const runLimit = 110_000;

export type MediaOptions = {
	out: string;
	/** Scene names; all when undefined. */
	only?: string[];
	cast: boolean;
	readme: boolean;
	bundle: string;
};

export type MediaResult = {files: string[]; seconds: number};

function chosenScenes(only: string[] | undefined): Scene[] {
	if (!only) return [...scenes];
	const unknown = only.filter(name => !scenes.some(scene => scene.name === name));
	if (unknown.length > 0) throw new Error(`no scene named ${unknown.join(', ')}; there are ${scenes.map(scene => scene.name).join(', ')}`);
	return scenes.filter(scene => only.includes(scene.name));
}

export async function makeMedia(options: MediaOptions): Promise<MediaResult> {
	const started = performance.now();
	if (!existsSync(options.bundle)) throw new Error(`${options.bundle} is missing: run npm run build first`);
	const chosen = chosenScenes(options.only);
	mkdirSync(options.out, {recursive: true});
	// A home of its own: no user settings or favourite namespaces of whoever runs this show up in the pictures.
	const home = mkdtempSync(path.join(os.tmpdir(), 'kubedeck-media-'));
	const env = {PATH: process.env['PATH'], HOME: home, TERM: 'xterm-256color', COLORTERM: 'truecolor', LANG: 'C.UTF-8'};
	const program = new ProgramTerminal({command: [process.execPath, options.bundle, '--ephemeral', '--demo'], cols, rows, env, cwd: home});
	const limit = setTimeout(() => void program.kill(), runLimit);
	const files: string[] = [];
	try {
		await program.waitFor(['K8s:', 'Nodes:'], {what: 'the dashboard header', timeout: 60_000});
		for (const scene of chosen) {
			await scene.show(program);
			await program.settle();
			const file = path.join(options.out, `${scene.name}.svg`);
			writeFileSync(file, screenToSvg(readScreen(program.terminal), scene.title));
			files.push(file);
		}

		if (options.cast) await finale(program);
		else await program.type(':q\r', 100);
		let waited: NodeJS.Timeout | undefined;
		const code = await Promise.race([program.exited, new Promise(resolve => (waited = setTimeout(() => resolve('still running'), 15_000)))]);
		clearTimeout(waited);
		if (code !== 0) throw new Error(`the dashboard did not quit cleanly on :q (${String(code)}):\n${await program.screen()}`);
		if (options.cast) {
			const file = path.join(options.out, castName);
			writeFileSync(file, toAsciicast(program.output, {cols, rows, title: 'kubedeck: a tour of the demo cluster'}));
			files.push(file);
		}
	} finally {
		clearTimeout(limit);
		await program.kill();
		program.dispose();
		rmSync(home, {recursive: true, force: true});
	}

	if (options.readme) {
		writeReadmeKeys();
		// The README shows the committed pictures: a run of some scenes only leaves its list as it is.
		if (!options.only) {
			const readme = readFileSync(readmeFile, 'utf8');
			const updated = writeSection(readme, 'media', mediaSection(scenes, `media/${castName}`), {heading: 'Screens', afterHeading: 'Keys'});
			if (updated !== readme) writeFileSync(readmeFile, updated);
		}
	}

	return {files, seconds: (performance.now() - started) / 1000};
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const {values} = parseArgs({
		options: {
			out: {type: 'string', default: path.join(root, 'media')},
			scenes: {type: 'string'},
			'no-cast': {type: 'boolean', default: false},
			'no-readme': {type: 'boolean', default: false},
			bundle: {type: 'string', default: path.join(root, 'dist/kubedeck.mjs')},
		},
	});
	const only = values.scenes?.split(',').map(name => name.trim()).filter(Boolean);
	const result = await makeMedia({
		out: path.resolve(values.out),
		only,
		// A recording is a tour of every screen.
		cast: !values['no-cast'] && only === undefined,
		readme: !values['no-readme'],
		bundle: path.resolve(values.bundle),
	});
	for (const file of result.files) console.log(path.relative(process.cwd(), file));
	console.log(`media: ${result.files.length} files in ${result.seconds.toFixed(1)} s`);
}
