import {fsErrorText, resolvePath} from '../filesystem.js';
import {Input} from '../input.js';
import {type Interruption, type ProcessSignal, signalExitCode} from '../interruption.js';
import {CapturedOutput, nullOutput, type Output} from '../output.js';
import type {Process} from '../process.js';
import type {AndOr, Command, CompoundCommand, List, Pipeline, Redirect, SimpleCommand} from './ast.js';
import {builtins} from './builtins.js';
import {type Dialect, type MessageSource, notFound, prefix, syntaxError} from './dialect.js';
import {ExpansionError, type ExpansionHost, expandPattern, expandString, expandWord} from './expand.js';
import {ShellSyntaxError, parseScript} from './parser.js';
import {matchesPattern} from './pattern.js';

export type ShellIO = {stdin: Input; stdout: Output; stderr: Output};

/** `exit`: unwinds to the top of the shell. */
export class ExitRequest {
	constructor(readonly code: number) {}
}

/** `break` and `continue`, with how many loops they leave. */
export class LoopControl {
	constructor(
		readonly kind: 'break' | 'continue',
		public levels: number,
	) {}
}

/** `return` from a function or a sourced file. */
export class ReturnRequest {
	constructor(readonly code: number) {}
}

/** A signal without a trap ends the shell (or, for Ctrl-C at a prompt, the command line). */
export class Terminated {
	constructor(readonly signal: ProcessSignal) {}
}

export type ShellOptions = {
	dialect: Dialect;
	/** $0. */
	name: string;
	args: readonly string[];
	interactive: boolean;
	commandString: boolean;
};

/** Loops give the event loop a turn this often, so a busy loop cannot starve the rest of the cluster. */
const iterationsPerTurn = 64;
/** Below this much clock time per turn, a loop is spinning rather than sleeping. */
const spinningTurnMs = 640;
/** How long a spinning loop rests each turn, in real time: it gets a share of the process, not all of it. */
const spinRestMs = 5;

/** Appends what is written to a file. */
class FileOutput implements Output {
	constructor(
		private readonly shell: Shell,
		private readonly path: string,
	) {}

	write(text: string): void {
		this.shell.process.system.fs.write(this.path, text, true);
	}
}

/** A POSIX-style shell interpreting scripts over the container's programs. */
export class Shell implements ExpansionHost {
	readonly vars: Map<string, string>;
	readonly exported: Set<string>;
	readonly functions: Map<string, Command>;
	readonly traps: Map<string, string>;
	positional: string[];
	status = 0;
	cwd: string;
	line = 1;
	errexit = false;
	xtrace = false;
	readonly pid: number;
	readonly jobs: Array<Promise<number>> = [];
	lastBackgroundPid = 0;
	private conditionDepth = 0;
	private iterations = 0;
	private turnStartedAt = Number.NEGATIVE_INFINITY;
	/** The status of the last command substitution, which a command of only assignments returns. */
	private substitutionStatus = 0;

	constructor(
		readonly process: Process,
		readonly options: ShellOptions,
		parent?: Shell,
		signals?: Interruption,
	) {
		this.signals = signals ?? parent?.signals ?? process.signals;
		this.vars = new Map(parent ? parent.vars : process.env);
		this.exported = new Set(parent ? parent.exported : process.env.keys());
		this.functions = new Map(parent?.functions);
		this.traps = new Map(parent?.traps);
		this.positional = [...(parent ? parent.positional : options.args)];
		this.cwd = parent?.cwd ?? process.cwd;
		this.status = parent?.status ?? 0;
		this.pid = parent?.pid ?? 1;
		this.errexit = parent?.errexit ?? false;
		this.xtrace = parent?.xtrace ?? false;
	}

	/** The signals this shell receives: its process's, or none but KILL for a background job. */
	readonly signals: Interruption;

	/** A subshell: a copy of this shell's state, whose changes do not come back. */
	fork(signals?: Interruption): Shell {
		return new Shell(this.process, this.options, this, signals);
	}

	get io(): ShellIO {
		return {stdin: this.process.stdin, stdout: this.process.stdout, stderr: this.process.stderr};
	}

