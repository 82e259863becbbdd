/** Moves the cursor to the start of a row (1-based), as CUP. */
function moveTo(row: number): string {
	return `\u001B[${row};1H`;
}

const eraseLineEnd = '\u001B[K';
const resetStyle = '\u001B[m';
const resetRegion = '\u001B[r';
/** Larger shifts are page moves, where nearly every line changes anyway. */
const maxShift = 3;
/** A scroll pays off only when it saves rewriting several lines. */
const minimumShiftedLines = 4;

/** Rewrites each line of `next` that differs from the screen, erasing what is left of the row. */
function rewriteLines(screen: readonly string[], next: readonly string[]): string {
	let output = '';
	const rows = Math.max(screen.length, next.length);
	for (let row = 0; row < rows; row++) {
		const line = next[row];
		if (line === screen[row]) continue;
		output += moveTo(row + 1) + (line ?? '') + eraseLineEnd;
	}

	return output;
}

/**
 * A scroll of part of the screen by `shift` rows (positive: content moves up) that turns as many lines as it can
 * into lines already on screen, with the screen as it looks afterwards. Undefined when no shift helps enough.
 */
function bestScroll(previous: readonly string[], next: readonly string[]): {sequence: string; screen: string[]} | undefined {
	let best: {shift: number; first: number; last: number; matched: number} | undefined;
	for (let distance = 1; distance <= maxShift; distance++) {
		for (const shift of [distance, -distance]) {
			let first = -1;
			let last = -1;
			let matched = 0;
			for (let row = 0; row < next.length; row++) {
				const source = row + shift;
				if (source < 0 || source >= previous.length) continue;
				if (next[row] !== previous[row] && next[row] === previous[source]) {
					matched++;
					if (first < 0) first = row;
					last = row;
				}
			}

			if (matched >= minimumShiftedLines && (!best || matched > best.matched)) best = {shift, first, last, matched};
		}
	}

	if (!best) return undefined;
	const {shift, first, last} = best;
	const top = shift > 0 ? first : first + shift;
	const bottom = shift > 0 ? last + shift : last;
	const screen = [...previous];
	const size = Math.abs(shift);
	for (let row = top; row <= bottom; row++) {
		const source = row + shift;
		screen[row] = source >= top && source <= bottom ? previous[source] : '';
	}

	// Scroll inside a region (DECSTBM), then give the whole screen back; new rows come in blank.
	const scroll = shift > 0 ? `\u001B[${size}S` : `\u001B[${size}T`;
	return {sequence: `${resetStyle}\u001B[${top + 1};${bottom + 1}r${scroll}${resetRegion}`, screen};
}

/**
 * The bytes that turn the screen showing `previous` into `next`, frame lines drawn from the top-left corner of
 * the (alternate) screen: changed lines are rewritten in place and lines that disappeared are erased. When the
 * content of a region moved by a few rows (scrolling a table or a log by a line), the terminal scrolls that region
 * and only the lines that came into view are written. Unchanged lines cost nothing, so moving the cursor in a
 * table sends two lines, not a screen.
 */
export function diffFrame(previous: readonly string[], next: readonly string[]): string {
	const plain = rewriteLines(previous, next);
	const scroll = bestScroll(previous, next);
	if (!scroll) return plain;
	const scrolled = scroll.sequence + rewriteLines(scroll.screen, next);
	return scrolled.length < plain.length ? scrolled : plain;
}
