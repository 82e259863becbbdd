/**
 * What the kubelet needs from a container runtime. The built-in runtime (source/cluster/runtime/) provides it
 * through runtime-engine.ts; the kubelet knows nothing else of how programs run.
 */
export type HttpRequest = {method: string; path: string; headers: Record<string, string>; body: Uint8Array};
export type HttpResponse = {status: number; headers: Record<string, string>; body: Uint8Array};

/** stdin: whether the command reads input (kubectl exec -i); default tty. */
export type ExecIo = {tty: boolean; stdin?: boolean; onStdout(data: string): void; onStderr(data: string): void};
export type ExecSession = {
	write(stdin: string): void;
	closeStdin(): void;
	resize(width: number, height: number): void;
	/** Ends the command, as a hung-up terminal or a probe's timeout does. */
	kill(): void;
	exitCode: Promise<number>;
};

export type ContainerExit = {exitCode: number; reason: string; message?: string};

export interface RunningProgram {
	readonly exited: Promise<ContainerExit>;
	stop(signal: 'TERM' | 'KILL'): void;
	/** Ports this container serves HTTP on. */
	ports(): number[];
	exec(command: string[], io: ExecIo): ExecSession;
	usage(): {cpuMilli: number; memoryBytes: number};
}

/** A pod's network namespace: its containers share its ports. */
export interface PodNetworkNamespace {
	/** HTTP to whichever container listens on port; undefined when none does (connection refused). */
	http(request: HttpRequest, port: number): Promise<HttpResponse> | undefined;
	ports(): number[];
}

/** One volume mount as the kubelet resolved it: ConfigMap/Secret files, or a pod-wide emptyDir by volume name. */
export type ResolvedMount = {
	volume: string;
	mountPath: string;
	readOnly: boolean;
	subPath?: string;
	/** Files of a ConfigMap or Secret volume; undefined for an emptyDir. */
	files?: Record<string, string>;
};

export type ContainerContext = {
	containerName: string;
	image: string;
	command: string[] | undefined;
	args: string[] | undefined;
	workingDir: string | undefined;
	env: Array<{name: string; value: string}>;
	mounts: ResolvedMount[];
	resources?: {cpuRequestMilli?: number; cpuLimitMilli?: number; memoryRequestBytes?: number; memoryLimitBytes?: number};
	log(line: string, stream: 'stdout' | 'stderr'): void;
};

export type PodIdentity = {name: string; namespace: string; ip: string; nodeName: string; hostname?: string};

export type PullFailure = {reason: 'ErrImagePull' | 'InvalidImageName'; message: string};

export interface ContainerEngine {
	/** Why the image cannot be pulled, or undefined when it can. */
	pullError(image: string): PullFailure | undefined;
	/** The image digest reference kubelet reports as imageID. */
	imageId(image: string): string;
	/** The image's size in bytes, for the Pulled event; 0 when unknown. */
	imageSize(image: string): number;
	/** The pod's sandbox, made before its first container starts. */
	sandbox(pod: PodIdentity): PodNetworkNamespace;
	start(sandbox: PodNetworkNamespace, context: ContainerContext): RunningProgram;
	/** New content for a pod's ConfigMap, Secret, downwardAPI or projected volume (not its subPath mounts). */
	updateVolume(sandbox: PodNetworkNamespace, volume: string, files: Record<string, string>): void;
}
