/** Moves the cursor to the start of a row (1-based), as CUP. */
function moveTo(row: number): string {
	return `\u001B[${row};1H`;
}

const eraseLineEnd = '\u001B[K';

/**
 * The bytes that turn the screen showing `previous` into `next`, frame lines drawn from the top-left corner of
 * the (alternate) screen: each changed line is rewritten in place, lines that disappeared are erased. Unchanged
 * lines cost nothing, so moving the cursor in a table sends two lines, not a screen.
 */
export function diffFrame(previous: readonly string[], next: readonly string[]): string {
	let output = '';
	const rows = Math.max(previous.length, next.length);
	for (let row = 0; row < rows; row++) {
		const line = next[row];
		if (line === previous[row]) continue;
		// Styled lines end with a reset in Ink's output; erasing the rest of the row keeps no stale characters.
		output += moveTo(row + 1) + (line ?? '') + eraseLineEnd;
	}

	return output;
}
