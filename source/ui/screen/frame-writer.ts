import {diffFrame} from './frame-diff.js';
import type {LineOverlay} from './line-overlay.js';

const beginSynchronized = '\u001B[?2026h';
const endSynchronized = '\u001B[?2026l';
const clearScreen = '\u001B[H\u001B[2J';

export type FrameWriterOptions = {
	/** Wrap each update in synchronized-output marks so terminals that know them paint it at once. @default true */
	synchronized?: boolean;
	/** Lines laid over each frame before it is drawn (table rows drawn outside Ink). */
	overlay?: LineOverlay;
};

/**
 * Turns whole frames (Ink's output in debug mode) into minimal terminal updates on the alternate screen.
 *
 * Ink 6's incremental renderer moves the cursor one line too few when a frame ends with a newline, so frames drift
 * down the screen; its standard renderer rewrites every line on every change (about 4.4 KB per cursor move at
 * 120x40). Drawing at absolute rows sidesteps both: only changed lines are written, at their own row.
 * Frames arriving in one tick are coalesced: only the last is drawn.
 */
export class FrameWriter {
	private shown: string[] = [];
	private pending: string | undefined;
	private scheduled = false;
	private closed = false;
	private clearFirst = false;
	/** Bytes sent to the terminal so far (for the benchmark). */
	bytesWritten = 0;

	constructor(private readonly out: {write(chunk: string): unknown}, private readonly options: FrameWriterOptions = {}) {}

	/** A whole frame: lines separated by '\n', no cursor movement. */
	frame(text: string): void {
		if (this.closed) return;
		this.pending = text;
		if (this.scheduled) return;
		this.scheduled = true;
		queueMicrotask(() => {
			this.scheduled = false;
			this.flush();
		});
	}

	/** Draws the latest frame now. */
	flush(): void {
		if (this.closed || this.pending === undefined) return;
		const next = (this.options.overlay ? this.options.overlay.compose(this.pending) : this.pending).split('\n');
		this.pending = undefined;
		let output = this.clearFirst ? clearScreen : '';
		output += diffFrame(this.clearFirst ? [] : this.shown, next);
		this.clearFirst = false;
		this.shown = next;
		if (output === '') return;
		if (this.options.synchronized !== false) output = beginSynchronized + output + endSynchronized;
		this.bytesWritten += Buffer.byteLength(output);
		this.out.write(output);
	}

	/** Forget what is on screen: the next frame clears and draws everything (after a resize). */
	invalidate(): void {
		this.clearFirst = true;
	}

	/** No more drawing: the terminal is about to be given back. */
	close(): void {
		this.closed = true;
		this.pending = undefined;
	}
}
