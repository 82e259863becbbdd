import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import xterm from '@xterm/headless';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {toAsciicast} from '../../scripts/media-cast.js';
import {readScreen} from '../../scripts/media-cells.js';
import {readSection} from '../../scripts/readme-keys-markers.js';
import {screenToSvg} from '../../scripts/media-svg.js';
import {bundleFile, ensureBundle, hasScript, projectRoot, run} from './ship-outputs.js';

const output = mkdtempSync(path.join(os.tmpdir(), 'kubedeck-media-test-'));

afterAll(() => rmSync(output, {recursive: true, force: true}));

function terminalShowing(data: string): Promise<xterm.Terminal> {
	const terminal = new xterm.Terminal({cols: 20, rows: 3, allowProposedApi: true});
	return new Promise(resolve => terminal.write(data, () => resolve(terminal)));
}

describe('npm run media', () => {
	beforeAll(() => ensureBundle(), 300_000);

	it.skipIf(!hasScript)('draws the real dashboard: one scene into a directory of its own', async () => {
		const script = path.join(projectRoot, 'scripts/media.ts');
		const result = await run(process.execPath, ['--import', 'tsx', script, '--out', output, '--scenes', 'deployments', '--no-readme', '--bundle', bundleFile], {cwd: projectRoot});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const svg = readFileSync(path.join(output, 'deployments.svg'), 'utf8');
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		// Text of the program, in text elements: the picture is drawn from its screen.
		expect(svg).toMatch(/<text [^>]*>[^<]*kubernetes-bootcamp[^<]*<\/text>/);
		expect(svg).toMatch(/<text [^>]*>[^<]*UP-TO-DATE[^<]*<\/text>/);
		expect(svg).toContain('>Context:</text>');
		// Only the scene asked for, and no recording.
		expect(existsSync(path.join(output, 'pods.svg'))).toBe(false);
		expect(existsSync(path.join(output, 'tour.cast'))).toBe(false);
	}, 120_000);
});

describe('the committed media', () => {
	const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
	const pictures = [...(readSection(readme, 'media') ?? '').matchAll(/!\[[^\]]*]\((media\/[\w-]+\.svg)\)/g)].map(match => match[1]);

	it('are shown in the README, each picture a frame of the dashboard', () => {
		expect(pictures.length).toBeGreaterThanOrEqual(5);
		for (const picture of pictures) {
			const svg = readFileSync(path.join(projectRoot, picture), 'utf8');
			expect(svg, picture).toContain('>Context:</text>');
		}
	});

	it('include a tour recorded as asciicast v2 that scales kubernetes-bootcamp', () => {
		const [header, ...events] = readFileSync(path.join(projectRoot, 'media/tour.cast'), 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as unknown);
		expect(header).toMatchObject({version: 2, width: 120, height: 36});
		let previous = 0;
		let data = '';
		for (const event of events) {
			expect(event).toEqual([expect.any(Number), 'o', expect.any(String)]);
			const [time, , text] = event as [number, string, string];
			expect(time).toBeGreaterThanOrEqual(previous);
			previous = time;
			data += text;
		}

		expect(data).toContain('deployment.apps/kubernetes-bootcamp scaled');
	});
});

describe('a screen as SVG', () => {
	it('keeps the colours of the cells, reverse video included, and escapes the text', async () => {
		const terminal = await terminalShowing('\u001B[32mok\u001B[0m \u001B[7m<pods>\u001B[0m');
		const svg = screenToSvg(readScreen(terminal), 'a & b');
		expect(svg).toContain('aria-label="a &amp; b"');
		expect(svg).toMatch(/<text [^>]*fill="#98c379">ok<\/text>/);
		// Reverse video: the default foreground becomes the background of those six cells.
		expect(svg).toMatch(/<rect x="[\d.]+" y="\d+" width="50.4" height="18" fill="#c8ccd4"\/>/);
		expect(svg).toContain('>&lt;pods&gt;</text>');
		terminal.dispose();
	});

	it('holds a run of text to the width of its cells', async () => {
		const terminal = await terminalShowing('a  b');
		expect(screenToSvg(readScreen(terminal), 't')).toContain('textLength="33.6" lengthAdjust="spacingAndGlyphs" fill="#c8ccd4">a  b</text>');
		terminal.dispose();
	});
});

describe('a recording as asciicast', () => {
	it('shortens long pauses and keeps the order of the output', () => {
		const cast = toAsciicast([{time: 0.5, data: 'a'}, {time: 9, data: 'b'}, {time: 9.25, data: 'c'}], {cols: 80, rows: 24, title: 't', idleLimit: 1});
		expect(cast.trimEnd().split('\n').slice(1)).toEqual(['[0.5,"o","a"]', '[1.5,"o","b"]', '[1.75,"o","c"]']);
	});
});
