import {fsErrorText, resolvePath} from '../filesystem.js';
import type {ProcessSignal} from '../interruption.js';
import {ExitRequest, LoopControl, ReturnRequest, type Shell, type ShellIO} from './interpreter.js';

/** A command the shell runs itself, because it reads or changes the shell's own state. */
export type Builtin = (shell: Shell, argv: readonly string[], io: ShellIO) => Promise<number> | number;

const signalNames: Record<string, string> = {
	'0': 'EXIT', EXIT: 'EXIT',
	'1': 'HUP', HUP: 'HUP',
	'2': 'INT', INT: 'INT',
	'3': 'QUIT', QUIT: 'QUIT',
	'9': 'KILL', KILL: 'KILL',
	'15': 'TERM', TERM: 'TERM',
};

function signalName(text: string): string | undefined {
	const name = text.toUpperCase().replace(/^SIG/, '');
	return signalNames[name];
}

function quote(value: string): string {
	return `'${value.replace(/'/g, `'\\''`)}'`;
}

function number(shell: Shell, io: ShellIO, name: string, text: string | undefined, fallback: number): number | undefined {
	if (text === undefined) return fallback;
	if (/^\d+$/.test(text)) return Number(text);
	shell.error(io, `${name}: Illegal number: ${text}`);
	return undefined;
}

const cd: Builtin = (shell, argv, io) => {
	let target = argv[1] ?? shell.vars.get('HOME') ?? '/';
	if (target === '-') {
		target = shell.vars.get('OLDPWD') ?? shell.cwd;
		io.stdout.write(`${target}\n`);
	}
	const path = resolvePath(shell.cwd, target);
	const kind = shell.process.system.fs.stat(path);
	if (kind !== 'dir') {
		const why = kind === 'file' ? fsErrorText.ENOTDIR : fsErrorText.ENOENT;
		const dialect = shell.options.dialect;
		if (dialect === 'bash') shell.error(io, `cd: ${target}: ${why}`);
		else if (dialect === 'dash') shell.error(io, `cd: can't cd to ${target}`);
		else shell.error(io, `cd: can't cd to ${target}: ${why}`);
		return dialect === 'dash' ? 2 : 1;
	}
	shell.vars.set('OLDPWD', shell.cwd);
	shell.cwd = path;
	shell.vars.set('PWD', path);
	return 0;
};

const exportBuiltin: Builtin = (shell, argv, io) => {
	const names = argv.slice(1).filter(arg => arg !== '-p');
	if (names.length === 0) {
		for (const name of [...shell.exported].sort()) {
			const value = shell.vars.get(name);
			if (value === undefined) continue;
			io.stdout.write(shell.options.dialect === 'bash' ? `declare -x ${name}="${value}"\n` : `export ${name}=${quote(value)}\n`);
		}
		return 0;
	}
	for (const arg of names) {
		const equals = arg.indexOf('=');
		const name = equals < 0 ? arg : arg.slice(0, equals);
		if (equals >= 0) shell.vars.set(name, arg.slice(equals + 1));
		shell.exported.add(name);
	}
	return 0;
};

const set: Builtin = (shell, argv, io) => {
	if (argv.length === 1) {
		for (const [name, value] of [...shell.vars].sort(([a], [b]) => (a < b ? -1 : 1))) io.stdout.write(`${name}=${quote(value)}\n`);
		return 0;
	}
	for (let index = 1; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--') {
			shell.positional = argv.slice(index + 1);
			return 0;
		}
		if (arg === '-o' || arg === '+o') {
			index++;
			continue;
		}
		if (/^[-+][a-z]+$/.test(arg)) {
			const on = arg[0] === '-';
			for (const flag of arg.slice(1)) {
				if (flag === 'e') shell.errexit = on;
				if (flag === 'x') shell.xtrace = on;
			}
			continue;
		}
		shell.positional = argv.slice(index);
		return 0;
	}
	return 0;
};

