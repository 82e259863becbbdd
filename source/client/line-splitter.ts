/**
 * Cuts a stream of text into whole lines as chunks arrive, keeping only the unfinished tail.
 * A line longer than maxLineLength is handed out in pieces, so one runaway line cannot hold memory.
 */
export class LineSplitter {
	private tail = '';

	constructor(private readonly maxLineLength = 1 << 20) {}

	/** The lines completed by this chunk, without their '\n' (and without a '\r' before it). */
	push(chunk: string): string[] {
		const lines: string[] = [];
		let text = this.tail + chunk;
		let start = 0;
		let end = text.indexOf('\n');
		while (end !== -1) {
			lines.push(text.charCodeAt(end - 1) === 13 && end > start ? text.slice(start, end - 1) : text.slice(start, end));
			start = end + 1;
			end = text.indexOf('\n', start);
		}
		text = start === 0 ? text : text.slice(start);
		while (text.length > this.maxLineLength) {
			lines.push(text.slice(0, this.maxLineLength));
			text = text.slice(this.maxLineLength);
		}
		this.tail = text;
		return lines;
	}

	/** The unfinished last line at the end of the stream, if any. */
	flush(): string | undefined {
		const rest = this.tail;
		this.tail = '';
		return rest ? rest : undefined;
	}
}
