import {resolvePath} from '../filesystem.js';
import type {Process, Program} from '../process.js';
import {hasOption, interpretEscapes, isBusybox, lines, optionValue, parseOptions, readOperand, toolName} from './common.js';

export const echo: Program = async process => {
	const args = process.argv.slice(1);
	let newline = true;
	let escapes = false;
	while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
		const flags = args.shift()!;
		for (const flag of flags.slice(1)) {
			if (flag === 'n') newline = false;
			else if (flag === 'e') escapes = true;
			else escapes = false;
		}
	}
	const state = {stop: false};
	let text = args.join(' ');
	if (escapes) text = interpretEscapes(text, state);
	process.stdout.write(text + (newline && !state.stop ? '\n' : ''));
	return 0;
};

/** printf FORMAT [ARGUMENT]...: the format is reused while arguments remain. */
export const printf: Program = async process => {
	const [format, ...args] = process.argv.slice(1);
	if (format === undefined) {
		process.stderr.write(`${toolName(process)}: usage: printf format [arguments]\n`);
		return isBusybox(process) ? 1 : 2;
	}
	let status = 0;
	let index = 0;
	let output = '';
	const conversion = /%([-+ #0]*)(\d+|\*)?(?:\.(\d*|\*))?([diouxXeEfFgGcsb%])/g;
	do {
		const start = index;
		let stop = false;
		const formatted = format.split(/(%[-+ #0]*(?:\d+|\*)?(?:\.(?:\d*|\*))?[diouxXeEfFgGcsb%])/).map(piece => {
			if (stop) return '';
			conversion.lastIndex = 0;
			const match = conversion.exec(piece);
			if (!match || match.index !== 0 || match[0].length !== piece.length) {
				const state = {stop: false};
				const text = interpretEscapes(piece, state);
				stop = state.stop;
				return text;
			}
			const [, flags, widthText, precisionText, type] = match;
			if (type === '%') return '%';
			const width = widthText === '*' ? Number(args[index++] ?? 0) : widthText ? Number(widthText) : 0;
			const precision = precisionText === '*' ? Number(args[index++] ?? 0) : precisionText !== undefined ? Number(precisionText || 0) : undefined;
			const arg = args[index++];
			let text: string;
			switch (type) {
				case 's':
					text = arg ?? '';
					if (precision !== undefined) text = text.slice(0, precision);
					break;
				case 'b': {
					const state = {stop: false};
					text = interpretEscapes(arg ?? '', state);
					stop = state.stop;
					break;
				}
				case 'c':
					text = (arg ?? '').slice(0, 1);
					break;
				case 'd':
				case 'i':
				case 'u':
				case 'o':
				case 'x':
				case 'X': {
					const value = integerArgument(process, arg, () => (status = 1));
					const base = type === 'o' ? 8 : type === 'x' || type === 'X' ? 16 : 10;
					text = Math.abs(value).toString(base);
					if (type === 'X') text = text.toUpperCase();
					if (precision !== undefined) text = text.padStart(precision, '0');
					if (value < 0) text = `-${text}`;
					else if (flags.includes('+') && base === 10) text = `+${text}`;
					else if (flags.includes(' ') && base === 10) text = ` ${text}`;
					break;
				}
				default: {
					const value = arg === undefined ? 0 : Number(arg);
					if (Number.isNaN(value)) {
						process.stderr.write(`${toolName(process)}: invalid number '${arg}'\n`);
						status = 1;
					}
					const digits = precision ?? 6;
					const number = Number.isNaN(value) ? 0 : value;
					text = type === 'e' || type === 'E' ? number.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2') : type === 'g' || type === 'G' ? String(Number(number.toPrecision(digits || 1))) : number.toFixed(digits);
					if (type === 'E' || type === 'G') text = text.toUpperCase();
					if (flags.includes('+') && number >= 0) text = `+${text}`;
				}
			}
			if (text.length < width) {
				if (flags.includes('-')) text = text.padEnd(width);
				else if (flags.includes('0') && !'sbc'.includes(type)) text = text.startsWith('-') ? `-${text.slice(1).padStart(width - 1, '0')}` : text.padStart(width, '0');
				else text = text.padStart(width);
			}
			return text;
		});
		output += formatted.join('');
		if (stop || index === start) break;
	} while (index < args.length);
	process.stdout.write(output);
	return status;
};

function integerArgument(process: Process, arg: string | undefined, fail: () => void): number {
	if (arg === undefined || arg === '') return 0;
	if (/^['"]/.test(arg)) return arg.codePointAt(1) ?? 0;
	const value = /^[-+]?0[xX][0-9a-fA-F]+$/.test(arg) ? Number.parseInt(arg, 16) : /^[-+]?\d+$/.test(arg) ? Number.parseInt(arg, 10) : Number.NaN;
	if (!Number.isNaN(value)) return value;
	process.stderr.write(isBusybox(process) ? `${toolName(process)}: invalid number '${arg}'\n` : `${toolName(process)}: '${arg}': expected a numeric value\n`);
	fail();
	return Number.parseInt(arg, 10) || 0;
}

/** cat: files, or stdin as it arrives (so `kubectl exec -i pod -- cat` echoes line by line). */
export const cat: Program = async process => {
	const files = process.argv.slice(1).filter(arg => arg === '-' || !arg.startsWith('-'));
	if (files.length === 0) files.push('-');
	let status = 0;
	for (const file of files) {
		if (file === '-') {
			for (let chunk = await process.stdin.read(process.signals); chunk !== undefined; chunk = await process.stdin.read(process.signals)) {
				process.stdout.write(chunk);
			}
			continue;
		}
		const content = await readOperand(process, file);
		if (content === undefined) status = 1;
		else process.stdout.write(content);
	}
	return status;
};

/** The text of the operands (or stdin); status 1 if one could not be read. */
async function inputText(process: Process, operands: readonly string[]): Promise<{text: string; status: number}> {
	if (operands.length === 0) return {text: await process.stdin.readAll(process.signals), status: 0};
	let text = '';
	let status = 0;
	for (const file of operands) {
		const content = await readOperand(process, file);
		if (content === undefined) status = 1;
		else text += content;
	}
	return {text, status};
}

/** `-n 5`, `-5` and `-n +5` forms of head and tail. */
function countArgument(args: readonly string[]): {count: number; fromStart: boolean; rest: string[]; follow: boolean} {
	let count = 10;
	let fromStart = false;
	let follow = false;
	const rest: string[] = [];
	for (let index = 0; index < args.length; index++) {
		const arg = args[index];
		if (arg === '-f' || arg === '-F' || arg === '--follow') follow = true;
		else if (arg === '-n' || arg === '--lines') {
			const value = args[++index] ?? '10';
			fromStart = value.startsWith('+');
			count = Number.parseInt(value, 10);
		} else if (/^-n[+-]?\d+$/.test(arg)) {
			fromStart = arg[2] === '+';
			count = Number.parseInt(arg.slice(2), 10);
		} else if (/^-\d+$/.test(arg)) count = Number(arg.slice(1));
		else if (/^--lines=/.test(arg)) count = Number.parseInt(arg.slice(8), 10);
		else rest.push(arg);
	}
	return {count: Math.abs(count), fromStart, rest, follow};
}

export const head: Program = async process => {
	const {count, rest} = countArgument(process.argv.slice(1));
	const {text, status} = await inputText(process, rest);
	const selected = lines(text).slice(0, count);
	if (selected.length > 0) process.stdout.write(`${selected.join('\n')}\n`);
	return status;
};

/** tail; with -f it waits for a signal after printing, as `tail -f /dev/null` keeps a container alive. */
export const tail: Program = async process => {
	const {count, fromStart, rest, follow} = countArgument(process.argv.slice(1));
	if (!(follow && rest.length > 0 && rest.every(file => file === '/dev/null'))) {
		const {text, status} = await inputText(process, rest);
		const all = lines(text);
		const selected = fromStart ? all.slice(Math.max(0, count - 1)) : count === 0 ? [] : all.slice(-count);
		if (selected.length > 0) process.stdout.write(`${selected.join('\n')}\n`);
		if (!follow || status !== 0) return status;
	}
	const signal = await process.signals.wait();
	return signal === 'KILL' ? 137 : signal === 'INT' ? 130 : 143;
};

export const wc: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'lwcm');
	let show = {lines: hasOption(parsed, 'l'), words: hasOption(parsed, 'w'), bytes: hasOption(parsed, 'c') || hasOption(parsed, 'm')};
	if (!show.lines && !show.words && !show.bytes) show = {lines: true, words: true, bytes: true};
	const single = [show.lines, show.words, show.bytes].filter(Boolean).length === 1;
	const count = (text: string) => [
		...(show.lines ? [(text.match(/\n/g) ?? []).length] : []),
		...(show.words ? [text.split(/\s+/).filter(Boolean).length] : []),
		...(show.bytes ? [Buffer.byteLength(text)] : []),
	];
	const format = (counts: number[], name?: string) => {
		const cells = counts.map(value => (single && !name ? String(value) : String(value).padStart(isBusybox(process) ? 9 : 7)));
		return `${(single ? cells.map(cell => cell.trim()) : cells).join(single ? ' ' : ' ')}${name ? ` ${name}` : ''}\n`;
	};
	if (parsed.operands.length === 0) {
		process.stdout.write(format(count(await process.stdin.readAll(process.signals))));
		return 0;
	}
	let status = 0;
	for (const file of parsed.operands) {
		const content = await readOperand(process, file);
		if (content === undefined) status = 1;
		else process.stdout.write(format(count(content), file));
	}
	return status;
};

/** grep: basic (default), extended (-E) or fixed (-F) patterns. */
export const grep: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'ivcqnEFowlhHe:rs', {
		'ignore-case': 'i',
		'invert-match': 'v',
		count: 'c',
		quiet: 'q',
		silent: 'q',
		'line-number': 'n',
		'extended-regexp': 'E',
		'fixed-strings': 'F',
		'only-matching': 'o',
		'word-regexp': 'w',
		'regexp=': 'e',
	});
	const patterns = parsed.options.filter(([option]) => option === 'e').map(([, value]) => value);
	const operands = [...parsed.operands];
	if (patterns.length === 0) {
		const pattern = operands.shift();
		if (pattern === undefined) {
			process.stderr.write(`Usage: grep [OPTION]... PATTERNS [FILE]...\n`);
			return 2;
		}
		patterns.push(pattern);
	}
	const flag = (name: string) => hasOption(parsed, name);
	let regExp: RegExp;
	try {
		const sources = patterns.map(pattern => {
			let source = flag('F') ? pattern.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&') : flag('E') ? pattern : basicToExtended(pattern);
			if (flag('w')) source = `\\b(?:${source})\\b`;
			return source;
		});
		regExp = new RegExp(sources.join('|'), flag('i') ? 'gi' : 'g');
	} catch {
		process.stderr.write(`grep: invalid regular expression\n`);
		return 2;
	}
	const files = operands.length === 0 ? ['-'] : operands;
	const showNames = (files.length > 1 || flag('H')) && !flag('h');
	let matched = false;
	let status = 0;
	for (const file of files) {
		const text = file === '-' ? await process.stdin.readAll(process.signals) : await readOperand(process, file);
		if (text === undefined) {
			status = 2;
			continue;
		}
		let count = 0;
		lines(text).forEach((line, index) => {
			regExp.lastIndex = 0;
			const hit = regExp.test(line) !== flag('v');
			if (!hit) return;
			count++;
			matched = true;
			if (flag('q') || flag('c') || flag('l')) return;
			const name = showNames ? `${file === '-' ? '(standard input)' : file}:` : '';
			const number = flag('n') ? `${index + 1}:` : '';
			if (flag('o') && !flag('v')) {
				regExp.lastIndex = 0;
				for (const match of line.matchAll(regExp)) if (match[0]) process.stdout.write(`${name}${number}${match[0]}\n`);
			} else {
				process.stdout.write(`${name}${number}${line}\n`);
			}
		});
		if (flag('q') && matched) return 0;
		if (flag('c')) process.stdout.write(`${showNames ? `${file}:` : ''}${count}\n`);
		if (flag('l') && count > 0) process.stdout.write(`${file === '-' ? '(standard input)' : file}\n`);
	}
	if (status === 2 && !flag('s')) return 2;
	return matched ? 0 : 1;
};

/** A POSIX basic regular expression as a JavaScript one: `\(`, `\|`, `\+` are the operators, `(` and `+` plain. */
function basicToExtended(pattern: string): string {
	let source = '';
	for (let index = 0; index < pattern.length; index++) {
		const char = pattern[index];
		if (char === '\\' && index + 1 < pattern.length) {
			const next = pattern[++index];
			source += '(){}|+?'.includes(next) ? next : `\\${next}`;
		} else if ('(){}|+?'.includes(char)) {
			source += `\\${char}`;
		} else {
			source += char;
		}
	}
	return source;
}

export const sort: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'rnuf');
	const {text, status} = await inputText(process, parsed.operands);
	let result = lines(text);
	const numeric = hasOption(parsed, 'n');
	const fold = hasOption(parsed, 'f');
	result.sort((a, b) => {
		if (numeric) return (Number.parseFloat(a) || 0) - (Number.parseFloat(b) || 0);
		const left = fold ? a.toLowerCase() : a;
		const right = fold ? b.toLowerCase() : b;
		return left < right ? -1 : left > right ? 1 : 0;
	});
	if (hasOption(parsed, 'r')) result.reverse();
	if (hasOption(parsed, 'u')) result = result.filter((line, index) => index === 0 || line !== result[index - 1]);
	if (result.length > 0) process.stdout.write(`${result.join('\n')}\n`);
	return status;
};

