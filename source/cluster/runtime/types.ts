/**
 * The built-in container runtime: what a kubelet and the service network code against.
 *
 * Pods run small programs inside the kubedeck process; there are no OS processes, timers or sockets per idle pod.
 *
 * A kubelet:
 *   1. resolves each container's image with `resolveImage(spec.image)` (catalogue.ts). An `ImagePullError` says why a
 *      pull fails; its `reason` is the container's waiting reason and the event reads
 *      `Failed to pull image "<image>": <message>`.
 *   2. creates one `PodSandbox` per pod (`createPodSandbox`, sandbox.ts): the pod's network namespace (ports shared by
 *      its containers, localhost) and its identity (name, IP, /etc/hosts).
 *   3. creates one `Volume` per pod volume (volume.ts): a ConfigMap, Secret or projected volume filled with its files, an
 *      emptyDir empty. Each container mounts them where its `volumeMounts` say.
 *   4. calls `startContainer(image, context)` (container.ts) and watches `exited`. The runtime expands `$(VAR)` in
 *      command and args, as Kubernetes does, and gives the program PATH, HOSTNAME and the image's variables.
 *   5. stops a container with `stop('TERM')` (every catalogue program ends promptly on it; a shell with a TERM trap
 *      first finishes its foreground command), then `stop('KILL')` once the grace period is over.
 *   6. serves kubectl exec and exec probes with `container.exec(argv, io)`, which returns an `ExecSession` (write
 *      stdin, close it, await the exit code) or throws an `ExecStartError` (exec-start-error.ts) whose message the
 *      API server wraps as `Internal error occurred: error executing command in container: <message>`.
 *   7. reports `container.usage()` to metrics and `container.listens()` to tcpSocket probes.
 *
 * Logs arrive line by line through `context.log`; the kubelet keeps them (and should cap them: a container writing in
 * a busy loop produces thousands of lines a second).
 *
 * The service network:
 *   - turns a connection to `podIP:port` into `sandbox.handleHttp(request, port)` (or `container.handleHttp`);
 *     `undefined` means nothing listens there: connection refused.
 *   - implements `PodNetwork` for what programs inside a pod send out (curl, wget).
 */
import type {Clock} from '../clock.js';
import type {PodSandbox} from './sandbox.js';
import type {Volume} from './volume.js';

export type LogStream = 'stdout' | 'stderr';

/** TERM is the polite stop (the image's stop signal); KILL cannot be caught and ends the container at once. */
export type StopSignal = 'TERM' | 'KILL';

/** An HTTP request as a program sees it. Header names are lower case. */
export type HttpRequest = {
	method: string;
	/** Path with query, as on the request line: '/', '/healthz?full=1'. */
	path: string;
	headers: Record<string, string>;
	body?: string | Uint8Array;
	/** The client's address, for access logs (a pod IP, a node IP for probes and NodePorts). Default '127.0.0.1'. */
	remoteAddress?: string;
};

/**
 * An HTTP answer. Header names are lower case. The body is text, sent as UTF-8; the transport adds the framing headers
 * (content-length or transfer-encoding), which programs never set.
 */
export type HttpResponse = {
	status: number;
	headers: Record<string, string>;
	body: string;
};

/** How a container ended. */
export type ContainerExit = {
	exitCode: number;
	/**
	 * As in `state.terminated.reason`: 'Completed' for 0, 'Error' otherwise, 'OOMKilled' when it went over its memory
	 * limit, 'StartError' (exit code 128) when its command could not be started.
	 */
	reason: 'Completed' | 'Error' | 'OOMKilled' | 'StartError';
	/** For StartError, what `state.terminated.message` says. */
	message?: string;
};

/** What a container uses now, as metrics-server would report it. */
export type ResourceUsage = {
	cpuMilli: number;
	memoryBytes: number;
};

/** Requests and limits from the container spec, already parsed (`cpu: 500m` is 500, `memory: 64Mi` is 67108864). */
export type ContainerResources = {
	cpuRequestMilli?: number;
	cpuLimitMilli?: number;
	memoryRequestBytes?: number;
	/** Going over it ends the container with OOMKilled (exit code 137). */
	memoryLimitBytes?: number;
};

export type FetchInit = {
	method?: string;
	headers?: Record<string, string>;
	body?: string;
	/** Give up after this long and reject with NetworkError 'ETIMEDOUT'. */
	timeoutMs?: number;
};

/**
 * The network as seen from inside one pod, implemented by the service network; one object per pod, so that a bare
 * service name resolves in the pod's namespace like the pod's resolv.conf search list would.
 */
