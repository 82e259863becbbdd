import type {AndOr, Command, CompoundCommand, List, ParameterOperator, Pipeline, Redirect, SimpleCommand, Word, WordPart} from './ast.js';

/** A script the shell cannot read. `incomplete` when more lines could complete it (an open quote, a missing `done`). */
export class ShellSyntaxError extends Error {
	constructor(
		/** The token as the shell names it in its message: 'fi', ';', 'end of file'. */
		readonly token: string,
		readonly line: number,
		readonly incomplete: boolean,
		readonly unterminatedQuote = false,
	) {
		super(unterminatedQuote ? 'unterminated quoted string' : `unexpected ${token}`);
		this.name = 'ShellSyntaxError';
	}
}

type Token =
	| {type: 'word'; word: Word; plain: string | undefined; line: number}
	| {type: 'operator'; value: string; line: number}
	| {type: 'io'; fd: number; line: number}
	| {type: 'newline'; line: number}
	| {type: 'end'; line: number};

type PendingHeredoc = {delimiter: string; strip: boolean; quoted: boolean; redirect: Redirect};

const operators = ['<<-', '&&', '||', ';;', '>>', '>&', '<&', '&>', '<<', '>|', ';', '&', '|', '<', '>', '(', ')'];
const redirectOperators = new Set(['>', '>>', '<', '>&', '<&', '&>', '<<', '<<-', '>|']);
const listEnds = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const metacharacters = ' \t\n;&|<>()';
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const specialParameters = '?$#@*!-0123456789';

/** Parses a whole script. */
export function parseScript(source: string): List {
	const parser = new Parser(source, 0);
	const list = parser.parseList();
	const token = parser.peek();
	if (token.type !== 'end') throw parser.unexpected(token);
	return list;
}

/** Parses text in which only `$`, backquotes and backslashes mean something (here-documents, arithmetic). */
export function parseExpansions(text: string): Word {
	return new Parser(text, 0).readLooseParts();
}

class Parser {
	pos: number;
	private line = 1;
	private peeked: Token | undefined;
	private heredocs: PendingHeredoc[] = [];

	constructor(
		private readonly source: string,
		start: number,
	) {
		this.pos = start;
	}

	parseList(): List {
		const items: List = [];
		for (;;) {
			this.skipNewlines();
			if (this.isListEnd(this.peek())) return items;
			const command = this.parseAndOr();
			const separator = this.peek();
			if (separator.type === 'operator' && (separator.value === '&' || separator.value === ';')) {
				this.next();
				items.push({command, background: separator.value === '&'});
				continue;
			}
			items.push({command, background: false});
			if (separator.type === 'newline') {
				this.next();
				continue;
			}
			if (!this.isListEnd(separator)) throw this.unexpected(separator);
			return items;
		}
	}

	peek(): Token {
		this.peeked ??= this.lex();
		return this.peeked;
	}

	unexpected(token: Token): ShellSyntaxError {
		if (token.type === 'end') return new ShellSyntaxError('end of file', token.line, true);
		const text = token.type === 'word' ? token.plain ?? 'word' : token.type === 'operator' ? token.value : token.type === 'newline' ? 'newline' : String(token.fd);
		return new ShellSyntaxError(text, token.line, false);
	}

	/** Everything to the end as word parts, for here-documents and arithmetic. */
	readLooseParts(): Word {
		const parts: Word = [];
		let text = '';
		const flush = () => {
			if (text) parts.push({type: 'text', value: text, quoted: true});
			text = '';
		};
		while (this.pos < this.source.length) {
			const char = this.source[this.pos];
			if (char === '\\' && '$`\\\n'.includes(this.source[this.pos + 1] ?? '')) {
				if (this.source[this.pos + 1] !== '\n') text += this.source[this.pos + 1];
				this.pos += 2;
			} else if (char === '$' || char === '`') {
				const part = this.readExpansion(true);
				if (part === '$') text += part;
				else {
					flush();
					parts.push(part);
				}
			} else {
				text += char;
				this.pos++;
			}
		}
		flush();
		return parts;
	}

	private next(): Token {
		const token = this.peek();
		this.peeked = undefined;
		return token;
	}

