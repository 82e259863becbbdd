/** Splits text into lines of at most `width` characters, breaking at spaces when it can. */
export function wordWrap(text: string, width: number): string[] {
	const size = Math.max(1, width);
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let rest = paragraph;
		while (rest.length > size) {
			const space = rest.lastIndexOf(' ', size);
			const cut = space > size / 3 ? space : size;
			lines.push(rest.slice(0, cut).trimEnd());
			rest = rest.slice(cut).replace(/^ /, '');
		}

		lines.push(rest);
	}

	return lines;
}

/**
 * Splits a line that is wider than the screen into pieces, the continuations indented like the start of the
 * line's value (describe output aligns values in a column).
 */
export function hangingWrap(line: string, width: number): string[] {
	if (line.length <= width) return [line];
	const indent = Math.min(/^(\s*(?:[^:]+:\s+)?)/.exec(line)?.[1].length ?? 0, Math.floor(width / 2));
	const pieces = [line.slice(0, width)];
	for (let start = width; start < line.length; start += width - indent) pieces.push(' '.repeat(indent) + line.slice(start, start + width - indent));
	return pieces;
}