export interface PodNetwork {
	/**
	 * An HTTP request from the pod. The URL's host may be a service name (`web`, `web.default`,
	 * `web.default.svc.cluster.local`), a cluster IP, a pod IP or a pod's DNS name. The runtime answers localhost and
	 * the pod's own IP and hostname itself, so they never reach here.
	 * Rejects with a `NetworkError` (network-error.ts): 'ENOTFOUND' for a name that does not resolve, 'ECONNREFUSED'
	 * when nothing listens, 'ETIMEDOUT' when nothing answers in time.
	 */
	fetch(url: string, init?: FetchInit): Promise<HttpResponse>;
	/** The address a name resolves to from this pod (for nslookup), undefined when it does not. Optional. */
	lookup?(host: string): Promise<string | undefined>;
}

/** Where one volume appears inside a container. */
export type Mount = {
	mountPath: string;
	volume: Volume;
	readOnly?: boolean;
	/** Mount only this file or directory of the volume. */
	subPath?: string;
};

export type EnvVar = {name: string; value: string};

/** Everything a container needs from its kubelet. */
export type ContainerContext = {
	/** The pod this container belongs to; shared by the pod's containers. */
	pod: PodSandbox;
	containerName: string;
	/**
	 * The container's environment as the kubelet resolved it: `env`, `envFrom` and the service variables
	 * (KUBERNETES_SERVICE_HOST ...), in that order. The runtime adds PATH, HOSTNAME, HOME and the image's own variables.
	 */
	env: readonly EnvVar[];
	/** `spec.containers[].command` and `args`; unset means the image's entrypoint and cmd, as in Kubernetes. */
	command?: readonly string[];
	args?: readonly string[];
	workingDir?: string;
	/**
	 * `spec.containers[].stdin` and `tty`: the main process gets an input that `attach` sessions write to (so a shell
	 * waits for commands instead of exiting), and with tty a terminal (prompt, echo, line editing).
	 */
	stdin?: boolean;
	tty?: boolean;
	mounts?: readonly Mount[];
	resources?: ContainerResources;
	/** Receives each line the container writes, without its newline. A last line without newline comes at exit. */
	log(line: string, stream: LogStream): void;
};

/** The input and output of one `exec`. */
export type ExecIO = {
	/** With a TTY, input is line-edited and echoed, and output uses CRLF, as through a pseudo-terminal. */
	tty?: boolean;
	/** Whether the command gets input (`kubectl exec -i`); without it, stdin is at end from the start. Default: tty. */
	stdin?: boolean;
	onStdout(data: string): void;
	/** Unused with a TTY: a terminal has one output. */
	onStderr(data: string): void;
};

/** A running exec: feed it input, wait for its exit code (which is 137 when the container stops under it). */
export type ExecSession = {
	write(stdin: string | Uint8Array): void;
	closeStdin(): void;
	resize(width: number, height: number): void;
	/** Ends the command as a hung-up terminal would (the client went away). */
	kill(): void;
	readonly exitCode: Promise<number>;
};

export interface RunningContainer {
	/** Resolves once, when the container ends, whatever ended it. */
	readonly exited: Promise<ContainerExit>;
	/** When it started (clock ms). */
	readonly startedAt: number;
	/** TERM asks the program to stop (each one ends promptly on it); KILL ends it at once with 137. */
	stop(signal: StopSignal): void;
	/** Ports it listens on now (for tcpSocket probes and endpoints). */
	listens(): number[];
	/** An HTTP request to one of its ports; undefined when it does not listen there (connection refused). */
	handleHttp(request: HttpRequest, port: number): Promise<HttpResponse> | undefined;
	/**
	 * Runs a command in the container, as `kubectl exec` and exec probes do. The command is looked up in the image
	 * (every image has a shell: `sh -c '...'`, `env`, `cat`, ...).
	 * Throws `ExecStartError` (exec-start-error.ts) when it cannot start: no such executable, container not running.
	 */
	exec(argv: readonly string[], io: ExecIO): ExecSession;
	/** Simulated usage: low when idle, rising with load and decaying after it. */
	usage(): ResourceUsage;
	/**
	 * Joins the main process, as `kubectl attach` (and `kubectl run -it`) do: its output from now on, and, when the
	 * container has stdin, input to it. `kill` detaches; `exitCode` is the container's. Throws ExecStartError when it is
	 * not running.
	 */
	attach(io: Omit<ExecIO, 'tty' | 'stdin'>): ExecSession;
}

/** A pullable image: what the kubelet reports, and what the container runs. */
export interface ImageProgram {
	/** The image as the runtime names it, for `containerStatuses[].image`: 'docker.io/library/nginx:1.27'. */
	readonly name: string;
	/** For `containerStatuses[].imageID`: 'docker.io/library/nginx@sha256:…'. */
	readonly imageID: string;
	/** For the Pulled event ('Image size: N bytes') and the node's image list. */
	readonly sizeBytes: number;
	/** ENTRYPOINT and CMD, used when the container spec leaves command and args unset. */
	readonly entrypoint: readonly string[];
	readonly cmd: readonly string[];
}

export type {Clock};