	private skipNewlines(): void {
		while (this.peek().type === 'newline') this.next();
	}

	private isListEnd(token: Token): boolean {
		if (token.type === 'end') return true;
		if (token.type === 'operator') return token.value === ')' || token.value === ';;';
		return token.type === 'word' && token.plain !== undefined && listEnds.has(token.plain);
	}

	private isWord(token: Token, plain: string): boolean {
		return token.type === 'word' && token.plain === plain;
	}

	private expectWord(plain: string): void {
		const token = this.next();
		if (!this.isWord(token, plain)) throw this.unexpected(token);
	}

	private expectOperator(value: string): void {
		const token = this.next();
		if (token.type !== 'operator' || token.value !== value) throw this.unexpected(token);
	}

	private parseAndOr(): AndOr {
		const first = this.parsePipeline();
		const rest: AndOr['rest'] = [];
		for (;;) {
			const token = this.peek();
			if (token.type !== 'operator' || (token.value !== '&&' && token.value !== '||')) return {first, rest};
			this.next();
			this.skipNewlines();
			rest.push({operator: token.value, pipeline: this.parsePipeline()});
		}
	}

	private parsePipeline(): Pipeline {
		let negated = false;
		if (this.isWord(this.peek(), '!')) {
			this.next();
			negated = true;
		}
		const commands = [this.parseCommand()];
		for (;;) {
			const token = this.peek();
			if (token.type !== 'operator' || token.value !== '|') return {negated, commands};
			this.next();
			this.skipNewlines();
			commands.push(this.parseCommand());
		}
	}

	private parseCommand(): Command {
		const token = this.peek();
		const line = token.line;
		let compound: CompoundCommand | undefined;
		if (token.type === 'word' && token.plain !== undefined) {
			switch (token.plain) {
				case 'if':
					compound = this.parseIf(line);
					break;
				case 'while':
				case 'until':
					compound = this.parseLoop(line);
					break;
				case 'for':
					compound = this.parseFor(line);
					break;
				case 'case':
					compound = this.parseCase(line);
					break;
				case '{': {
					this.next();
					const body = this.parseList();
					this.expectWord('}');
					compound = {type: 'group', body, redirects: [], line};
					break;
				}
				case 'function': {
					this.next();
					const name = this.next();
					if (name.type !== 'word' || !name.plain || !namePattern.test(name.plain)) throw this.unexpected(name);
					if (/^[ \t]*\(\)/.test(this.source.slice(this.pos))) {
						this.expectOperator('(');
						this.expectOperator(')');
					}
					this.skipNewlines();
					return {type: 'function', name: name.plain, body: this.parseCommand(), redirects: [], line};
				}
				default:
					if (namePattern.test(token.plain) && /^[ \t]*\([ \t]*\)/.test(this.source.slice(this.pos))) {
						this.next();
						this.expectOperator('(');
						this.expectOperator(')');
						this.skipNewlines();
						return {type: 'function', name: token.plain, body: this.parseCommand(), redirects: [], line};
					}
			}
		} else if (token.type === 'operator' && token.value === '(') {
			this.next();
			const body = this.parseList();
			this.expectOperator(')');
			compound = {type: 'subshell', body, redirects: [], line};
		}
		if (!compound) return this.parseSimple();
		for (;;) {
			const next = this.peek();
			if (next.type === 'io') {
				this.next();
				this.parseRedirect(compound.redirects, next.fd);
			} else if (next.type === 'operator' && redirectOperators.has(next.value)) {
				this.parseRedirect(compound.redirects, undefined);
			} else {
				return compound;
			}
		}
	}

	private parseIf(line: number): CompoundCommand {
		this.next();
		const clauses: Array<{condition: List; body: List}> = [];
		let otherwise: List | undefined;
		for (;;) {
			const condition = this.parseList();
			this.expectWord('then');
			clauses.push({condition, body: this.parseList()});
			const token = this.next();
			if (this.isWord(token, 'elif')) continue;
			if (this.isWord(token, 'else')) {
				otherwise = this.parseList();
				this.expectWord('fi');
				break;
			}
			if (this.isWord(token, 'fi')) break;
			throw this.unexpected(token);
		}
		return {type: 'if', clauses, otherwise, redirects: [], line};
	}

