import type {KubeObject} from '../cluster/api/object.js';

/**
 * The dashboard's one door to a cluster, embedded or real. Everything the UI shows or does goes through here;
 * the UI never imports source/cluster/ except for the KubeObject type.
 */

/** A resource the cluster serves, from discovery. */
export type ResourceKind = {
	plural: string; // 'pods'
	kind: string; // 'Pod'
	group: string; // '' for core
	version: string;
	namespaced: boolean;
	shortNames: string[];
	/** 'pod'; absent when the server did not say. */
	singular?: string;
	/** What the server allows ('list', 'watch', 'patch', ...); absent when unknown. */
	verbs?: string[];
	/** 'all' and the like, for `kubectl get all`. */
	categories?: string[];
};

/** A live list of one resource in one namespace (or all), kept by list-then-watch. */
export interface ResourceCache {
	readonly resource: string;
	readonly namespace: string | undefined;
	/** Current objects; the same array until something changes (safe to use as a memo key). */
	items(): readonly KubeObject[];
	/** True once the first list arrived. */
	synced(): boolean;
	/** The last error (connection lost, forbidden), cleared when the watch recovers. */
	error(): string | undefined;
	/** Called at most a few times per second after changes are coalesced. Returns an unsubscribe. */
	subscribe(listener: () => void): () => void;
}

export type NodeMetrics = {name: string; cpuMilli: number; memoryBytes: number};
export type PodMetrics = {namespace: string; name: string; cpuMilli: number; memoryBytes: number};

export type LogOptions = {
	container?: string;
	follow?: boolean;
	tailLines?: number;
	sinceSeconds?: number;
	timestamps?: boolean;
	previous?: boolean;
};

export type LogStream = {stop(): void};

export type ClusterInfo = {
	/** Context name, or 'kubedeck' for the embedded cluster. */
	context: string;
	server: string;
	/** v1.32.4 */
	version: string;
	/** True for a kubedeck cluster: embedded-only actions (node power) are offered. */
	embedded: boolean;
	/** The context's default namespace ('default' when the kubeconfig names none). */
	namespace?: string;
	/** The kubeconfig user of the context. */
	user?: string;
};

/** One context of a kubeconfig, for the :ctx pane. */
export type ContextEntry = {
	name: string;
	cluster: string;
	user: string;
	/** The context's default namespace, when it names one. */
	namespace?: string;
	/** The cluster's server URL ('' when the cluster entry is missing). */
	server: string;
	current: boolean;
};

export type PatchType = 'merge' | 'strategic' | 'json';

export interface ClusterClient {
	info(): ClusterInfo;
	kinds(): readonly ResourceKind[];
	/** A shared cache; the same instance for the same (resource, namespace) until released by every user. */
	cache(resource: string, namespace: string | undefined): ResourceCache;
	release(cache: ResourceCache): void;
	get(resource: string, namespace: string | undefined, name: string): Promise<KubeObject>;
	list(resource: string, namespace: string | undefined, options?: {labelSelector?: string; fieldSelector?: string}): Promise<KubeObject[]>;
	create(resource: string, namespace: string | undefined, object: KubeObject): Promise<KubeObject>;
	patch(resource: string, namespace: string | undefined, name: string, patch: unknown, type: PatchType): Promise<KubeObject>;
	delete(resource: string, namespace: string | undefined, name: string, options?: {propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; gracePeriodSeconds?: number}): Promise<void>;
	/** POST pods/eviction. */
	evict(namespace: string, name: string): Promise<void>;
	/** Log lines, delivered in chunks of whole lines. */
	logs(namespace: string, pod: string, options: LogOptions, onLines: (lines: string[]) => void, onEnd: (error?: string) => void): LogStream;
	/** undefined when the cluster serves no metrics.k8s.io. */
	nodeMetrics(): Promise<NodeMetrics[] | undefined>;
	podMetrics(namespace: string | undefined): Promise<PodMetrics[] | undefined>;
	close(): void;
}

/** An API error as the dashboard shows it: the server's own message. */
export class ClientError extends Error {
	constructor(message: string, readonly code?: number, readonly reason?: string) {
		super(message);
	}
}
