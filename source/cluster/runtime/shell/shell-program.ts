import {fsErrorText, resolvePath} from '../filesystem.js';
import {signalExitCode} from '../interruption.js';
import type {Process, Program} from '../process.js';
import {type Dialect, prompt, syntaxError} from './dialect.js';
import {ExitRequest, Shell, type ShellOptions, Terminated} from './interpreter.js';
import {ShellSyntaxError, parseScript} from './parser.js';

/**
 * `sh` and `bash`: `sh -c 'script' [name [args]]`, `sh file [args]`, or commands read from stdin — with a prompt and
 * line editing on a terminal, as `kubectl exec -ti pod -- sh` gives. Without input, as a container's default command
 * with no stdin, it finds end of input at once and exits 0.
 */
export function shellProgram(dialect: Dialect): Program {
	return process => runShell(process, dialect);
}

async function runShell(process: Process, dialect: Dialect): Promise<number> {
	const args = process.argv.slice(1);
	let commandString = false;
	let forceInteractive = false;
	let errexit = false;
	let xtrace = false;
	while (args.length > 0 && /^[-+]/.test(args[0]) && args[0] !== '-' && args[0] !== '+') {
		const option = args.shift()!;
		if (option === '--') break;
		if (option === '--login' || option === '--norc' || option === '--noprofile' || option === '--posix') continue;
		if (option === '-o' || option === '+o') {
			args.shift();
			continue;
		}
		for (const flag of option.slice(1)) {
			if (flag === 'c') commandString = true;
			else if (flag === 'i') forceInteractive = true;
			else if (flag === 'e') errexit = true;
			else if (flag === 'x') xtrace = true;
		}
	}
	const invokedAs = process.argv[0];
	const options: ShellOptions = {dialect, name: invokedAs, args: [], interactive: false, commandString};
	if (commandString) {
		if (args.length === 0) {
			process.stderr.write(`${invokedAs}: -c requires an argument\n`);
			return 2;
		}
		options.name = args[1] ?? invokedAs;
		options.args = args.slice(2);
		return runScript(process, options, args[0], errexit, xtrace);
	}
	if (args.length > 0 && args[0] !== '-s') {
		const file = args[0];
		const content = process.system.fs.read(resolvePath(process.cwd, file));
		if (typeof content !== 'string') {
			const why = fsErrorText[content.error];
			if (dialect === 'ash') process.stderr.write(`${invokedAs}: can't open '${file}': ${why}\n`);
			else if (dialect === 'dash') process.stderr.write(`${invokedAs}: 0: cannot open ${file}: ${content.error === 'ENOENT' ? 'No such file' : why}\n`);
			else process.stderr.write(`${invokedAs}: ${file}: ${why}\n`);
			return dialect === 'bash' ? 127 : 2;
		}
		options.name = file;
		options.args = args.slice(1);
		return runScript(process, options, content, errexit, xtrace);
	}
	if (args[0] === '-s') options.args = args.slice(1);
	options.interactive = forceInteractive || process.stdout.tty === true;
	const shell = new Shell(process, options);
	shell.errexit = errexit;
	shell.xtrace = xtrace;
	return readCommands(shell);
}

async function runScript(process: Process, options: ShellOptions, source: string, errexit: boolean, xtrace: boolean): Promise<number> {
	const shell = new Shell(process, options);
	shell.errexit = errexit;
	shell.xtrace = xtrace;
	let code: number;
	try {
		code = await shell.runScript(source);
	} catch (error) {
		if (!(error instanceof Terminated)) throw error;
		code = signalExitCode(error.signal);
	}
	return shell.finish(code);
}

/** Reads commands from stdin as they come, a whole command at a time, with a prompt when interactive. */
async function readCommands(shell: Shell): Promise<number> {
	const process = shell.process;
	const signals = process.signals;
	const interactive = shell.options.interactive;
	const hostname = process.system.pod.hostname;
	let pending = '';
	for (;;) {
		if (interactive) process.stdout.write(pending ? '> ' : prompt(shell.options.dialect, shell.cwd, hostname));
		const line = await process.stdin.readLine(signals);
		if (signals.signal === 'INT' && interactive) {
			signals.clear();
			pending = '';
			shell.status = 130;
			continue;
		}
		if (signals.stopped) return signalExitCode(signals.signal!);
		if (line === undefined) {
			if (interactive && shell.options.dialect === 'bash') process.stderr.write('exit\n');
			return shell.finish(shell.status);
		}
		pending += `${line}\n`;
		shell.line++;
		let list;
		try {
			list = parseScript(pending);
		} catch (error) {
			if (!(error instanceof ShellSyntaxError)) throw error;
			if (error.incomplete) continue;
			process.stderr.write(`${syntaxError(shell.messageSource, error)}\n`);
			pending = '';
			shell.status = 2;
			continue;
		}
		pending = '';
		try {
			await shell.executeList(list, shell.io);
		} catch (error) {
			if (error instanceof ExitRequest) {
				if (interactive && shell.options.dialect === 'bash') process.stderr.write('exit\n');
				return shell.finish(error.code);
			}
			if (!(error instanceof Terminated)) throw error;
			if (error.signal !== 'INT' || !interactive) return signalExitCode(error.signal);
			signals.clear();
			shell.status = 130;
		}
	}
}
