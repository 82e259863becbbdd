import type {ObjectAPI} from './api/object-api.js';
import type {Clock} from './clock.js';

/** How fast the simulated world moves. `compressed` (the default) makes self-healing visible in ~20 s. */
export type Timings = {
	/** Node Lease duration and renew interval (Kubernetes: 40 s lease, renewed every 10 s). */
	leaseDurationSeconds: number;
	leaseRenewSeconds: number;
	/** How long a node may miss heartbeats before it turns NotReady/Unknown (Kubernetes: 50 s grace). */
	nodeMonitorGraceSeconds: number;
	/** Default tolerationSeconds for not-ready/unreachable taints given to pods (Kubernetes: 300). */
	defaultTolerationSeconds: number;
	/** CrashLoopBackOff and ImagePullBackOff: first delay and cap (Kubernetes: 10 s and 300 s). */
	backOffInitialSeconds: number;
	backOffMaxSeconds: number;
	/** Simulated image pull time in ms. */
	imagePullMs: number;
};

export const kubernetesTimings: Timings = {
	leaseDurationSeconds: 40,
	leaseRenewSeconds: 10,
	nodeMonitorGraceSeconds: 50,
	defaultTolerationSeconds: 300,
	backOffInitialSeconds: 10,
	backOffMaxSeconds: 300,
	imagePullMs: 300,
};

export const compressedTimings: Timings = {
	leaseDurationSeconds: 4,
	leaseRenewSeconds: 1,
	nodeMonitorGraceSeconds: 5,
	defaultTolerationSeconds: 5,
	backOffInitialSeconds: 1,
	backOffMaxSeconds: 20,
	imagePullMs: 50,
};

export type ClusterConfig = {
	/** Data directory for a durable cluster; undefined keeps everything in memory. */
	dataDir?: string;
	/** Nodes of a new cluster (default 3: one control-plane node and workers). */
	nodes?: number;
	/**
	 * Pods each new node accepts (its allocatable `pods`). Default 10,000 rather than the kubelet's 110, so that a
	 * three-node cluster on a laptop can hold the thousands of pods a dashboard stress test needs; 110 restores
	 * Kubernetes' default.
	 */
	maxPodsPerNode?: number;
	timings?: Partial<Timings>;
	clock?: Clock;
	/** Address NodePort and LoadBalancer listeners bind (default 127.0.0.1). */
	bindAddress?: string;
	/** Port of the Ingress HTTP listener; undefined picks none, 0 any free port. */
	ingressPort?: number;
	/** Open real NodePort listeners (default true); tests of other parts may turn them off. */
	serviceListeners?: boolean;
};

/** Access to what runs in pods, for logs, exec, proxy and metrics. Provided by the kubelets. */
export interface PodRuntime {
	logs(
		namespace: string,
		pod: string,
		container: string | undefined,
		options: {follow?: boolean; tailLines?: number; sinceSeconds?: number; timestamps?: boolean; limitBytes?: number; previous?: boolean},
		onData: (text: string) => void,
	): Promise<{stop(): void; done: Promise<void>}>;
	exec(
		namespace: string,
		pod: string,
		container: string | undefined,
		command: string[],
		io: {tty: boolean; stdin?: boolean; onStdout(data: string): void; onStderr(data: string): void},
	): Promise<{write(stdin: string): void; closeStdin(): void; resize(width: number, height: number): void; exitCode: Promise<number>}>;
	/** HTTP into a pod's program (pods/proxy). */
	proxy(namespace: string, pod: string, port: number | undefined, request: ProxyRequest): Promise<ProxyResponse>;
	/** HTTP to a service through its endpoints (services/proxy). */
	serviceProxy(namespace: string, service: string, port: string | undefined, request: ProxyRequest): Promise<ProxyResponse>;
	nodeUsage(): Array<{name: string; cpuMilli: number; memoryBytes: number}>;
	podUsage(namespace: string | undefined): Array<{namespace: string; name: string; containers: Array<{name: string; cpuMilli: number; memoryBytes: number}>}>;
}

export type ProxyRequest = {method: string; path: string; headers: Record<string, string>; body: Uint8Array};
export type ProxyResponse = {status: number; headers: Record<string, string>; body: Uint8Array};

export interface Cluster {
	readonly api: ObjectAPI;
	/** The port the Ingress listener bound, when ClusterConfig.ingressPort asked for one. */
	readonly ingressPort?: number;
	readonly runtime: PodRuntime;
	readonly clock: Clock;
	readonly timings: Timings;
	/** Resolves once every node is Ready. */
	ready(): Promise<void>;
	stop(): Promise<void>;
}
