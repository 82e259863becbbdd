import {randomBytes} from 'node:crypto';
import {ExecStartError, execNotFoundMessage, startNotFoundMessage} from './exec-start-error.js';
import {ContainerFilesystem} from './filesystem.js';
import {Image} from './image.js';
import {Input} from './input.js';
import {Interruption, type ProcessSignal} from './interruption.js';
import {LineDiscipline} from './line-discipline.js';
import {hashString, LoadMeter} from './load-meter.js';
import {NetworkError} from './network-error.js';
import {LineLog, StreamOutput} from './output.js';
import type {ContainerSystem, Process} from './process.js';
import {findProgram} from './programs.js';
import type {HttpHandler, PodSandbox} from './sandbox.js';
import type {
	ContainerContext,
	ContainerExit,
	ContainerResources,
	ExecIO,
	ExecSession,
	FetchInit,
	HttpRequest,
	HttpResponse,
	ImageProgram,
	LogStream,
	ResourceUsage,
	RunningContainer,
	StopSignal,
} from './types.js';

/** Starts a container of an image from `resolveImage`. It runs until its program ends or it is stopped. */
export function startContainer(image: ImageProgram, context: ContainerContext): RunningContainer {
	if (!(image instanceof Image)) throw new TypeError('startContainer takes an image returned by resolveImage');
	const container = new Container(image, context);
	container.start();
	return container;
}

/** A process other than PID 1, for ps and kill. */
type ProcessEntry = {pid: number; argv: readonly string[]; signals: Interruption; startedAt: number; kill?: () => void};

const textDecoder = new TextDecoder();

/**
 * One container: its main program (PID 1), the execs running beside it, its filesystem and its usage. An idle one
 * holds a few small objects and no timer; its filesystem and process table exist only once something uses them.
 */
class Container implements RunningContainer, ContainerSystem {
	readonly exited: Promise<ContainerExit>;
	readonly startedAt: number;
	readonly meter: LoadMeter;
	private settle!: (exit: ContainerExit) => void;
	private ended: ContainerExit | undefined;
	private readonly main = new Interruption();
	private readonly stdout: LineLog;
	private readonly stderr: LineLog;
	private argv: readonly string[] = [];
	private table: ProcessEntry[] | undefined;
	private nextPid = 1;
	private filesystem: ContainerFilesystem | undefined;
	private overMemory = false;
	/** The main process's input, when the container has stdin. */
	private input: Input | undefined;
	private discipline: LineDiscipline | undefined;
	private attachments: Array<{stdout: StreamOutput; stderr: StreamOutput}> | undefined;

	constructor(
		readonly image: Image,
		private readonly context: ContainerContext,
	) {
		this.exited = new Promise(resolve => {
			this.settle = resolve;
		});
		this.startedAt = context.pod.clock.now();
		this.meter = new LoadMeter(image.variant.usage, hashString(`${context.pod.name}/${context.containerName}`));
		const sink = (line: string, stream: LogStream) => {
			if (!this.ended) context.log(line, stream);
		};
		const tty = context.tty === true;
		this.stdout = new LineLog(sink, 'stdout', tty);
		this.stderr = tty ? this.stdout : new LineLog(sink, 'stderr');
		if (context.stdin) {
			this.input = new Input();
			if (tty) this.discipline = new LineDiscipline(this.input, text => this.stdout.write(text), this.main);
		}
	}

	get pod(): PodSandbox {
		return this.context.pod;
	}

	get containerName(): string {
		return this.context.containerName;
	}

	get clock() {
		return this.context.pod.clock;
	}

	get resources(): ContainerResources | undefined {
		return this.context.resources;
	}

	get fs(): ContainerFilesystem {
		this.filesystem ??= new ContainerFilesystem(this.image.variant.files, path => this.context.pod.file(path), this.context.mounts ?? []);
		return this.filesystem;
	}