	private parseLoop(line: number): CompoundCommand {
		const keyword = this.next();
		const until = keyword.type === 'word' && keyword.plain === 'until';
		const condition = this.parseList();
		this.expectWord('do');
		const body = this.parseList();
		this.expectWord('done');
		return {type: 'loop', until, condition, body, redirects: [], line};
	}

	private parseFor(line: number): CompoundCommand {
		this.next();
		const name = this.next();
		if (name.type !== 'word' || !name.plain || !namePattern.test(name.plain)) throw this.unexpected(name);
		let words: Word[] | undefined;
		const separator = this.peek();
		if (separator.type === 'operator' && separator.value === ';') this.next();
		this.skipNewlines();
		if (this.isWord(this.peek(), 'in')) {
			this.next();
			words = [];
			for (let token = this.peek(); token.type === 'word'; token = this.peek()) words.push((this.next() as {word: Word}).word);
			const end = this.next();
			if (!(end.type === 'newline' || (end.type === 'operator' && end.value === ';'))) throw this.unexpected(end);
			this.skipNewlines();
		}
		this.expectWord('do');
		const body = this.parseList();
		this.expectWord('done');
		return {type: 'for', name: name.plain, words, body, redirects: [], line};
	}

	private parseCase(line: number): CompoundCommand {
		this.next();
		const subject = this.next();
		if (subject.type !== 'word') throw this.unexpected(subject);
		this.skipNewlines();
		this.expectWord('in');
		this.skipNewlines();
		const items: Array<{patterns: Word[]; body: List}> = [];
		while (!this.isWord(this.peek(), 'esac')) {
			const open = this.peek();
			if (open.type === 'operator' && open.value === '(') this.next();
			const patterns: Word[] = [];
			for (;;) {
				const pattern = this.next();
				if (pattern.type !== 'word') throw this.unexpected(pattern);
				patterns.push(pattern.word);
				const separator = this.peek();
				if (separator.type === 'operator' && separator.value === '|') {
					this.next();
					continue;
				}
				break;
			}
			this.expectOperator(')');
			const body = this.parseList();
			items.push({patterns, body});
			const end = this.peek();
			if (end.type === 'operator' && end.value === ';;') {
				this.next();
				this.skipNewlines();
			} else if (!this.isWord(end, 'esac')) {
				throw this.unexpected(end);
			}
		}
		this.next();
		return {type: 'case', word: subject.word, items, redirects: [], line};
	}

	private parseSimple(): SimpleCommand {
		const command: SimpleCommand = {type: 'simple', assignments: [], words: [], redirects: [], line: this.peek().line};
		for (;;) {
			const token = this.peek();
			if (token.type === 'io') {
				this.next();
				this.parseRedirect(command.redirects, token.fd);
			} else if (token.type === 'operator' && redirectOperators.has(token.value)) {
				this.parseRedirect(command.redirects, undefined);
			} else if (token.type === 'word') {
				this.next();
				const assignment = command.words.length === 0 ? asAssignment(token.word) : undefined;
				if (assignment) command.assignments.push(assignment);
				else command.words.push(token.word);
			} else {
				break;
			}
		}
		if (command.words.length === 0 && command.assignments.length === 0 && command.redirects.length === 0) throw this.unexpected(this.peek());
		return command;
	}

	private parseRedirect(redirects: Redirect[], fd: number | undefined): void {
		const operator = this.next() as {value: string};
		const target = this.next();
		if (target.type !== 'word') throw this.unexpected(target);
		switch (operator.value) {
			case '&>':
				redirects.push({fd: 1, operator: '>', target: target.word});
				redirects.push({fd: 2, operator: '>&', target: [{type: 'text', value: '1', quoted: false}]});
				return;
			case '<<':
			case '<<-': {
				const raw = wordSource(target.word);
				const redirect: Redirect = {fd: fd ?? 0, operator: '<<', target: []};
				this.heredocs.push({delimiter: raw.text, strip: operator.value === '<<-', quoted: raw.quoted, redirect});
				redirects.push(redirect);
				return;
			}
			case '<':
			case '<&':
				redirects.push({fd: fd ?? 0, operator: operator.value, target: target.word});
				return;
			case '>|':
				redirects.push({fd: fd ?? 1, operator: '>', target: target.word});
				return;
			default:
				redirects.push({fd: fd ?? 1, operator: operator.value as Redirect['operator'], target: target.word});
		}
	}

