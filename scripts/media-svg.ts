/** A screen of cells drawn as SVG: a window with a title bar, cell backgrounds, and monospace text runs. */
import type {Cell, Screen} from './media-cells.js';
import {background, foreground, titleBar, titleText} from './media-palette.js';

const fontSize = 14;
/** A monospace glyph is about 0.6 em wide; textLength below holds each run to its cells whatever the font. */
const cellWidth = 8.4;
const lineHeight = 18;
const padding = 14;
const barHeight = 30;
const fontFamily = `ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace`;

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const round = (value: number) => Number(value.toFixed(2));

type Run = {col: number; cells: Cell[]};

const textStyle = (cell: Cell) => `${cell.fg}|${cell.bold}|${cell.dim}|${cell.italic}|${cell.underline}`;

/** Neighbouring cells that share a key, as runs starting at their column. */
function runsOf(cells: Cell[], key: (cell: Cell) => string): Run[] {
	const runs: Run[] = [];
	let current: Run | undefined;
	let currentKey = '';
	cells.forEach((cell, col) => {
		if (cell.width === 0) {
			// The right half of a wide character belongs to the run of its left half.
			current?.cells.push(cell);
			return;
		}

		const cellKey = key(cell);
		if (current && cellKey === currentKey) {
			current.cells.push(cell);
		} else {
			current = {col, cells: [cell]};
			currentKey = cellKey;
			runs.push(current);
		}
	});
	return runs;
}

function backgroundRects(cells: Cell[], y: number): string[] {
	return runsOf(cells, cell => cell.bg)
		.filter(run => run.cells[0].bg !== background)
		.map(run => `<rect x="${round(padding + run.col * cellWidth)}" y="${y}" width="${round(run.cells.length * cellWidth)}" height="${lineHeight}" fill="${run.cells[0].bg}"/>`);
}

function textRuns(cells: Cell[], baseline: number): string[] {
	const elements: string[] = [];
	for (const run of runsOf(cells, textStyle)) {
		const text = run.cells.map(cell => cell.text).join('');
		const leading = text.length - text.trimStart().length;
		const trimmed = text.trim();
		if (!trimmed) continue;
		// Leading and trailing blanks are one column each; the cells in between keep their widths.
		const columns = run.cells.length - leading - (text.length - text.trimEnd().length);
		const cell = run.cells[0];
		const attributes = [
			`x="${round(padding + (run.col + leading) * cellWidth)}"`,
			`y="${baseline}"`,
			`textLength="${round(columns * cellWidth)}"`,
			'lengthAdjust="spacingAndGlyphs"',
			`fill="${cell.fg}"`,
			cell.bold ? 'font-weight="bold"' : '',
			cell.dim ? 'opacity="0.6"' : '',
			cell.italic ? 'font-style="italic"' : '',
			cell.underline ? 'text-decoration="underline"' : '',
		].filter(Boolean);
		elements.push(`<text ${attributes.join(' ')}>${escapeXml(trimmed)}</text>`);
	}

	return elements;
}

/** The whole picture: `title` goes in the window's title bar. */
export function screenToSvg(screen: Screen, title: string): string {
	const width = round(padding * 2 + screen.cols * cellWidth);
	const height = barHeight + padding * 2 + screen.rows * lineHeight;
	const top = barHeight + padding;
	const rects: string[] = [];
	const texts: string[] = [];
	screen.lines.forEach((cells, row) => {
		const y = top + row * lineHeight;
		rects.push(...backgroundRects(cells, y));
		texts.push(...textRuns(cells, y + Math.round(lineHeight * 0.75)));
	});
	const dots = ['#ff5f57', '#febc2e', '#28c840'].map((fill, index) => `<circle cx="${18 + index * 20}" cy="${barHeight / 2}" r="6" fill="${fill}"/>`);
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
		`<rect width="${width}" height="${height}" rx="8" fill="${background}"/>`,
		`<path d="M0 8a8 8 0 0 1 8-8h${width - 16}a8 8 0 0 1 8 8v${barHeight - 8}h-${width}z" fill="${titleBar}"/>`,
		...dots,
		`<text x="${width / 2}" y="${barHeight / 2 + 5}" text-anchor="middle" fill="${titleText}" font-family="${escapeXml(fontFamily)}" font-size="13">${escapeXml(title)}</text>`,
		...rects,
		`<g font-family="${escapeXml(fontFamily)}" font-size="${fontSize}" fill="${foreground}" xml:space="preserve" style="white-space:pre">`,
		...texts,
		'</g>',
		'</svg>',
		'',
	].join('\n');
}
