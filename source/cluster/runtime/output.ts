import type {LogStream} from './types.js';

/** Where a process writes. */
export interface Output {
	write(text: string): void;
	/** True when it is a terminal (programs print differently to one, as `ls` and `curl` do). */
	readonly tty?: boolean;
}

export const nullOutput: Output = {write() {}};

/** Collects what is written, for command substitution and pipes. */
export class CapturedOutput implements Output {
	text = '';

	write(text: string): void {
		this.text += text;
	}
}

/** Turns what a container writes into whole lines for its log. */
export class LineLog implements Output {
	private pending = '';
	/** Also receives the text as written, while a session is attached. */
	tap: ((text: string) => void) | undefined;

	constructor(
		private readonly sink: (line: string, stream: LogStream) => void,
		private readonly stream: LogStream,
		/** The container has a terminal (spec tty). */
		readonly tty = false,
	) {}

	write(text: string): void {
		this.tap?.(text);
		let start = 0;
		for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
			const line = this.pending + text.slice(start, newline);
			this.pending = '';
			this.sink(line, this.stream);
			start = newline + 1;
		}
		if (start < text.length) this.pending += text.slice(start);
	}

	/** The last line, if it had no newline. */
	flush(): void {
		if (!this.pending) return;
		const line = this.pending;
		this.pending = '';
		this.sink(line, this.stream);
	}
}

/** An exec's output; on a terminal, newlines become CRLF as a pseudo-terminal's output processing does. */
export class StreamOutput implements Output {
	open = true;

	constructor(
		private readonly send: (data: string) => void,
		readonly tty: boolean,
	) {}

	write(text: string): void {
		if (!this.open || !text) return;
		this.send(this.tty ? text.replace(/\r?\n/g, '\r\n') : text);
	}
}
