import type {Column, Row} from '../render/types.js';

export type PlacedColumn = {column: Column; index: number; width: number};

/** Spaces between columns, and before the first. */
export const columnGap = 2;
export const leftMargin = 1;
const defaultMaxWidth = 40;
const minimumFlexibleWidth = 10;

/** The widest cell of each column over all rows (not just the visible ones, so widths do not jump while scrolling). */
export function naturalWidths(columns: readonly Column[], rows: readonly Row[]): number[] {
	return columns.map((column, index) => {
		const cap = column.maxWidth ?? defaultMaxWidth;
		if (column.live) return Math.max(column.title.length, column.live.width);
		let widest = column.title.length;
		for (const row of rows) {
			const length = row.cells[index]?.length ?? 0;
			if (length > widest) {
				widest = length;
				if (widest >= cap) break;
			}
		}

		return Math.min(widest, Math.max(cap, column.title.length));
	});
}

/** Columns at this priority or above go before the flexible column (NAME) is cut. */
const optionalPriority = 3;
/** NAME is cut to this before the important columns go. */
const comfortableFlexibleWidth = 24;

/**
 * Which columns fit in `width` and how wide each is. The optional columns (priority 3 and up) drop out first,
 * least important and rightmost first; then the flexible column (NAME) is cut to a comfortable width; then the
 * important columns drop; last, NAME is cut further.
 */
export function placeColumns(columns: readonly Column[], natural: readonly number[], width: number): PlacedColumn[] {
	let placed: PlacedColumn[] = columns.map((column, index) => ({column, index, width: natural[index]}));
	const total = () => leftMargin + placed.reduce((sum, entry) => sum + entry.width, 0) + columnGap * Math.max(0, placed.length - 1);
	const dropDownTo = (lowest: number) => {
		while (total() > width && placed.length > 1) {
			let drop = -1;
			for (const [position, entry] of placed.entries()) {
				if (entry.column.priority < lowest) continue;
				if (drop < 0 || entry.column.priority >= placed[drop].column.priority) drop = position;
			}

			if (drop < 0) return;
			placed = placed.filter((_, position) => position !== drop);
		}
	};

	const flexible = () => placed.find(entry => entry.column.flexible) ?? placed[0];
	const shrinkTo = (minimum: number) => {
		const overflow = total() - width;
		if (overflow <= 0) return;
		const entry = flexible();
		entry.width = Math.max(Math.min(entry.width, minimum), entry.width - overflow);
	};

	dropDownTo(optionalPriority);
	shrinkTo(comfortableFlexibleWidth);
	dropDownTo(1);
	shrinkTo(minimumFlexibleWidth);
	return placed;
}

/** Fits text to a width: cut with an ellipsis, padded on the side the column aligns away from. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (text.length > width) return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
	return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

/**
 * One table line (header or row) as plain text, cut to `width`, without trailing spaces: every character costs
 * time in Ink's output, and the screen is blank there anyway. `padLine` widens the selected row.
 */
export function formatLine(placed: readonly PlacedColumn[], cell: (entry: PlacedColumn) => string, width: number): string {
	let line = ' '.repeat(leftMargin);
	for (const [position, entry] of placed.entries()) {
		if (position > 0) line += ' '.repeat(columnGap);
		line += fit(cell(entry), entry.width, entry.column.align);
	}

	return (line.length > width ? fit(line, width) : line).trimEnd();
}

/** A line padded to the full width, so a highlighted row spans the screen. */
export function padLine(line: string, width: number): string {
	return line.length >= width ? line : line.padEnd(width);
}