	get messageSource(): MessageSource {
		return {
			dialect: this.options.dialect,
			name: this.options.name,
			line: this.line,
			interactive: this.options.interactive,
			commandString: this.options.commandString,
		};
	}

	/** Writes an error the way this shell words them (`sh: 1: ...`). */
	error(io: ShellIO, message: string): void {
		io.stderr.write(`${prefix(this.messageSource)}${message}\n`);
	}

	/** Parses and runs a whole script; returns its exit status. Signals without a trap propagate as Terminated. */
	async runScript(source: string, io: ShellIO = this.io): Promise<number> {
		let list: List;
		try {
			list = parseScript(source);
		} catch (error) {
			if (!(error instanceof ShellSyntaxError)) throw error;
			io.stderr.write(`${syntaxError(this.messageSource, error)}\n`);
			return 2;
		}
		try {
			await this.executeList(list, io);
			return this.status;
		} catch (error) {
			if (error instanceof ExitRequest) return error.code;
			throw error;
		}
	}

	/** Runs the EXIT trap, if any, once the shell is done. */
	async finish(code: number, io: ShellIO = this.io): Promise<number> {
		const trap = this.traps.get('EXIT');
		if (!trap) return code;
		this.traps.delete('EXIT');
		this.status = code;
		try {
			await this.evaluate(trap, io);
		} catch (error) {
			if (error instanceof ExitRequest) return error.code;
			if (!(error instanceof Terminated)) throw error;
		}
		return code;
	}

	/** Runs text as commands in this shell (eval, traps, sourced files). */
	async evaluate(source: string, io: ShellIO): Promise<number> {
		let list: List;
		try {
			list = parseScript(source);
		} catch (error) {
			if (!(error instanceof ShellSyntaxError)) throw error;
			io.stderr.write(`${syntaxError(this.messageSource, error)}\n`);
			this.status = 2;
			return 2;
		}
		return this.executeList(list, io);
	}

	async executeList(list: List, io: ShellIO): Promise<number> {
		for (const item of list) {
			if (item.background) {
				this.startJob(item.command, io);
				this.status = 0;
			} else {
				this.status = await this.executeAndOr(item.command, io);
			}
			await this.checkSignals(io);
			if (this.errexit && this.status !== 0 && this.conditionDepth === 0 && item.command.rest.length === 0 && !item.command.first.negated) {
				throw new ExitRequest(this.status);
			}
		}
		return this.status;
	}

	/** Acts on a pending signal: runs its trap, or ends the shell. */
	async checkSignals(io: ShellIO): Promise<void> {
		const signal = this.signals.signal;
		if (!signal) return;
		const trap = signal === 'KILL' ? undefined : this.traps.get(signal);
		if (trap === undefined) throw new Terminated(signal);
		this.signals.clear();
		if (trap) await this.evaluate(trap, io);
	}

	// ExpansionHost

	parameter(name: string): string | undefined {
		switch (name) {
			case '?':
				return String(this.status);
			case '$':
				return String(this.pid);
			case '#':
				return String(this.positional.length);
			case '0':
				return this.options.name;
			case '!':
				return this.lastBackgroundPid ? String(this.lastBackgroundPid) : '';
			case '-':
				return `${this.errexit ? 'e' : ''}${this.xtrace ? 'x' : ''}`;
			default:
				if (/^\d+$/.test(name)) return this.positional[Number(name) - 1];
				if (name === 'PWD') return this.vars.get('PWD') ?? this.cwd;
				return this.vars.get(name);
		}
	}

	assign(name: string, value: string): void {
		this.vars.set(name, value);
	}

	positionalParameters(): readonly string[] {
		return this.positional;
	}

	async substitute(body: List): Promise<string> {
		const subshell = this.fork();
		const output = new CapturedOutput();
		const io = {stdin: this.process.stdin, stdout: output, stderr: this.process.stderr};
		try {
			await subshell.executeList(body, io);
			this.substitutionStatus = subshell.status;
		} catch (error) {
			if (error instanceof ExitRequest) this.substitutionStatus = error.code;
			else throw error;
		}
		return output.text.replace(/\n+$/, '');
	}

