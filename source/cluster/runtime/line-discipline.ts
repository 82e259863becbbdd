import type {Input} from './input.js';
import type {Interruption} from './interruption.js';

/**
 * The cooked mode of a pseudo-terminal: kubectl sends raw keystrokes (`echo hello\r`), the terminal echoes them, edits
 * the line on backspace, and hands the program whole lines. Ctrl-C interrupts, Ctrl-D ends input on an empty line.
 */
export class LineDiscipline {
	private line = '';
	/** Inside an escape sequence (arrow keys and the like), which is swallowed. */
	private escape: 'none' | 'start' | 'csi' | 'ss3' = 'none';

	constructor(
		private readonly input: Input,
		private readonly echo: (text: string) => void,
		private readonly signals: Interruption,
	) {}

	feed(data: string): void {
		for (const char of data) this.key(char);
	}

	private key(char: string): void {
		if (this.escape !== 'none') {
			this.escapeKey(char);
			return;
		}
		switch (char) {
			case '\r':
			case '\n': {
				this.echo('\r\n');
				const line = this.line;
				this.line = '';
				this.input.push(`${line}\n`);
				return;
			}
			case '\u007f':
			case '\b':
				if (!this.line) return;
				this.line = [...this.line].slice(0, -1).join('');
				this.echo('\b \b');
				return;
			case '\u0003':
				this.echo('^C\r\n');
				this.line = '';
				this.signals.raise('INT');
				return;
			case '\u0004':
				if (this.line) {
					this.input.push(this.line);
					this.line = '';
				} else {
					this.input.pushEnd();
				}
				return;
			case '\u0015':
				this.echo('\b \b'.repeat([...this.line].length));
				this.line = '';
				return;
			case '\u0017': {
				const kept = this.line.replace(/\S+\s*$/, '');
				this.echo('\b \b'.repeat([...this.line].length - [...kept].length));
				this.line = kept;
				return;
			}
			case '\u001b':
				this.escape = 'start';
				return;
			default:
				if (char < ' ' && char !== '\t') return;
				this.line += char;
				this.echo(char);
		}
	}

	private escapeKey(char: string): void {
		if (this.escape === 'start') {
			this.escape = char === '[' ? 'csi' : char === 'O' ? 'ss3' : 'none';
			return;
		}
		if (this.escape === 'ss3' || (char >= '@' && char <= '~')) this.escape = 'none';
	}
}
