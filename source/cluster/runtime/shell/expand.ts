import {type FileKind, resolvePath} from '../filesystem.js';
import {ArithmeticError, evaluateArithmetic} from './arithmetic.js';
import type {List, Word, WordPart} from './ast.js';
import {hasWildcard, patternSource, removeAffix, unescapePattern} from './pattern.js';

/** A failed expansion (`${X:?}`, bad arithmetic): the shell prints the message and the command fails. */
export class ExpansionError extends Error {}

/** What expansion needs from the shell. */
export interface ExpansionHost {
	/** A variable or special parameter ('?', '#', '1'); undefined when unset. */
	parameter(name: string): string | undefined;
	assign(name: string, value: string): void;
	positionalParameters(): readonly string[];
	/** The output of a command substitution, trailing newlines removed. */
	substitute(body: List): Promise<string>;
	readonly cwd: string;
	list(path: string): string[] | undefined;
	stat(path: string): FileKind | undefined;
}

type Field = {text: string; glob: boolean};

/** Builds fields, splitting unquoted expansion results on blanks. */
class Fields {
	readonly fields: Field[] = [];
	private text = '';
	private started = false;
	private glob = false;

	quoted(text: string): void {
		this.text += text;
		this.started = true;
	}

	literal(text: string): void {
		if (!text) return;
		this.text += text;
		this.started = true;
		if (hasWildcard(text)) this.glob = true;
	}

	split(value: string): void {
		if (!value) return;
		const pieces = value.split(/[ \t\n]+/);
		pieces.forEach((piece, index) => {
			if (index > 0) this.end();
			if (!piece) return;
			this.text += piece;
			this.started = true;
			if (hasWildcard(piece)) this.glob = true;
		});
	}

	end(): void {
		if (this.started) this.fields.push({text: this.text, glob: this.glob});
		this.text = '';
		this.started = false;
		this.glob = false;
	}
}

/** A word as command arguments: expanded, split into fields, pathnames matched. */
export async function expandWord(word: Word, host: ExpansionHost): Promise<string[]> {
	const fields = new Fields();
	for (const part of word) await expandPart(part, host, fields);
	fields.end();
	const result: string[] = [];
	for (const field of fields.fields) {
		if (field.glob) {
			const matches = glob(field.text, host);
			if (matches.length > 0) {
				result.push(...matches);
				continue;
			}
		}
		result.push(field.text);
	}
	return result;
}

/** A word as one string: assignments, redirection targets, here-documents, `case` subjects. */
export async function expandString(word: Word, host: ExpansionHost): Promise<string> {
	let text = '';
	for (const part of word) {
		if (part.type === 'text') text += part.value;
		else text += await partValue(part, host);
	}
	return text;
}

/** A word as a pattern: quoted characters are escaped so they match only themselves. */
export async function expandPattern(word: Word, host: ExpansionHost): Promise<string> {
	let pattern = '';
	for (const part of word) {
		const value = part.type === 'text' ? part.value : await partValue(part, host);
		const quoted = part.type === 'tilde' ? true : part.quoted;
		pattern += quoted ? value.replace(/[\\*?[\]]/g, '\\$&') : value;
	}
	return pattern;
}

async function expandPart(part: WordPart, host: ExpansionHost, fields: Fields): Promise<void> {
	switch (part.type) {
		case 'text':
			if (part.quoted) fields.quoted(part.value);
			else fields.literal(part.value);
			return;
		case 'tilde':
			fields.quoted(host.parameter('HOME') ?? '/root');
			return;
		case 'parameter':
			if ((part.name === '@' || part.name === '*') && !part.operator) {
				const values = host.positionalParameters();
				if (!part.quoted) {
					for (const value of values) {
						fields.split(value);
						fields.end();
					}
					return;
				}
				if (part.name === '*') {
					fields.quoted(values.join(' '));
					return;
				}
				values.forEach((value, index) => {
					if (index > 0) fields.end();
					fields.quoted(value);
				});
				return;
			}
			break;
		default:
			break;
	}
	const value = await partValue(part, host);
	if (part.quoted) fields.quoted(value);
	else fields.split(value);
}

async function partValue(part: WordPart, host: ExpansionHost): Promise<string> {
	switch (part.type) {
		case 'text':
			return part.value;
		case 'tilde':
			return host.parameter('HOME') ?? '/root';
		case 'command':
			return host.substitute(part.body);
		case 'arithmetic': {
			const expression = await expandString(part.expression, host);
			try {
				return String(evaluateArithmetic(expression, {get: name => host.parameter(name), set: (name, value) => host.assign(name, value)}));
			} catch (error) {
				if (error instanceof ArithmeticError) throw new ExpansionError(`arithmetic syntax error`);
				throw error;
			}
		}
		case 'parameter':
			return parameterValue(part, host);
	}
}

async function parameterValue(part: Extract<WordPart, {type: 'parameter'}>, host: ExpansionHost): Promise<string> {
	const value = part.name === '@' || part.name === '*' ? host.positionalParameters().join(' ') : host.parameter(part.name);
	const argument = async () => (part.argument ? expandString(part.argument, host) : '');
	switch (part.operator) {
		case undefined:
			return value ?? '';
		case 'length':
			return String((value ?? '').length);
		case ':-':
			return value ? value : argument();
		case '-':
			return value !== undefined ? value : argument();
		case ':=':
		case '=': {
			if (part.operator === ':=' ? value : value !== undefined) return value ?? '';
			const assigned = await argument();
			host.assign(part.name, assigned);
			return assigned;
		}
		case ':+':
			return value ? argument() : '';
		case '+':
			return value !== undefined ? argument() : '';
		case ':?':
		case '?': {
			if (part.operator === ':?' ? value : value !== undefined) return value ?? '';
			const message = await argument();
			throw new ExpansionError(`${part.name}: ${message || (part.operator === ':?' && value === '' ? 'parameter null' : 'parameter not set')}`);
		}
		default: {
			const pattern = part.argument ? await expandPattern(part.argument, host) : '';
			return removeAffix(value ?? '', pattern, part.operator);
		}
	}
}

/** Pathname expansion: the paths a pattern matches, sorted; none when nothing matches. */
function glob(pattern: string, host: ExpansionHost): string[] {
	const absolute = pattern.startsWith('/');
	const segments = pattern.split('/').filter(Boolean);
	let candidates = [absolute ? '/' : ''];
	for (const segment of segments) {
		const next: string[] = [];
		for (const candidate of candidates) {
			if (!hasWildcard(segment)) {
				next.push(join(candidate, unescapePattern(segment)));
				continue;
			}
			const names = host.list(resolvePath(host.cwd, candidate || '.'));
			if (!names) continue;
			const regExp = new RegExp(`^${patternSource(segment, true)}$`);
			for (const name of names) {
				if (name.startsWith('.') && !segment.startsWith('.')) continue;
				if (regExp.test(name)) next.push(join(candidate, name));
			}
		}
		candidates = next;
	}
	return candidates.filter(path => path && host.stat(resolvePath(host.cwd, path)) !== undefined).sort();
}

function join(base: string, name: string): string {
	if (base === '') return name;
	if (base === '/') return `/${name}`;
	return `${base}/${name}`;
}
