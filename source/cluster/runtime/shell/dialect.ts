import type {ShellSyntaxError} from './parser.js';

/**
 * Which shell is running: BusyBox ash (busybox, alpine), dash (sh on Debian and Ubuntu) or bash. They run the same
 * scripts here; they differ in their prompts and in how they word errors.
 */
export type Dialect = 'ash' | 'dash' | 'bash';

/** Where a message comes from: `$0`, the line, and how the shell was started. */
export type MessageSource = {
	dialect: Dialect;
	/** $0: 'sh', 'bash', or a script's path. */
	name: string;
	line: number;
	/** Reading commands from a terminal or stdin rather than from -c or a file. */
	interactive: boolean;
	/** Started with -c. */
	commandString: boolean;
};

/** The prefix of an error message, as each shell writes it: `sh: `, `sh: 3: `, `bash: line 3: `. */
export function prefix(source: MessageSource): string {
	switch (source.dialect) {
		case 'ash':
			return `${source.name}: `;
		case 'dash':
			return `${source.name}: ${source.line}: `;
		case 'bash':
			if (source.interactive) return `${source.name}: `;
			return `${source.name}: line ${source.line}: `;
	}
}

export function notFound(source: MessageSource, command: string): string {
	if (source.dialect === 'bash') return `${prefix(source)}${command}: command not found`;
	return `${prefix(source)}${command}: not found`;
}

export function syntaxError(source: MessageSource, error: ShellSyntaxError): string {
	switch (source.dialect) {
		case 'ash':
			if (error.unterminatedQuote) return `${source.name}: syntax error: unterminated quoted string`;
			return `${source.name}: syntax error: unexpected ${error.token === 'end of file' ? 'end of file' : `"${error.token}"`}`;
		case 'dash':
			if (error.unterminatedQuote) return `${source.name}: ${error.line}: Syntax error: Unterminated quoted string`;
			return `${source.name}: ${error.line}: Syntax error: ${error.token === 'end of file' ? 'end of file' : `"${error.token}"`} unexpected`;
		case 'bash': {
			const where = source.commandString ? `${source.name}: -c: line ${error.line}: ` : source.interactive ? `${source.name}: ` : `${source.name}: line ${error.line}: `;
			if (error.unterminatedQuote) return `${where}unexpected EOF while looking for matching \`${error.token}'`;
			if (error.token === 'end of file') return `${where}syntax error: unexpected end of file`;
			return `${where}syntax error near unexpected token \`${error.token}'`;
		}
	}
}

/** The interactive prompt: `/ # ` (ash), `# ` (dash), `root@web-1:/# ` (bash). */
export function prompt(dialect: Dialect, cwd: string, hostname: string): string {
	const where = cwd === '/root' ? '~' : cwd.startsWith('/root/') ? `~${cwd.slice(5)}` : cwd;
	switch (dialect) {
		case 'ash':
			return `${where} # `;
		case 'dash':
			return '# ';
		case 'bash':
			return `root@${hostname}:${where}# `;
	}
}