	list(path: string): string[] | undefined {
		const names = this.process.system.fs.list(path);
		return Array.isArray(names) ? names : undefined;
	}

	stat(path: string) {
		return this.process.system.fs.stat(path);
	}

	// Commands

	private startJob(command: AndOr, io: ShellIO): void {
		// Signals to the shell do not reach its background jobs; KILL, which ends the container, does.
		const isolated = this.signals.shielded('TERM', 'INT');
		const job = this.fork(isolated.signals);
		const {pid, done} = this.process.system.spawned([this.options.name], isolated.signals);
		this.lastBackgroundPid = pid;
		const running = job
			.executeAndOr(command, {stdin: Input.empty(), stdout: io.stdout, stderr: io.stderr})
			.catch(error => {
				if (error instanceof ExitRequest) return error.code;
				if (error instanceof Terminated) return signalExitCode(error.signal);
				throw error;
			})
			.finally(() => {
				isolated.release();
				done();
			});
		this.jobs.push(running);
	}

	async executeAndOr(andOr: AndOr, io: ShellIO): Promise<number> {
		if (andOr.rest.length > 0) this.conditionDepth++;
		let status: number;
		try {
			status = await this.executePipeline(andOr.first, io);
		} finally {
			if (andOr.rest.length > 0) this.conditionDepth--;
		}
		for (const [index, {operator, pipeline}] of andOr.rest.entries()) {
			if ((operator === '&&') !== (status === 0)) continue;
			await this.checkSignals(io);
			const last = index === andOr.rest.length - 1;
			if (!last) this.conditionDepth++;
			try {
				status = await this.executePipeline(pipeline, io);
			} finally {
				if (!last) this.conditionDepth--;
			}
		}
		return status;
	}

	private async executePipeline(pipeline: Pipeline, io: ShellIO): Promise<number> {
		if (pipeline.negated) this.conditionDepth++;
		let status: number;
		try {
			if (pipeline.commands.length === 1) {
				status = await this.executeCommand(pipeline.commands[0], io);
			} else {
				// Stages run one after the other, each on the whole output of the one before.
				let stdin = io.stdin;
				for (const command of pipeline.commands.slice(0, -1)) {
					const output = new CapturedOutput();
					const stage = this.fork();
					try {
						await stage.executeCommand(command, {stdin, stdout: output, stderr: io.stderr});
					} catch (error) {
						if (!(error instanceof ExitRequest)) throw error;
					}
					stdin = Input.of(output.text);
					await this.checkSignals(io);
				}
				status = await this.executeCommand(pipeline.commands[pipeline.commands.length - 1], {stdin, stdout: io.stdout, stderr: io.stderr});
			}
		} finally {
			if (pipeline.negated) this.conditionDepth--;
		}
		this.status = pipeline.negated ? Number(status === 0) : status;
		return this.status;
	}

	async executeCommand(command: Command, io: ShellIO): Promise<number> {
		this.line = command.line;
		if (command.type === 'simple') return this.executeSimple(command, io);
		if (command.type === 'function') {
			this.functions.set(command.name, command.body);
			return 0;
		}
		const redirected = await this.redirect(command.redirects, io);
		if (!redirected) return 1;
		return this.executeCompound(command, redirected);
	}