const read: Builtin = async (shell, argv, io) => {
	let raw = false;
	const names: string[] = [];
	for (let index = 1; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '-r') raw = true;
		else if (arg === '-p') io.stderr.write(argv[++index] ?? '');
		else if (arg === '-t' || arg === '-n' || arg === '-d' || arg === '-u') index++;
		else if (arg.startsWith('-') && arg.length > 1) continue;
		else names.push(arg);
	}
	if (names.length === 0) names.push('REPLY');
	let line = await io.stdin.readLine(shell.signals);
	const ended = line === undefined;
	line ??= '';
	if (!raw) line = line.replace(/\\(.)/g, '$1');
	if (names.length === 1 && names[0] === 'REPLY') {
		shell.vars.set('REPLY', line);
	} else {
		let rest = line.replace(/^[ \t]+/, '');
		names.forEach((name, index) => {
			if (index === names.length - 1) {
				shell.vars.set(name, rest.replace(/[ \t]+$/, ''));
				return;
			}
			const match = /^(\S*)[ \t]*/.exec(rest)!;
			shell.vars.set(name, match[1]);
			rest = rest.slice(match[0].length);
		});
	}
	return ended ? 1 : 0;
};

const source: Builtin = async (shell, argv, io) => {
	const file = argv[1];
	if (!file) {
		shell.error(io, `${argv[0]}: filename argument required`);
		return 2;
	}
	const content = shell.process.system.fs.read(resolvePath(shell.cwd, file));
	if (typeof content !== 'string') {
		const dialect = shell.options.dialect;
		if (dialect === 'ash') io.stderr.write(`${shell.options.name}: .: can't open '${file}'\n`);
		else if (dialect === 'dash') shell.error(io, `.: cannot open ${file}: No such file`);
		else shell.error(io, `${file}: ${fsErrorText[content.error]}`);
		throw new ExitRequest(dialect === 'bash' ? 1 : 2);
	}
	const saved = shell.positional;
	if (argv.length > 2) shell.positional = argv.slice(2);
	try {
		return await shell.evaluate(content, io);
	} catch (error) {
		if (error instanceof ReturnRequest) return error.code;
		throw error;
	} finally {
		shell.positional = saved;
	}
};

const trap: Builtin = (shell, argv, io) => {
	if (argv.length === 1) {
		for (const [signal, action] of shell.traps) io.stdout.write(`trap -- ${quote(action)} ${signal}\n`);
		return 0;
	}
	const action = argv[1];
	const signals = argv.slice(2);
	if (signals.length === 0 && signalName(action)) {
		shell.traps.delete(signalName(action)!);
		return 0;
	}
	for (const signal of signals) {
		const name = signalName(signal);
		if (!name) {
			shell.error(io, `trap: ${signal}: bad trap`);
			return 1;
		}
		if (action === '-') shell.traps.delete(name);
		else shell.traps.set(name, action);
	}
	return 0;
};

const wait: Builtin = async shell => {
	const jobs = shell.jobs.splice(0);
	if (jobs.length === 0) return 0;
	const signals = shell.signals;
	let unlisten = () => {};
	const interrupted = new Promise<number>(resolve => {
		unlisten = signals.listen(signal => resolve(signal === 'KILL' ? 137 : signal === 'INT' ? 130 : 143));
	});
	try {
		const results = await Promise.race([Promise.all(jobs), interrupted]);
		return Array.isArray(results) ? results[results.length - 1] : results;
	} finally {
		unlisten();
	}
};

const kill: Builtin = (shell, argv, io) => {
	let signal: ProcessSignal = 'TERM';
	const pids: string[] = [];
	for (let index = 1; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '-l') {
			io.stdout.write('HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM\n');
			return 0;
		}
		const name = arg === '-s' ? signalName(argv[++index] ?? '') : arg.startsWith('-') ? signalName(arg.slice(1)) : undefined;
		if (arg.startsWith('-')) {
			if (!name) {
				shell.error(io, `kill: invalid signal ${arg}`);
				return 1;
			}
			signal = name === 'KILL' ? 'KILL' : name === 'INT' ? 'INT' : 'TERM';
			continue;
		}
		pids.push(arg);
	}
	if (pids.length === 0) {
		shell.error(io, 'kill: usage: kill [-s sigspec | -signum | -sigspec] pid | jobspec ... or kill -l [sigspec]');
		return shell.options.dialect === 'bash' ? 2 : 1;
	}
	let status = 0;
	for (const pid of pids) {
		if (shell.process.system.kill(Number(pid), signal)) continue;
		status = 1;
		if (shell.options.dialect === 'bash') shell.error(io, `kill: (${pid}) - No such process`);
		else if (shell.options.dialect === 'dash') shell.error(io, `kill: No such process`);
		else io.stderr.write(`${shell.options.name}: can't kill pid ${pid}: No such process\n`);
	}
	return status;
};