	private lex(): Token {
		const source = this.source;
		for (;;) {
			const char = source[this.pos];
			if (char === ' ' || char === '\t') this.pos++;
			else if (char === '\\' && source[this.pos + 1] === '\n') {
				this.pos += 2;
				this.line++;
			} else if (char === '#') {
				while (this.pos < source.length && source[this.pos] !== '\n') this.pos++;
			} else break;
		}
		const line = this.line;
		if (this.pos >= source.length) {
			if (this.heredocs.length > 0) throw new ShellSyntaxError('end of file', line, true);
			return {type: 'end', line};
		}
		const char = source[this.pos];
		if (char === '\n') {
			this.pos++;
			this.line++;
			this.readHeredocs();
			return {type: 'newline', line};
		}
		for (const operator of operators) {
			if (source.startsWith(operator, this.pos)) {
				this.pos += operator.length;
				return {type: 'operator', value: operator, line};
			}
		}
		const word = this.readWord();
		const next = source[this.pos];
		if ((next === '<' || next === '>') && word.length === 1 && word[0].type === 'text' && !word[0].quoted && /^\d$/.test(word[0].value)) {
			return {type: 'io', fd: Number(word[0].value), line};
		}
		const plain = word.length === 1 && word[0].type === 'text' && !word[0].quoted ? word[0].value : undefined;
		return {type: 'word', word, plain, line};
	}

	private readHeredocs(): void {
		const pending = this.heredocs;
		this.heredocs = [];
		for (const heredoc of pending) {
			let body = '';
			for (;;) {
				if (this.pos >= this.source.length) throw new ShellSyntaxError('end of file', this.line, true);
				const newline = this.source.indexOf('\n', this.pos);
				const end = newline < 0 ? this.source.length : newline;
				let text = this.source.slice(this.pos, end);
				this.pos = newline < 0 ? end : end + 1;
				this.line++;
				if (heredoc.strip) text = text.replace(/^\t+/, '');
				if (text === heredoc.delimiter) break;
				body += `${text}\n`;
			}
			heredoc.redirect.target = heredoc.quoted ? [{type: 'text', value: body, quoted: true}] : parseExpansions(body);
		}
	}

	private readWord(): Word {
		const source = this.source;
		const start = this.pos;
		const parts: Word = [];
		let text = '';
		const flush = () => {
			if (text) parts.push({type: 'text', value: text, quoted: false});
			text = '';
		};
		while (this.pos < source.length) {
			const char = source[this.pos];
			if (metacharacters.includes(char)) break;
			if (char === '\\') {
				const next = source[this.pos + 1];
				if (next === undefined) {
					this.pos++;
					break;
				}
				this.pos += 2;
				if (next === '\n') {
					this.line++;
					continue;
				}
				flush();
				parts.push({type: 'text', value: next, quoted: true});
			} else if (char === "'") {
				const end = source.indexOf("'", this.pos + 1);
				if (end < 0) throw new ShellSyntaxError("'", this.line, true, true);
				flush();
				const value = source.slice(this.pos + 1, end);
				this.line += countNewlines(value);
				parts.push({type: 'text', value, quoted: true});
				this.pos = end + 1;
			} else if (char === '"') {
				flush();
				this.readDoubleQuoted(parts);
			} else if (char === '$' || char === '`') {
				const part = this.readExpansion(false);
				if (part === '$') text += part;
				else {
					flush();
					parts.push(part);
				}
			} else if (char === '~' && this.pos === start && (this.pos + 1 >= source.length || '/ \t\n;&|<>()'.includes(source[this.pos + 1]))) {
				parts.push({type: 'tilde'});
				this.pos++;
			} else {
				text += char;
				this.pos++;
			}
		}
		flush();
		return parts;
	}

