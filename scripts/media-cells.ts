/** The visible screen of a headless xterm as rows of cells with their colours resolved. */
import type {IBufferCell, Terminal} from '@xterm/headless';
import {background, foreground, palette, rgbColour} from './media-palette.js';

export type Cell = {
	/** The character(s) drawn in the cell; '' for the right half of a wide character. */
	text: string;
	/** Columns the character takes: 1, 2 for a wide character, 0 for the cell after one. */
	width: number;
	fg: string;
	bg: string;
	bold: boolean;
	dim: boolean;
	italic: boolean;
	underline: boolean;
};

export type Screen = {cols: number; rows: number; lines: Cell[][]};

function colour(cell: IBufferCell, which: 'fg' | 'bg'): string | undefined {
	if (which === 'fg' ? cell.isFgRGB() : cell.isBgRGB()) return rgbColour(which === 'fg' ? cell.getFgColor() : cell.getBgColor());
	if (which === 'fg' ? cell.isFgPalette() : cell.isBgPalette()) return palette[which === 'fg' ? cell.getFgColor() : cell.getBgColor()];
	return undefined;
}

function readCell(cell: IBufferCell): Cell {
	let fg = colour(cell, 'fg') ?? foreground;
	let bg = colour(cell, 'bg') ?? background;
	if (cell.isInverse()) [fg, bg] = [bg, fg];
	const text = cell.getChars();
	const width = cell.getWidth();
	return {
		text: text === '' && width > 0 ? ' ' : text,
		width,
		fg,
		bg,
		bold: Boolean(cell.isBold()),
		dim: Boolean(cell.isDim()),
		italic: Boolean(cell.isItalic()),
		underline: Boolean(cell.isUnderline()),
	};
}

/** Reads what the terminal shows now (the viewport, not the scrollback). */
export function readScreen(terminal: Terminal): Screen {
	const buffer = terminal.buffer.active;
	const lines: Cell[][] = [];
	const scratch = buffer.getNullCell();
	for (let row = 0; row < terminal.rows; row++) {
		const line = buffer.getLine(buffer.viewportY + row);
		const cells: Cell[] = [];
		for (let col = 0; col < terminal.cols; col++) {
			const cell = line?.getCell(col, scratch);
			cells.push(cell ? readCell(cell) : {text: ' ', width: 1, fg: foreground, bg: background, bold: false, dim: false, italic: false, underline: false});
		}

		lines.push(cells);
	}

	return {cols: terminal.cols, rows: terminal.rows, lines};
}