	private async executeCompound(command: CompoundCommand, io: ShellIO): Promise<number> {
		switch (command.type) {
			case 'if':
				for (const clause of command.clauses) {
					if ((await this.condition(clause.condition, io)) === 0) return this.executeList(clause.body, io);
				}
				return command.otherwise ? this.executeList(command.otherwise, io) : 0;
			case 'loop': {
				let status = 0;
				for (;;) {
					const condition = await this.condition(command.condition, io);
					if ((condition === 0) === command.until) break;
					const control = await this.loopBody(command.body, io);
					status = this.status;
					if (control === 'break') break;
				}
				return status;
			}
			case 'for': {
				const values: string[] = [];
				if (command.words) for (const word of command.words) values.push(...(await this.expandArguments(word, io)));
				else values.push(...this.positional);
				let status = 0;
				for (const value of values) {
					this.vars.set(command.name, value);
					const control = await this.loopBody(command.body, io);
					status = this.status;
					if (control === 'break') break;
				}
				return status;
			}
			case 'case': {
				const subject = await expandString(command.word, this);
				for (const item of command.items) {
					for (const pattern of item.patterns) {
						if (matchesPattern(subject, await expandPattern(pattern, this))) return this.executeList(item.body, io);
					}
				}
				return 0;
			}
			case 'group':
				return this.executeList(command.body, io);
			case 'subshell': {
				const subshell = this.fork();
				try {
					return await subshell.executeList(command.body, io);
				} catch (error) {
					if (error instanceof ExitRequest) return error.code;
					throw error;
				}
			}
			case 'function':
				this.functions.set(command.name, command.body);
				return 0;
		}
	}

	private async condition(list: List, io: ShellIO): Promise<number> {
		this.conditionDepth++;
		try {
			return await this.executeList(list, io);
		} finally {
			this.conditionDepth--;
		}
	}

	/** One turn of a loop; says whether `break` or `continue` ended it. */
	private async loopBody(body: List, io: ShellIO): Promise<'break' | 'continue' | undefined> {
		if (++this.iterations % iterationsPerTurn === 0) {
			const system = this.process.system;
			const now = system.clock.now();
			const spinning = now - this.turnStartedAt < spinningTurnMs;
			this.turnStartedAt = now;
			if (spinning) system.meter.spin(now);
			await new Promise(resolve => (spinning ? setTimeout(resolve, spinRestMs) : setImmediate(resolve)));
		}
		await this.checkSignals(io);
		try {
			await this.executeList(body, io);
			return undefined;
		} catch (error) {
			if (!(error instanceof LoopControl)) throw error;
			if (error.levels > 1) {
				error.levels--;
				throw error;
			}
			return error.kind;
		}
	}

	private async expandArguments(word: SimpleCommand['words'][number], io: ShellIO): Promise<string[]> {
		try {
			return await expandWord(word, this);
		} catch (error) {
			if (error instanceof ExpansionError) {
				this.error(io, error.message);
				throw new ExitRequest(this.options.interactive ? 1 : 2);
			}
			throw error;
		}
	}

	private async executeSimple(command: SimpleCommand, io: ShellIO): Promise<number> {
		const argv: string[] = [];
		this.substitutionStatus = 0;
		for (const word of command.words) argv.push(...(await this.expandArguments(word, io)));
		const assignments: Array<[string, string]> = [];
		for (const assignment of command.assignments) {
			try {
				assignments.push([assignment.name, await expandString(assignment.value, this)]);
			} catch (error) {
				if (!(error instanceof ExpansionError)) throw error;
				this.error(io, error.message);
				throw new ExitRequest(2);
			}
		}
		const substitutionStatus = this.substitutionStatus;
		if (argv.length === 0) {
			for (const [name, value] of assignments) this.vars.set(name, value);
			if (command.redirects.length > 0 && !(await this.redirect(command.redirects, io))) return 1;
			return substitutionStatus;
		}
		const redirected = await this.redirect(command.redirects, io);
		if (!redirected) return 1;
		if (this.xtrace) redirected.stderr.write(`+ ${argv.join(' ')}\n`);
		return this.run(argv, redirected, assignments);
	}

