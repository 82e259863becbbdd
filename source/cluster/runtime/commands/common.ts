import {type FsError, fsErrorText, resolvePath} from '../filesystem.js';
import type {Process} from '../process.js';

/** Whether the image's tools are BusyBox applets or GNU coreutils; they word errors differently. */
export function isBusybox(process: Process): boolean {
	return process.system.image.variant.userland.flavour === 'busybox';
}

/** The tool's name as invoked, without its directory. */
export function toolName(process: Process): string {
	const name = process.argv[0];
	return name.slice(name.lastIndexOf('/') + 1);
}

/** `cat: can't open 'x': No such file or directory` (BusyBox) or `cat: x: No such file or directory` (GNU). */
export function cannotOpen(process: Process, file: string, error: FsError): void {
	const tool = toolName(process);
	const text = fsErrorText[error];
	process.stderr.write(isBusybox(process) ? `${tool}: can't open '${file}': ${text}\n` : `${tool}: ${file}: ${text}\n`);
}

/** Reads a file named on the command line, '-' being stdin; undefined after printing the error. */
export async function readOperand(process: Process, file: string): Promise<string | undefined> {
	if (file === '-') return process.stdin.readAll(process.signals);
	const content = process.system.fs.read(resolvePath(process.cwd, file));
	if (typeof content === 'string') return content;
	cannotOpen(process, file, content.error);
	return undefined;
}

export type ParsedOptions = {
	/** Options in order, with their values; a flag's value is ''. */
	options: Array<[string, string]>;
	operands: string[];
	/** The first option not in the spec. */
	unknown?: string;
};

/**
 * getopt-style parsing: `spec` lists the single-letter options, a letter followed by ':' takes a value ('qO:T:').
 * `long` maps long names to a letter, or to themselves; names ending in '=' take a value.
 */
export function parseOptions(args: readonly string[], spec: string, long: Record<string, string> = {}): ParsedOptions {
	const options: Array<[string, string]> = [];
	const operands: string[] = [];
	let unknown: string | undefined;
	for (let index = 0; index < args.length; index++) {
		const arg = args[index];
		if (arg === '--') {
			operands.push(...args.slice(index + 1));
			break;
		}
		if (arg.startsWith('--')) {
			const equals = arg.indexOf('=');
			const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
			const withValue = long[`${name}=`];
			const flag = long[name];
			if (withValue !== undefined) {
				const value = equals >= 0 ? arg.slice(equals + 1) : args[++index] ?? '';
				options.push([withValue, value]);
			} else if (flag !== undefined) {
				options.push([flag, '']);
			} else {
				unknown ??= arg;
			}
			continue;
		}
		if (arg.startsWith('-') && arg.length > 1) {
			for (let position = 1; position < arg.length; position++) {
				const letter = arg[position];
				const at = spec.indexOf(letter);
				if (at < 0) {
					unknown ??= `-${letter}`;
					continue;
				}
				if (spec[at + 1] === ':') {
					const value = position + 1 < arg.length ? arg.slice(position + 1) : args[++index] ?? '';
					options.push([letter, value]);
					break;
				}
				options.push([letter, '']);
			}
			continue;
		}
		operands.push(arg);
	}
	return {options, operands, unknown};
}

export function hasOption(parsed: ParsedOptions, name: string): boolean {
	return parsed.options.some(([option]) => option === name);
}

export function optionValue(parsed: ParsedOptions, name: string): string | undefined {
	let value: string | undefined;
	for (const [option, optionValue] of parsed.options) if (option === name) value = optionValue;
	return value;
}

export function optionValues(parsed: ParsedOptions, name: string): string[] {
	return parsed.options.filter(([option]) => option === name).map(([, value]) => value);
}

/** Splits text into lines, without a last empty one after a final newline. */
export function lines(text: string): string[] {
	if (!text) return [];
	const result = text.split('\n');
	if (result[result.length - 1] === '') result.pop();
	return result;
}

/** Interprets backslash escapes as `echo -e` and printf do; `stop` reports `\c`. */
export function interpretEscapes(text: string, state?: {stop: boolean}): string {
	let result = '';
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (char !== '\\' || index + 1 >= text.length) {
			result += char;
			continue;
		}
		const next = text[++index];
		switch (next) {
			case 'n':
				result += '\n';
				break;
			case 't':
				result += '\t';
				break;
			case 'r':
				result += '\r';
				break;
			case 'a':
				result += '\u0007';
				break;
			case 'b':
				result += '\b';
				break;
			case 'f':
				result += '\f';
				break;
			case 'v':
				result += '\v';
				break;
			case 'e':
				result += '\u001b';
				break;
			case '\\':
				result += '\\';
				break;
			case 'c':
				if (state) state.stop = true;
				return result;
			case 'x': {
				const match = /^[0-9a-fA-F]{1,2}/.exec(text.slice(index + 1));
				if (!match) {
					result += '\\x';
					break;
				}
				result += String.fromCharCode(Number.parseInt(match[0], 16));
				index += match[0].length;
				break;
			}
			case '0':
			case '1':
			case '2':
			case '3':
			case '4':
			case '5':
			case '6':
			case '7': {
				const match = /^[0-7]{1,3}/.exec(text.slice(next === '0' ? index + 1 : index));
				const digits = match ? match[0] : '';
				result += String.fromCharCode(Number.parseInt(digits || '0', 8));
				index += next === '0' ? digits.length : digits.length - 1;
				break;
			}
			default:
				result += `\\${next}`;
		}
	}
	return result;
}