export const uniq: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'cdu');
	const {text, status} = await inputText(process, parsed.operands.slice(0, 1));
	const groups: Array<{line: string; count: number}> = [];
	for (const line of lines(text)) {
		const last = groups[groups.length - 1];
		if (last && last.line === line) last.count++;
		else groups.push({line, count: 1});
	}
	for (const group of groups) {
		if (hasOption(parsed, 'd') && group.count < 2) continue;
		if (hasOption(parsed, 'u') && group.count > 1) continue;
		process.stdout.write(hasOption(parsed, 'c') ? `${String(group.count).padStart(7)} ${group.line}\n` : `${group.line}\n`);
	}
	return status;
};

export const tee: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'a');
	const append = hasOption(parsed, 'a');
	const fs = process.system.fs;
	let status = 0;
	const paths = parsed.operands.map(file => resolvePath(process.cwd, file));
	for (const [index, path] of paths.entries()) {
		const failure = fs.write(path, '', append);
		if (failure) {
			process.stderr.write(`tee: ${parsed.operands[index]}: No such file or directory\n`);
			status = 1;
		}
	}
	for (let chunk = await process.stdin.read(process.signals); chunk !== undefined; chunk = await process.stdin.read(process.signals)) {
		process.stdout.write(chunk);
		for (const path of paths) fs.write(path, chunk, true);
	}
	return status;
};