	start(): void {
		const env = this.environment();
		const argv = expandReferences(commandLine(this.image, this.context), env);
		this.argv = argv;
		if (argv.length === 0) {
			this.finish({exitCode: 128, reason: 'StartError', message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown'});
			return;
		}
		const found = this.locateProgram(argv[0]);
		if (!found) {
			this.finish({exitCode: 128, reason: 'StartError', message: startNotFoundMessage(argv[0])});
			return;
		}
		this.nextPid = 2;
		const process: Process = {
			argv,
			env,
			cwd: this.context.workingDir ?? this.image.variant.workingDir,
			stdin: this.input ?? Input.empty(),
			stdout: this.stdout,
			stderr: this.stderr,
			signals: this.main,
			system: this,
		};
		found.program(process).then(
			code => this.finish(code),
			(error: unknown) => {
				this.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
				this.finish(1);
			},
		);
	}

	stop(signal: StopSignal): void {
		if (this.ended) return;
		if (signal === 'KILL') {
			this.main.raise('KILL');
			this.finish(137);
			return;
		}
		this.main.raise('TERM');
	}

	listens(): number[] {
		return this.ended ? [] : this.pod.listens(this);
	}

	handleHttp(request: HttpRequest, port: number): Promise<HttpResponse> | undefined {
		if (this.ended) return undefined;
		return this.pod.handleHttp(request, port, this);
	}

	usage(): ResourceUsage {
		if (this.ended) return {cpuMilli: 0, memoryBytes: 0};
		return this.meter.usage(this.clock.now(), this.context.resources?.cpuLimitMilli);
	}

	exec(argv: readonly string[], io: ExecIO): ExecSession {
		if (this.ended) throw new ExecStartError(`container ${this.containerName} is not running`);
		if (argv.length === 0) throw new ExecStartError('command is required');
		const found = this.locateProgram(argv[0]);
		if (!found) throw new ExecStartError(execNotFoundMessage(argv[0], randomBytes(32).toString('hex')));
		const tty = io.tty === true;
		const signals = new Interruption();
		const stdin = new Input();
		if (!(io.stdin ?? tty)) stdin.end();
		const stdout = new StreamOutput(data => io.onStdout(data), tty);
		const stderr = tty ? stdout : new StreamOutput(data => io.onStderr(data), false);
		const discipline = tty ? new LineDiscipline(stdin, text => stdout.write(text), signals) : undefined;
		let settle!: (code: number) => void;
		const exitCode = new Promise<number>(resolve => {
			settle = resolve;
		});
		let finished = false;
		const {done} = this.spawned(argv, signals, () => end(137));
		const end = (code: number) => {
			if (finished) return;
			finished = true;
			done();
			stdout.open = false;
			stderr.open = false;
			settle(code);
		};
		const process: Process = {
			argv,
			env: this.environment(),
			cwd: this.context.workingDir ?? this.image.variant.workingDir,
			stdin,
			stdout,
			stderr,
			signals,
			system: this,
		};
		found.program(process).then(end, (error: unknown) => {
			stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
			end(1);
		});
		return {
			write(data) {
				if (finished) return;
				const text = typeof data === 'string' ? data : textDecoder.decode(data);
				if (discipline) discipline.feed(text);
				else stdin.push(text);
			},
			closeStdin: () => stdin.end(),
			resize() {},
			kill() {
				signals.raise('KILL');
				end(137);
			},
			exitCode,
		};
	}

	attach(io: Omit<ExecIO, 'tty' | 'stdin'>): ExecSession {
		if (this.ended) throw new ExecStartError(`container ${this.containerName} is not running`);
		const tty = this.context.tty === true;
		const stdout = new StreamOutput(data => io.onStdout(data), tty);
		const attachment = {stdout, stderr: tty ? stdout : new StreamOutput(data => io.onStderr(data), false)};
		const attachments = (this.attachments ??= []);
		attachments.push(attachment);
		this.stdout.tap = text => {
			for (const each of attachments) each.stdout.write(text);
		};
		if (this.stderr !== this.stdout) {
			this.stderr.tap = text => {
				for (const each of attachments) each.stderr.write(text);
			};
		}
		const detach = () => {
			attachment.stdout.open = false;
			attachment.stderr.open = false;
			const at = attachments.indexOf(attachment);
			if (at >= 0) attachments.splice(at, 1);
		};
		const exitCode = this.exited.then(exit => {
			detach();
			return exit.exitCode;
		});
		return {
			write: data => {
				if (!this.input || this.ended) return;
				const text = typeof data === 'string' ? data : textDecoder.decode(data);
				if (this.discipline) this.discipline.feed(text);
				else this.input.push(text);
			},
			closeStdin() {},
			resize() {},
			kill: detach,
			exitCode,
		};
	}

	// ContainerSystem

	listen(port: number, handler: HttpHandler): boolean {
		if (this.ended) return false;
		return this.pod.listen(port, this, handler);
	}

	unlisten(port: number): void {
		this.pod.unlisten(this, port);
	}

	async fetch(url: string, init: FetchInit = {}): Promise<HttpResponse> {
		const parsed = new URL(url);
		const host = parsed.hostname.replace(/^\[|\]$/g, '');
		if (this.pod.isSelf(host)) {
			const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
			const request: HttpRequest = {
				method: init.method ?? 'GET',
				path: `${parsed.pathname}${parsed.search}`,
				headers: init.headers ?? {},
				body: init.body,
				remoteAddress: host === this.pod.ip ? this.pod.ip : '127.0.0.1',
			};
			const answer = this.pod.handleHttp(request, port);
			if (!answer) throw new NetworkError('ECONNREFUSED', host, host === 'localhost' ? '127.0.0.1' : host);
			return answer;
		}
		return this.pod.network.fetch(url, init);
	}

	findProgram(command: string) {
		return this.locateProgram(command)?.program;
	}

	locate(command: string): string | undefined {
		return this.locateProgram(command)?.path;
	}

	spawned(argv: readonly string[], signals: Interruption, kill?: () => void): {pid: number; done(): void} {
		const entry: ProcessEntry = {pid: this.nextPid++, argv, signals, startedAt: this.clock.now(), kill};
		(this.table ??= []).push(entry);
		return {
			pid: entry.pid,
			done: () => {
				if (!this.table) return;
				const at = this.table.indexOf(entry);
				if (at >= 0) this.table.splice(at, 1);
			},
		};
	}

	processes(): Array<{pid: number; argv: readonly string[]; startedAt: number}> {
		const others = this.table ?? [];
		return [{pid: 1, argv: this.argv, startedAt: this.startedAt}, ...others];
	}

	kill(pid: number, signal: ProcessSignal): boolean {
		if (pid === 1) {
			// The kernel keeps other processes of the container from killing its init with KILL.
			if (signal !== 'KILL') this.main.raise(signal);
			return !this.ended;
		}
		const entry = this.table?.find(candidate => candidate.pid === pid);
		if (!entry) return false;
		entry.signals.raise(signal);
		return true;
	}

	outOfMemory(): void {
		if (this.ended) return;
		this.overMemory = true;
		this.main.raise('KILL');
		this.finish(137);
	}

	private locateProgram(command: string) {
		return findProgram(this.image, command, command.includes('/') ? this.fs : undefined);
	}

	/** PATH, HOSTNAME, the pod's variables, then the image's, and HOME, as a container's environment reads. */
	private environment(): Map<string, string> {
		const env = new Map<string, string>();
		const imageEnv = this.image.variant.env;
		env.set('PATH', imageEnv.find(variable => variable.name === 'PATH')?.value ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
		env.set('HOSTNAME', this.pod.hostname);
		for (const variable of this.context.env) env.set(variable.name, variable.value);
		for (const variable of imageEnv) if (!env.has(variable.name)) env.set(variable.name, variable.value);
		if (!env.has('HOME')) env.set('HOME', '/root');
		return env;
	}

	private finish(outcome: number | ContainerExit): void {
		if (this.ended) return;
		const exit: ContainerExit =
			typeof outcome !== 'number'
				? outcome
				: this.overMemory
					? {exitCode: 137, reason: 'OOMKilled'}
					: {exitCode: outcome, reason: outcome === 0 ? 'Completed' : 'Error'};
		this.stdout.flush();
		this.stderr.flush();
		this.ended = exit;
		this.input?.end();
		this.pod.unlisten(this);
		if (this.table) {
			for (const entry of [...this.table]) {
				entry.signals.raise('KILL');
				entry.kill?.();
			}
		}
		this.main.raise('KILL');
		this.settle(exit);
	}
}

/** The command a container runs: Kubernetes' command and args over the image's ENTRYPOINT and CMD. */
function commandLine(image: Image, context: ContainerContext): string[] {
	if (context.command && context.command.length > 0) return [...context.command, ...(context.args ?? [])];
	return [...image.entrypoint, ...(context.args ?? image.cmd)];
}

/** `$(VAR)` in command and args takes the variable's value; `$$(VAR)` stays literal; unknown names stay as written. */
function expandReferences(argv: readonly string[], env: ReadonlyMap<string, string>): string[] {
	return argv.map(arg =>
		arg.includes('$(')
			? arg.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => (name === undefined ? '$' : env.get(name) ?? match))
			: arg,
	);
}
