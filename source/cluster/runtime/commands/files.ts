import {type FsError, fsErrorText, resolvePath} from '../filesystem.js';
import {parentOf} from '../image-files.js';
import type {Process, Program} from '../process.js';
import {cannotOpen, hasOption, isBusybox, parseOptions, toolName} from './common.js';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 26 11:40`, as ls -l shows a recent time. */
function listingTime(ms: number): string {
	const date = new Date(ms);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${months[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** Names laid out in columns down then across, as ls does on a terminal. */
function columns(names: readonly string[], width = 80): string {
	if (names.length === 0) return '';
	const cell = Math.max(...names.map(name => name.length)) + 2;
	const perRow = Math.max(1, Math.floor(width / cell));
	const rows = Math.ceil(names.length / perRow);
	const out: string[] = [];
	for (let row = 0; row < rows; row++) {
		let line = '';
		for (let column = 0; column * rows + row < names.length; column++) line += names[column * rows + row].padEnd(cell);
		out.push(line.trimEnd());
	}
	return `${out.join('\n')}\n`;
}

export const ls: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'laA1hRdFt', {all: 'a', 'almost-all': 'A', color: 'x', 'color=': 'x'});
	const fs = process.system.fs;
	const long = hasOption(parsed, 'l');
	const all = hasOption(parsed, 'a');
	const almostAll = hasOption(parsed, 'A');
	const directoryItself = hasOption(parsed, 'd');
	const oneColumn = hasOption(parsed, '1') || !process.stdout.tty;
	const busybox = isBusybox(process);
	const operands = parsed.operands.length > 0 ? parsed.operands : ['.'];
	const time = listingTime(process.system.startedAt);
	const entry = (path: string, name: string) => {
		if (!long) return name;
		const kind = fs.stat(path);
		const content = kind === 'file' ? fs.read(path) : '';
		const size = kind === 'dir' ? 4096 : typeof content === 'string' ? Buffer.byteLength(content) : 0;
		const mode = kind === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--';
		const links = kind === 'dir' ? 2 : 1;
		return busybox
			? `${mode} ${String(links).padStart(4)} root     root     ${String(size).padStart(9)} ${time} ${name}`
			: `${mode} ${links} root root ${String(size).padStart(5)} ${time} ${name}`;
	};
	const print = (entries: string[], paths: string[]) => {
		if (long) {
			if (!busybox && paths.length > 0) process.stdout.write(`total ${paths.length * 4}\n`);
			for (const line of entries) process.stdout.write(`${line}\n`);
		} else if (oneColumn) {
			for (const line of entries) process.stdout.write(`${line}\n`);
		} else {
			process.stdout.write(columns(entries));
		}
	};
	let status = 0;
	const files: string[] = [];
	const dirs: string[] = [];
	for (const operand of operands) {
		const path = resolvePath(process.cwd, operand);
		const kind = fs.stat(path);
		if (!kind) {
			process.stderr.write(busybox ? `ls: ${operand}: No such file or directory\n` : `ls: cannot access '${operand}': No such file or directory\n`);
			status = busybox ? 1 : 2;
		} else if (kind === 'file' || directoryItself) files.push(operand);
		else dirs.push(operand);
	}
	if (files.length > 0) print(files.map(file => entry(resolvePath(process.cwd, file), file)), []);
	dirs.forEach((dir, index) => {
		const path = resolvePath(process.cwd, dir);
		const listed = fs.list(path);
		const names = (Array.isArray(listed) ? listed : []).filter(name => all || almostAll || !name.startsWith('.'));
		if (all) names.unshift('.', '..');
		if (operands.length > 1) process.stdout.write(`${index > 0 || files.length > 0 ? '\n' : ''}${dir}:\n`);
		const paths = names.map(name => resolvePath(path, name));
		print(names.map((name, at) => entry(paths[at], name)), paths);
	});
	return status;
};

function fail(process: Process, operand: string, error: FsError, verb: string): void {
	const tool = toolName(process);
	const text = fsErrorText[error];
	if (isBusybox(process)) process.stderr.write(`${tool}: ${verb === 'remove' ? `can't remove '${operand}'` : `can't ${verb} '${operand}'`}: ${text}\n`);
	else process.stderr.write(`${tool}: cannot ${verb} '${operand}': ${text}\n`);
}

export const mkdir: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'pm:', {parents: 'p'});
	const parents = hasOption(parsed, 'p');
	const fs = process.system.fs;
	let status = 0;
	for (const operand of parsed.operands) {
		const path = resolvePath(process.cwd, operand);
		if (parents) {
			const chain: string[] = [];
			for (let current = path; current !== '/' && !fs.stat(current); current = parentOf(current)) chain.unshift(current);
			for (const dir of chain) {
				const error = fs.mkdir(dir);
				if (error) {
					fail(process, operand, error, 'create directory');
					status = 1;
					break;
				}
			}
			if (fs.stat(path) === 'file') {
				fail(process, operand, 'EEXIST', 'create directory');
				status = 1;
			}
			continue;
		}
		const error = fs.mkdir(path);
		if (error) {
			fail(process, operand, error, 'create directory');
			status = 1;
		}
	}
	return status;
};

export const touch: Program = async process => {
	const fs = process.system.fs;
	let status = 0;
	for (const operand of process.argv.slice(1).filter(arg => !arg.startsWith('-'))) {
		const path = resolvePath(process.cwd, operand);
		if (fs.stat(path)) continue;
		const error = fs.write(path, '');
		if (error) {
			fail(process, operand, error, 'touch');
			status = 1;
		}
	}
	return status;
};

export const rm: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'rRfvid', {recursive: 'r', force: 'f'});
	const recursive = hasOption(parsed, 'r') || hasOption(parsed, 'R');
	const force = hasOption(parsed, 'f');
	const fs = process.system.fs;
	let status = 0;
	const remove = (path: string, operand: string): boolean => {
		const kind = fs.stat(path);
		if (!kind) {
			if (force) return true;
			fail(process, operand, 'ENOENT', 'remove');
			return false;
		}
		if (kind === 'dir') {
			if (!recursive) {
				fail(process, operand, 'EISDIR', 'remove');
				return false;
			}
			const names = fs.list(path);
			if (Array.isArray(names)) for (const name of names) if (!remove(`${path === '/' ? '' : path}/${name}`, `${operand}/${name}`)) return false;
		}
		const error = fs.remove(path);
		if (error) {
			fail(process, operand, error, 'remove');
			return false;
		}
		return true;
	};
	for (const operand of parsed.operands) if (!remove(resolvePath(process.cwd, operand), operand)) status = 1;
	return status;
};

async function copyFiles(process: Process, move: boolean): Promise<number> {
	const operands = process.argv.slice(1).filter(arg => !arg.startsWith('-'));
	const fs = process.system.fs;
	if (operands.length < 2) {
		process.stderr.write(`${toolName(process)}: missing destination file operand\n`);
		return 1;
	}
	const target = operands.pop()!;
	const targetPath = resolvePath(process.cwd, target);
	let status = 0;
	for (const source of operands) {
		const content = fs.read(resolvePath(process.cwd, source));
		if (typeof content !== 'string') {
			cannotOpen(process, source, content.error);
			status = 1;
			continue;
		}
		const destination = fs.stat(targetPath) === 'dir' ? resolvePath(targetPath, source.slice(source.lastIndexOf('/') + 1)) : targetPath;
		const error = fs.write(destination, content);
		if (error) {
			fail(process, target, error, 'create regular file');
			status = 1;
			continue;
		}
		if (move) fs.remove(resolvePath(process.cwd, source));
	}
	return status;
}

export const cp: Program = process => copyFiles(process, false);
export const mv: Program = process => copyFiles(process, true);

/** test and [: file tests, string and integer comparisons, !, -a, -o and parentheses. */
export const test: Program = async process => {
	const name = toolName(process);
	let args = process.argv.slice(1);
	if (name === '[') {
		if (args[args.length - 1] !== ']') {
			process.stderr.write(`${name}: missing ']'\n`);
			return 2;
		}
		args = args.slice(0, -1);
	}
	try {
		return new TestExpression(args, process).evaluate() ? 0 : 1;
	} catch (error) {
		if (!(error instanceof TestError)) throw error;
		process.stderr.write(`${name}: ${error.message}\n`);
		return 2;
	}
};

class TestError extends Error {}

const unaryTests = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-z', '-n', '-L', '-h', '-p', '-S', '-b', '-c', '-t']);
const binaryTests = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-gt', '-ge', '-lt', '-le', '-nt', '-ot', '-ef']);

class TestExpression {
	private position = 0;

	constructor(
		private readonly args: readonly string[],
		private readonly process: Process,
	) {}

	evaluate(): boolean {
		if (this.args.length === 0) return false;
		const result = this.or();
		if (this.position < this.args.length) throw new TestError(`${this.args[this.position]}: unexpected operator`);
		return result;
	}

	private or(): boolean {
		let result = this.and();
		while (this.args[this.position] === '-o') {
			this.position++;
			result = this.and() || result;
		}
		return result;
	}

	private and(): boolean {
		let result = this.not();
		while (this.args[this.position] === '-a') {
			this.position++;
			result = this.not() && result;
		}
		return result;
	}

	private not(): boolean {
		if (this.args[this.position] === '!' && this.position + 1 < this.args.length) {
			this.position++;
			return !this.not();
		}
		return this.primary();
	}

	private primary(): boolean {
		const args = this.args;
		const first = args[this.position];
		if (first === undefined) throw new TestError('argument expected');
		if (first === '(' && args.length - this.position > 2) {
			this.position++;
			const result = this.or();
			if (args[this.position] !== ')') throw new TestError("missing ')'");
			this.position++;
			return result;
		}
		const operator = args[this.position + 1];
		if (operator !== undefined && binaryTests.has(operator) && this.position + 2 < args.length) {
			const right = args[this.position + 2];
			this.position += 3;
			return this.binary(first, operator, right);
		}
		if (unaryTests.has(first) && this.position + 1 < args.length) {
			const operand = args[this.position + 1];
			this.position += 2;
			return this.unary(first, operand);
		}
		this.position++;
		return first !== '';
	}

	private unary(operator: string, operand: string): boolean {
		if (operator === '-z') return operand === '';
		if (operator === '-n') return operand !== '';
		if (operator === '-t') return false;
		const path = resolvePath(this.process.cwd, operand);
		const fs = this.process.system.fs;
		const kind = fs.stat(path);
		switch (operator) {
			case '-e':
			case '-r':
			case '-w':
				return kind !== undefined;
			case '-f':
				return kind === 'file';
			case '-d':
			case '-x':
				return kind === 'dir' || (operator === '-x' && kind === 'file' && this.process.system.findProgram(path) !== undefined);
			case '-s': {
				const content = kind === 'file' ? fs.read(path) : '';
				return kind === 'dir' || (typeof content === 'string' && content.length > 0);
			}
			default:
				return false;
		}
	}

	private binary(left: string, operator: string, right: string): boolean {
		switch (operator) {
			case '=':
			case '==':
				return left === right;
			case '!=':
				return left !== right;
			case '<':
				return left < right;
			case '>':
				return left > right;
			default: {
				const a = this.integer(left);
				const b = this.integer(right);
				switch (operator) {
					case '-eq':
						return a === b;
					case '-ne':
						return a !== b;
					case '-gt':
						return a > b;
					case '-ge':
						return a >= b;
					case '-lt':
						return a < b;
					case '-le':
						return a <= b;
					default:
						return false;
				}
			}
		}
	}

	private integer(text: string): number {
		if (!/^\s*[-+]?\d+\s*$/.test(text)) throw new TestError(isBusybox(this.process) ? `${text}: bad number` : `${text}: integer expression expected`);
		return Number.parseInt(text, 10);
	}
}