export const seq: Program = async process => {
	const args = process.argv.slice(1).filter(arg => !/^-[sw]/.test(arg));
	const numbers = args.map(Number);
	if (numbers.length === 0 || numbers.some(Number.isNaN)) {
		process.stderr.write(numbers.length === 0 ? 'seq: missing operand\n' : `seq: invalid floating point argument: '${args[numbers.findIndex(Number.isNaN)]}'\n`);
		return 1;
	}
	const [first, step, last] = numbers.length === 1 ? [1, 1, numbers[0]] : numbers.length === 2 ? [numbers[0], 1, numbers[1]] : numbers;
	if (step === 0) return 1;
	const output: string[] = [];
	for (let value = first; step > 0 ? value <= last : value >= last; value += step) {
		output.push(String(value));
		if (output.length >= 100_000) break;
	}
	if (output.length > 0) process.stdout.write(`${output.join('\n')}\n`);
	return 0;
};

function expandSet(set: string): string[] {
	const chars: string[] = [];
	const text = interpretEscapes(set);
	const classes: Record<string, string> = {'[:lower:]': 'a-z', '[:upper:]': 'A-Z', '[:digit:]': '0-9', '[:space:]': ' \t\n\r\f\v', '[:alpha:]': 'a-zA-Z', '[:alnum:]': 'a-zA-Z0-9'};
	const expanded = text.replace(/\[:[a-z]+:\]/g, match => classes[match] ?? match);
	for (let index = 0; index < expanded.length; index++) {
		if (expanded[index + 1] === '-' && index + 2 < expanded.length) {
			const from = expanded.charCodeAt(index);
			const to = expanded.charCodeAt(index + 2);
			for (let code = from; code <= to; code++) chars.push(String.fromCharCode(code));
			index += 2;
		} else {
			chars.push(expanded[index]);
		}
	}
	return chars;
}