const command: Builtin = async (shell, argv, io) => {
	if (argv[1] === '-v' || argv[1] === '-V') {
		let status = 0;
		for (const name of argv.slice(2)) {
			const where = builtins.has(name) || shell.functions.has(name) ? name : shell.process.system.locate(name);
			if (where) io.stdout.write(`${argv[1] === '-V' && where === name ? `${name} is a shell builtin` : where}\n`);
			else status = 1;
		}
		return status;
	}
	if (argv.length < 2) return 0;
	return shell.run(argv.slice(1), io, [], true);
};

const type: Builtin = (shell, argv, io) => {
	let status = 0;
	for (const name of argv.slice(1)) {
		if (shell.functions.has(name)) io.stdout.write(`${name} is a function\n`);
		else if (builtins.has(name)) io.stdout.write(`${name} is a shell builtin\n`);
		else {
			const where = shell.process.system.locate(name);
			if (where) io.stdout.write(`${name} is ${where}\n`);
			else {
				io.stdout.write(`${name}: not found\n`);
				status = 1;
			}
		}
	}
	return status;
};

export const builtins = new Map<string, Builtin>([
	[':', () => 0],
	['true', () => 0],
	['false', () => 1],
	['exit', (shell, argv, io) => {
		const code = number(shell, io, 'exit', argv[1], shell.status);
		throw new ExitRequest(code === undefined ? 2 : code & 255);
	}],
	['return', (shell, argv, io) => {
		throw new ReturnRequest((number(shell, io, 'return', argv[1], shell.status) ?? 2) & 255);
	}],
	['break', (shell, argv, io) => {
		throw new LoopControl('break', Math.max(1, number(shell, io, 'break', argv[1], 1) ?? 1));
	}],
	['continue', (shell, argv, io) => {
		throw new LoopControl('continue', Math.max(1, number(shell, io, 'continue', argv[1], 1) ?? 1));
	}],
	['cd', cd],
	['pwd', (shell, _argv, io) => {
		io.stdout.write(`${shell.cwd}\n`);
		return 0;
	}],
	['export', exportBuiltin],
	['readonly', exportBuiltin],
	['local', (shell, argv) => {
		for (const arg of argv.slice(1)) {
			const equals = arg.indexOf('=');
			if (equals >= 0) shell.vars.set(arg.slice(0, equals), arg.slice(equals + 1));
			else if (!shell.vars.has(arg)) shell.vars.set(arg, '');
		}
		return 0;
	}],
	['unset', (shell, argv) => {
		const functions = argv[1] === '-f';
		for (const name of argv.slice(1).filter(arg => !arg.startsWith('-'))) {
			if (functions) shell.functions.delete(name);
			else {
				shell.vars.delete(name);
				shell.exported.delete(name);
			}
		}
		return 0;
	}],
	['set', set],
	['shift', (shell, argv, io) => {
		const count = number(shell, io, 'shift', argv[1], 1);
		if (count === undefined) return 2;
		if (count > shell.positional.length) {
			shell.error(io, `shift: can't shift that many`);
			return shell.options.dialect === 'bash' ? 1 : 2;
		}
		shell.positional = shell.positional.slice(count);
		return 0;
	}],
	['read', read],
	['eval', (shell, argv, io) => shell.evaluate(argv.slice(1).join(' '), io)],
	['exec', async (shell, argv, io) => {
		if (argv.length < 2) return 0;
		throw new ExitRequest(await shell.run(argv.slice(1), io, [], true));
	}],
	['.', source],
	['source', source],
	['trap', trap],
	['wait', wait],
	['kill', kill],
	['command', command],
	['type', type],
	['umask', (_shell, argv, io) => {
		if (argv.length === 1) io.stdout.write('0022\n');
		return 0;
	}],
	['ulimit', (_shell, argv, io) => {
		if (argv.length === 1 || argv[1] === '-n') io.stdout.write(argv.length === 1 ? 'unlimited\n' : '1048576\n');
		return 0;
	}],
]);
