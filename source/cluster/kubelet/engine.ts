import type {Clock} from '../clock.js';

/**
 * What the kubelet needs from a container runtime. The built-in runtime (source/cluster/runtime/) provides it
 * through runtime-engine.ts; the kubelet knows nothing else of how programs run.
 */
export type HttpRequest = {method: string; path: string; headers: Record<string, string>; body: Uint8Array};
export type HttpResponse = {status: number; headers: Record<string, string>; body: Uint8Array};

export type ExecIo = {tty: boolean; onStdout(data: string): void; onStderr(data: string): void};
export type ExecSession = {write(stdin: string): void; closeStdin(): void; resize(width: number, height: number): void; exitCode: Promise<number>};

export type ContainerExit = {exitCode: number; reason: string; message?: string};

export interface RunningProgram {
	readonly exited: Promise<ContainerExit>;
	stop(signal: 'TERM' | 'KILL'): void;
	/** Ports the program serves HTTP on. */
	ports(): number[];
	http(request: HttpRequest, port: number): Promise<HttpResponse> | undefined;
	exec(command: string[], io: ExecIo): ExecSession;
	usage(): {cpuMilli: number; memoryBytes: number};
}

export type ContainerContext = {
	podName: string;
	namespace: string;
	podIP: string;
	nodeName: string;
	containerName: string;
	image: string;
	command: string[] | undefined;
	args: string[] | undefined;
	env: Array<{name: string; value: string}>;
	/** Files the pod's volumes put in place, by absolute path; shared by the pod's containers. */
	files: Map<string, string>;
	log(line: string, stream: 'stdout' | 'stderr'): void;
	clock: Clock;
};

export interface ContainerEngine {
	/** An error message like a real pull failure, or undefined when the image exists. */
	pullError(image: string): string | undefined;
	/** The image digest reference kubelet reports as imageID. */
	imageId(image: string): string;
	start(context: ContainerContext): RunningProgram;
}
