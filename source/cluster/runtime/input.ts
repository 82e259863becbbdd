import type {Interruption} from './interruption.js';

/** One end of input on a terminal (Ctrl-D): the reader sees end of input once, and later reads go on. */
const endOfTransmission = null;

/**
 * What a process reads: text as it arrives, then an end. A read can be cut short by a signal, and leaves nothing
 * behind when it is.
 */
export class Input {
	private chunks: Array<string | null> = [];
	private ended = false;
	private wake: (() => void) | undefined;

	static of(text: string): Input {
		const input = new Input();
		if (text) input.push(text);
		input.end();
		return input;
	}

	/** Input that is already at its end; shared, since nothing can change it. */
	static empty(): Input {
		return emptyInput;
	}

	push(text: string): void {
		if (this.ended || !text) return;
		this.chunks.push(text);
		this.notify();
	}

	/** An end of input that later reads get past, as Ctrl-D on a terminal. */
	pushEnd(): void {
		if (this.ended) return;
		this.chunks.push(endOfTransmission);
		this.notify();
	}

	end(): void {
		if (this.ended) return;
		this.ended = true;
		this.notify();
	}

	/** The next piece of text; undefined at the end of input, or when a signal arrives first. */
	async read(signals?: Interruption): Promise<string | undefined> {
		for (;;) {
			if (this.chunks.length > 0) {
				const chunk = this.chunks.shift()!;
				return chunk === endOfTransmission ? undefined : chunk;
			}
			if (this.ended || signals?.signal) return undefined;
			if (!(await this.arrival(signals))) return undefined;
		}
	}

	/** The next line without its newline; undefined at the end (a last line without newline is still returned). */
	async readLine(signals?: Interruption): Promise<string | undefined> {
		let line = '';
		for (;;) {
			const head = this.chunks[0];
			if (head === endOfTransmission) {
				if (line) return line;
				this.chunks.shift();
				return undefined;
			}
			if (head !== undefined) {
				const newline = head.indexOf('\n');
				if (newline >= 0) {
					line += head.slice(0, newline);
					if (newline + 1 < head.length) this.chunks[0] = head.slice(newline + 1);
					else this.chunks.shift();
					return line;
				}
				line += head;
				this.chunks.shift();
				continue;
			}
			if (this.ended || signals?.signal) return line || undefined;
			if (!(await this.arrival(signals))) return line || undefined;
		}
	}

	/** Everything until the end of input. */
	async readAll(signals?: Interruption): Promise<string> {
		let text = '';
		for (;;) {
			const chunk = await this.read(signals);
			if (chunk === undefined) return text;
			text += chunk;
		}
	}

	/** Resolves true when more input or the end arrives, false when a signal came first. */
	private arrival(signals: Interruption | undefined): Promise<boolean> {
		return new Promise(resolve => {
			const unlisten = signals?.listen(() => {
				this.wake = undefined;
				resolve(false);
			});
			this.wake = () => {
				unlisten?.();
				resolve(true);
			};
		});
	}

	private notify(): void {
		const wake = this.wake;
		this.wake = undefined;
		wake?.();
	}
}

const emptyInput = Input.of('');