export const tr: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'ds');
	const [first, second] = parsed.operands;
	if (first === undefined) {
		process.stderr.write('tr: missing operand\n');
		return 1;
	}
	const from = expandSet(first);
	const to = second === undefined ? [] : expandSet(second);
	const text = await process.stdin.readAll(process.signals);
	let result = '';
	for (const char of text) {
		const at = from.indexOf(char);
		if (at < 0) result += char;
		else if (hasOption(parsed, 'd')) continue;
		else result += to[Math.min(at, to.length - 1)] ?? char;
	}
	if (hasOption(parsed, 's')) {
		const squeeze = new Set(to.length > 0 ? to : from);
		result = [...result].filter((char, index, all) => !(index > 0 && char === all[index - 1] && squeeze.has(char))).join('');
	}
	process.stdout.write(result);
	return 0;
};

export const cut: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'd:f:c:');
	const delimiter = optionValue(parsed, 'd') ?? '\t';
	const fieldList = optionValue(parsed, 'f');
	const charList = optionValue(parsed, 'c');
	if (!fieldList && !charList) {
		process.stderr.write('cut: you must specify a list of bytes, characters, or fields\n');
		return 1;
	}
	const selected = (count: number) => {
		const wanted = new Set<number>();
		for (const range of (fieldList ?? charList ?? '').split(',')) {
			const [start, end] = range.includes('-') ? range.split('-') : [range, range];
			const from = start ? Number(start) : 1;
			const to = end === '' ? count : Number(end);
			for (let index = from; index <= Math.min(to, count); index++) wanted.add(index);
		}
		return [...wanted].sort((a, b) => a - b);
	};
	const {text, status} = await inputText(process, parsed.operands);
	for (const line of lines(text)) {
		if (charList) {
			const chars = [...line];
			process.stdout.write(`${selected(chars.length).map(index => chars[index - 1]).join('')}\n`);
			continue;
		}
		if (!line.includes(delimiter)) {
			process.stdout.write(`${line}\n`);
			continue;
		}
		const fields = line.split(delimiter);
		process.stdout.write(`${selected(fields.length).map(index => fields[index - 1]).join(delimiter)}\n`);
	}
	return status;
};

export const basename: Program = async process => {
	const [path, suffix] = process.argv.slice(1);
	if (path === undefined) {
		process.stderr.write('basename: missing operand\n');
		return 1;
	}
	let name = path.replace(/\/+$/, '');
	name = name.slice(name.lastIndexOf('/') + 1) || (path.startsWith('/') ? '/' : '');
	if (suffix && name.endsWith(suffix) && name !== suffix) name = name.slice(0, -suffix.length);
	process.stdout.write(`${name}\n`);
	return 0;
};

export const dirname: Program = async process => {
	const path = process.argv[1];
	if (path === undefined) {
		process.stderr.write('dirname: missing operand\n');
		return 1;
	}
	const trimmed = path.replace(/\/+$/, '');
	const slash = trimmed.lastIndexOf('/');
	process.stdout.write(`${slash < 0 ? '.' : slash === 0 ? '/' : trimmed.slice(0, slash)}\n`);
	return 0;
};