	private readDoubleQuoted(parts: Word): void {
		const source = this.source;
		this.pos++;
		let text = '';
		const flush = (always: boolean) => {
			if (text || always) parts.push({type: 'text', value: text, quoted: true});
			text = '';
		};
		let pushed = false;
		for (;;) {
			if (this.pos >= source.length) throw new ShellSyntaxError('"', this.line, true, true);
			const char = source[this.pos];
			if (char === '"') {
				this.pos++;
				flush(!pushed);
				return;
			}
			if (char === '\\') {
				const next = source[this.pos + 1] ?? '';
				if ('$`"\\'.includes(next) && next) {
					text += next;
					this.pos += 2;
				} else if (next === '\n') {
					this.pos += 2;
					this.line++;
				} else {
					text += '\\';
					this.pos++;
				}
			} else if (char === '$' || char === '`') {
				const part = this.readExpansion(true);
				if (part === '$') text += part;
				else {
					flush(false);
					parts.push(part);
					pushed = true;
				}
			} else {
				if (char === '\n') this.line++;
				text += char;
				this.pos++;
			}
		}
	}

	/** The expansion at a `$` or a backquote, or '$' (read past) for a lone dollar sign, which is literal text. */
	private readExpansion(quoted: boolean): WordPart | '$' {
		if (this.source[this.pos] === '`') return this.readBackquote(quoted);
		const part = this.readDollar(quoted);
		if (part) return part;
		this.pos++;
		return '$';
	}

	/** `$name`, `${...}`, `$(...)` or `$((...))` at pos; undefined for a lone `$`. */
	private readDollar(quoted: boolean): WordPart | undefined {
		const source = this.source;
		const next = source[this.pos + 1];
		if (next === '{') return this.readBraced(quoted);
		if (next === '(') {
			if (source[this.pos + 2] === '(') {
				const end = matchingDoubleParen(source, this.pos + 3);
				if (end >= 0) {
					const expression = parseExpansions(source.slice(this.pos + 3, end));
					this.pos = end + 2;
					return {type: 'arithmetic', expression, quoted};
				}
			}
			const nested = new Parser(source, this.pos + 2);
			nested.line = this.line;
			const body = nested.parseList();
			nested.expectOperator(')');
			this.pos = nested.pos;
			this.line = nested.line;
			return {type: 'command', body, quoted};
		}
		if (next !== undefined && /[A-Za-z_]/.test(next)) {
			let end = this.pos + 2;
			while (end < source.length && /[A-Za-z0-9_]/.test(source[end])) end++;
			const name = source.slice(this.pos + 1, end);
			this.pos = end;
			return {type: 'parameter', name, quoted};
		}
		if (next !== undefined && specialParameters.includes(next)) {
			this.pos += 2;
			return {type: 'parameter', name: next, quoted};
		}
		return undefined;
	}

