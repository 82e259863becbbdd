/** The smallest terminal the dashboard draws in; below it, it says what it needs. */
export const minimumSize = {columns: 60, rows: 12};

export type Layout = {
	columns: number;
	/** Lines the frame uses: the whole terminal (frames are drawn at absolute rows on the alternate screen). */
	frameHeight: number;
	/** Header lines (cluster summary, and the KUBECONFIG hint when there is room). */
	header: number;
	/** Lines for the current view, between the header and the breadcrumbs. */
	body: number;
	tooSmall: boolean;
};

/** Where everything goes for a terminal size: a pure function, tested on its own. */
export function computeLayout(columns: number, rows: number, options: {hintLine: boolean} = {hintLine: true}): Layout {
	const tooSmall = columns < minimumSize.columns || rows < minimumSize.rows;
	const frameHeight = Math.max(1, rows);
	const header = options.hintLine && rows >= 16 ? 2 : 1;
	// Breadcrumbs and the bottom line (prompt, flash or key hints) take one line each.
	const body = Math.max(1, frameHeight - header - 2);
	return {columns, frameHeight, header, body, tooSmall};
}
