/**
 * The program under a real pseudo-terminal (util-linux `script`), its output fed to a headless xterm so the screen
 * can be read cell by cell, and kept with timestamps for a recording.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {StringDecoder} from 'node:string_decoder';
import xterm from '@xterm/headless';
import type {Terminal} from '@xterm/headless';

/** One chunk the program wrote, `time` in seconds since it started. */
export type OutputEvent = {time: number; data: string};

export type ProgramOptions = {
	/** The program and its arguments. */
	command: string[];
	cols: number;
	rows: number;
	env: NodeJS.ProcessEnv;
	cwd: string;
};

export type WaitOptions = {
	/** Milliseconds before giving up; default 20 s. */
	timeout?: number;
	/** What is awaited, for the error message. */
	what?: string;
};

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
const pause = (milliseconds: number) => new Promise(resolve => setTimeout(resolve, milliseconds));

export class ProgramTerminal {
	readonly terminal: Terminal;
	readonly output: OutputEvent[] = [];
	readonly exited: Promise<number | null>;
	private readonly child: ChildProcessWithoutNullStreams;
	private readonly started = performance.now();
	private lastOutput = performance.now();

	constructor(options: ProgramOptions) {
		this.terminal = new xterm.Terminal({cols: options.cols, rows: options.rows, allowProposedApi: true, scrollback: 0});
		// `script` runs the command through a shell on the pseudo-terminal: stty gives it the size before it starts.
		const shell = `stty cols ${options.cols} rows ${options.rows}; exec ${options.command.map(quote).join(' ')}`;
		this.child = spawn('script', ['-qfec', shell, '/dev/null'], {cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe']});
		// A chunk may end inside a multi-byte character: the decoder holds it until the rest arrives.
		const decoder = new StringDecoder('utf8');
		const receive = (chunk: Buffer) => {
			const data = decoder.write(chunk);
			if (!data) return;
			this.lastOutput = performance.now();
			this.output.push({time: (this.lastOutput - this.started) / 1000, data});
			this.terminal.write(data);
		};

		this.child.stdout.on('data', receive);
		this.child.stderr.on('data', receive);
		this.exited = new Promise(resolve => this.child.on('exit', code => resolve(code)));
	}

	/** The screen as text, one line per row, after everything received so far has been parsed. */
	async screen(): Promise<string> {
		await new Promise<void>(resolve => this.terminal.write('', resolve));
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < this.terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines.join('\n');
	}

	/** Waits until every text is on the screen at once (or the test passes), polling as the program draws. */
	async waitFor(expected: string | string[] | ((screen: string) => boolean), options: WaitOptions = {}): Promise<string> {
		const test = typeof expected === 'function' ? expected : (screen: string) => [expected].flat().every(text => screen.includes(text));
		const deadline = performance.now() + (options.timeout ?? 20_000);
		for (;;) {
			const screen = await this.screen();
			if (test(screen)) return screen;
			if (this.child.exitCode !== null) throw new Error(`the program exited (${this.child.exitCode}) while waiting for ${options.what ?? String(expected)}:\n${screen}`);
			if (performance.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? String(expected)}; the screen was:\n${screen}`);
			await pause(50);
		}
	}

	/** Waits until the program has written nothing for `quiet` ms (Ink redraws on a timer), at most `limit` ms. */
	async settle(quiet = 300, limit = 2000): Promise<void> {
		const deadline = performance.now() + limit;
		while (performance.now() - this.lastOutput < quiet && performance.now() < deadline) await pause(25);
		await this.screen();
	}

	/** Sends keys as one write, as a terminal does for a special key or a paste. */
	async press(keys: string, after = 120): Promise<void> {
		this.child.stdin.write(keys);
		await pause(after);
	}

	/** Types text one character at a time, as a person would. */
	async type(text: string, delay = 35): Promise<void> {
		for (const character of text) await this.press(character, delay);
	}

	/** Ends the program if it is still running (SIGKILL to `script` and, with its terminal gone, the program). */
	async kill(): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		this.child.kill('SIGKILL');
		await this.exited;
	}

	dispose(): void {
		this.terminal.dispose();
	}
}
