/**
 * Aligns tab-separated cells the way Go's text/tabwriter does for kubectl describe: a column's width is set by
 * the run of consecutive lines that have a cell in it, so each section lines up on its own.
 */
export function tabwrite(lines: readonly string[][], padding = 2): string[] {
	const widths: number[][] = lines.map(cells => cells.map(() => 0));
	const columnCount = Math.max(0, ...lines.map(cells => cells.length));
	for (let column = 0; column < columnCount; column++) {
		let start = 0;
		while (start < lines.length) {
			// A cell is aligned only when another cell follows it on its line.
			if (lines[start].length <= column + 1) {
				start++;
				continue;
			}

			let end = start;
			let widest = 0;
			while (end < lines.length && lines[end].length > column + 1) {
				widest = Math.max(widest, lines[end][column].length);
				end++;
			}

			for (let line = start; line < end; line++) widths[line][column] = widest + padding;
			start = end;
		}
	}

	return lines.map((cells, line) => cells.map((cell, column) => (column < cells.length - 1 ? cell.padEnd(widths[line][column]) : cell)).join('').trimEnd());
}

/** Collects describe output as levelled, tab-separated lines (kubectl's PrefixWriter), then aligns them. */
export class DescribeWriter {
	private readonly lines: string[][] = [];

	/** One line: indentation by level (two spaces each), then cells. */
	write(level: number, ...cells: string[]): void {
		const [first = '', ...rest] = cells;
		this.lines.push(['  '.repeat(level) + first, ...rest]);
	}

	/** A label and its value; multi-line values continue aligned under the first. */
	field(level: number, label: string, value: string | number | undefined): void {
		const text = value === undefined || value === '' ? '<none>' : String(value);
		const [first, ...more] = text.split('\n');
		this.write(level, `${label}:`, first);
		for (const line of more) this.write(level, '', line);
	}

	/** A map (labels, annotations, selectors) as key=value lines aligned under the label. */
	map(level: number, label: string, entries: Record<string, string> | undefined, separator = '='): void {
		const list = Object.entries(entries ?? {}).sort(([left], [right]) => (left < right ? -1 : 1));
		if (list.length === 0) {
			this.write(level, `${label}:`, '<none>');
			return;
		}

		for (const [index, [key, value]] of list.entries()) this.write(level, index === 0 ? `${label}:` : '', `${key}${separator}${value}`);
	}

	blank(): void {
		this.lines.push(['']);
	}

	toLines(): string[] {
		return tabwrite(this.lines);
	}
}