	private readBraced(quoted: boolean): WordPart {
		const source = this.source;
		let pos = this.pos + 2;
		let length = false;
		if (source[pos] === '#' && source[pos + 1] !== '}' && source[pos + 1] !== undefined) {
			length = true;
			pos++;
		}
		let name: string;
		const match = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d+|[?$#@*!-])/.exec(source.slice(pos));
		if (!match) throw new ShellSyntaxError('${', this.line, false);
		name = match[0];
		pos += name.length;
		if (length) {
			if (source[pos] !== '}') throw new ShellSyntaxError('${', this.line, pos >= source.length);
			this.pos = pos + 1;
			return {type: 'parameter', name, quoted, operator: 'length'};
		}
		if (source[pos] === '}') {
			this.pos = pos + 1;
			return {type: 'parameter', name, quoted};
		}
		const operator = (['##', '%%', ':-', ':=', ':+', ':?', '-', '=', '+', '?', '#', '%'] as const).find(candidate => source.startsWith(candidate, pos));
		if (!operator) throw new ShellSyntaxError('${', this.line, pos >= source.length);
		pos += operator.length;
		const end = matchingBrace(source, pos);
		if (end < 0) throw new ShellSyntaxError('end of file', this.line, true);
		// A pattern stays a pattern inside double quotes; a default value is quoted text there.
		const pattern = operator === '#' || operator === '##' || operator === '%' || operator === '%%';
		const argument = new Parser(source.slice(pos, end), 0).readArgument(quoted && !pattern);
		this.pos = end + 1;
		return {type: 'parameter', name, quoted, operator: operator as ParameterOperator, argument};
	}

	/** The word inside `${name:-word}`: quotes work, blanks are kept. */
	private readArgument(quoted: boolean): Word {
		const parts: Word = [];
		const source = this.source;
		let text = '';
		const flush = () => {
			if (text) parts.push({type: 'text', value: text, quoted});
			text = '';
		};
		while (this.pos < source.length) {
			const char = source[this.pos];
			if (char === "'" && !quoted) {
				const end = source.indexOf("'", this.pos + 1);
				flush();
				parts.push({type: 'text', value: source.slice(this.pos + 1, end < 0 ? source.length : end), quoted: true});
				this.pos = end < 0 ? source.length : end + 1;
			} else if (char === '"') {
				flush();
				this.readDoubleQuoted(parts);
			} else if (char === '\\' && this.pos + 1 < source.length) {
				text += source[this.pos + 1];
				this.pos += 2;
			} else if (char === '$' || char === '`') {
				const part = this.readExpansion(quoted);
				if (part === '$') text += part;
				else {
					flush();
					parts.push(part);
				}
			} else {
				text += char;
				this.pos++;
			}
		}
		flush();
		return parts;
	}

	private readBackquote(quoted: boolean): WordPart {
		const source = this.source;
		let pos = this.pos + 1;
		let inner = '';
		for (;;) {
			if (pos >= source.length) throw new ShellSyntaxError('`', this.line, true, true);
			const char = source[pos];
			if (char === '`') break;
			if (char === '\\' && '$`\\'.includes(source[pos + 1] ?? '')) {
				inner += source[pos + 1];
				pos += 2;
				continue;
			}
			inner += char;
			pos++;
		}
		this.pos = pos + 1;
		this.line += countNewlines(inner);
		return {type: 'command', body: parseScript(inner), quoted};
	}
}

function asAssignment(word: Word): {name: string; value: Word} | undefined {
	const first = word[0];
	if (!first || first.type !== 'text' || first.quoted) return undefined;
	const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.value);
	if (!match) return undefined;
	const rest = first.value.slice(match[0].length);
	const value: Word = rest ? [{type: 'text', value: rest, quoted: false}, ...word.slice(1)] : word.slice(1);
	return {name: match[1], value};
}

/** A here-document delimiter as written, and whether any of it was quoted. */
function wordSource(word: Word): {text: string; quoted: boolean} {
	let text = '';
	let quoted = false;
	for (const part of word) {
		if (part.type === 'text') {
			text += part.value;
			quoted ||= part.quoted;
		} else if (part.type === 'parameter') {
			text += `$${part.name}`;
		}
	}
	return {text, quoted};
}

function countNewlines(text: string): number {
	let count = 0;
	for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count++;
	return count;
}

/** The index of the `))` closing an arithmetic expansion that starts at `start`; -1 if there is none. */
function matchingDoubleParen(source: string, start: number): number {
	let depth = 0;
	for (let pos = start; pos < source.length; pos++) {
		const char = source[pos];
		if (char === '(') depth++;
		else if (char === ')') {
			if (depth === 0) return source[pos + 1] === ')' ? pos : -1;
			depth--;
		}
	}
	return -1;
}

/** The index of the `}` closing a parameter expansion, skipping quotes and nested braces. */
function matchingBrace(source: string, start: number): number {
	let depth = 0;
	for (let pos = start; pos < source.length; pos++) {
		const char = source[pos];
		if (char === '\\') pos++;
		else if (char === "'") {
			const end = source.indexOf("'", pos + 1);
			if (end < 0) return -1;
			pos = end;
		} else if (char === '{') depth++;
		else if (char === '}') {
			if (depth === 0) return pos;
			depth--;
		}
	}
	return -1;
}