	/** Runs a command by name: a function, a builtin, or a program of the image. */
	async run(argv: readonly string[], io: ShellIO, assignments: ReadonlyArray<[string, string]> = [], skipFunctions = false): Promise<number> {
		const name = argv[0];
		const fn = skipFunctions ? undefined : this.functions.get(name);
		if (fn) return this.callFunction(fn, argv, io);
		const builtin = builtins.get(name);
		if (builtin) {
			for (const [variable, value] of assignments) this.vars.set(variable, value);
			return builtin(this, argv, io);
		}
		const program = this.process.system.findProgram(name);
		if (!program) {
			io.stderr.write(`${notFound(this.messageSource, name)}\n`);
			return 127;
		}
		const env = new Map<string, string>();
		for (const variable of this.exported) {
			const value = this.vars.get(variable);
			if (value !== undefined) env.set(variable, value);
		}
		for (const [variable, value] of assignments) env.set(variable, value);
		// A shell that traps TERM waits for its foreground command, which does not get the signal.
		const shield = this.traps.has('TERM') ? this.signals.shielded('TERM') : undefined;
		const signals = shield?.signals ?? this.signals;
		const {done} = this.process.system.spawned(argv, signals);
		try {
			return await program({
				argv,
				env,
				cwd: this.cwd,
				stdin: io.stdin,
				stdout: io.stdout,
				stderr: io.stderr,
				signals,
				system: this.process.system,
			});
		} finally {
			shield?.release();
			done();
		}
	}

	private async callFunction(body: Command, argv: readonly string[], io: ShellIO): Promise<number> {
		const saved = this.positional;
		this.positional = argv.slice(1);
		try {
			return await this.executeCommand(body, io);
		} catch (error) {
			if (error instanceof ReturnRequest) return error.code;
			throw error;
		} finally {
			this.positional = saved;
		}
	}

	/** The standard streams after a command's redirections; undefined when one failed (the error is printed). */
	private async redirect(redirects: readonly Redirect[], io: ShellIO): Promise<ShellIO | undefined> {
		if (redirects.length === 0) return io;
		const fds: Array<Input | Output> = [io.stdin, io.stdout, io.stderr];
		const fs = this.process.system.fs;
		const flavour = this.options.dialect;
		for (const redirect of redirects) {
			const target = await expandString(redirect.target, this);
			if (redirect.fd > 2) continue;
			switch (redirect.operator) {
				case '<<':
					fds[redirect.fd] = Input.of(target);
					break;
				case '<': {
					const content = fs.read(resolvePath(this.cwd, target));
					if (typeof content !== 'string') {
						const text = fsErrorText[content.error];
						io.stderr.write(
							flavour === 'ash'
								? `${this.options.name}: can't open '${target}': ${text}\n`
								: flavour === 'dash'
									? `${prefix(this.messageSource)}cannot open ${target}: ${content.error === 'ENOENT' ? 'No such file' : text}\n`
									: `${prefix(this.messageSource)}${target}: ${text}\n`,
						);
						return undefined;
					}
					fds[redirect.fd] = Input.of(content);
					break;
				}
				case '>&':
				case '<&': {
					if (target === '-') fds[redirect.fd] = nullOutput;
					else if (/^[0-2]$/.test(target)) fds[redirect.fd] = fds[Number(target)];
					break;
				}
				default: {
					if (target === '/dev/null') {
						fds[redirect.fd] = nullOutput;
						break;
					}
					if (target === '/dev/stdout' || target === '/dev/stderr') {
						fds[redirect.fd] = target === '/dev/stdout' ? io.stdout : io.stderr;
						break;
					}
					const path = resolvePath(this.cwd, target);
					const failure = redirect.operator === '>' ? fs.write(path, '') : fs.write(path, '', true);
					if (failure) {
						const text = fsErrorText[failure];
						io.stderr.write(
							flavour === 'ash'
								? `${this.options.name}: can't create ${target}: ${failure === 'ENOENT' ? 'nonexistent directory' : text}\n`
								: flavour === 'dash'
									? `${prefix(this.messageSource)}cannot create ${target}: ${failure === 'ENOENT' ? 'Directory nonexistent' : text}\n`
									: `${prefix(this.messageSource)}${target}: ${text}\n`,
						);
						return undefined;
					}
					fds[redirect.fd] = new FileOutput(this, path);
				}
			}
		}
		const [stdin, stdout, stderr] = fds;
		return {
			stdin: stdin instanceof Input ? stdin : Input.empty(),
			stdout: stdout instanceof Input ? nullOutput : stdout,
			stderr: stderr instanceof Input ? nullOutput : stderr,
		};
	}
}
