import type {Clock} from '../clock.js';
import type {ContainerFilesystem} from './filesystem.js';
import type {Image} from './image.js';
import type {Input} from './input.js';
import type {Interruption, ProcessSignal} from './interruption.js';
import type {LoadMeter} from './load-meter.js';
import type {Output} from './output.js';
import type {HttpHandler, PodSandbox} from './sandbox.js';
import type {ContainerResources, FetchInit, HttpResponse} from './types.js';

/** What a running program sees: its arguments, environment and standard streams, and the container around it. */
export type Process = {
	readonly argv: readonly string[];
	/** Exported variables in order. */
	readonly env: Map<string, string>;
	cwd: string;
	readonly stdin: Input;
	readonly stdout: Output;
	readonly stderr: Output;
	/** Signals sent to the process (its whole process group). */
	readonly signals: Interruption;
	readonly system: ContainerSystem;
};

/** A program: runs until it returns its exit code. It ends promptly on TERM or KILL. */
export type Program = (process: Process) => Promise<number>;

/** The kernel and the pod, as programs reach them. */
export interface ContainerSystem {
	readonly pod: PodSandbox;
	readonly containerName: string;
	readonly clock: Clock;
	readonly image: Image;
	readonly fs: ContainerFilesystem;
	readonly meter: LoadMeter;
	readonly resources: ContainerResources | undefined;
	/** When the container started (clock ms), for uptime. */
	readonly startedAt: number;
	/** Takes a port in the pod; false when it is taken. */
	listen(port: number, handler: HttpHandler): boolean;
	unlisten(port: number): void;
	/** An HTTP request from inside the container: localhost and the pod itself are answered here. */
	fetch(url: string, init?: FetchInit): Promise<HttpResponse>;
	/** An executable by name or path, as PATH lookup would find it. */
	findProgram(command: string): Program | undefined;
	/** The path an executable would be found at (`command -v`, `which`). */
	locate(command: string): string | undefined;
	/** Registers a running process for `ps` and `kill`; returns its pid and a function to call when it ends. */
	spawned(argv: readonly string[], signals: Interruption): {pid: number; done(): void};
	/** Sends a signal to a process by pid, as `kill` does; false when there is no such process. */
	kill(pid: number, signal: ProcessSignal): boolean;
	/** Processes running now, for `ps`. */
	processes(): Array<{pid: number; argv: readonly string[]; startedAt: number}>;
	/** The program went over the memory limit: the container ends with OOMKilled. */
	outOfMemory(): void;
}
