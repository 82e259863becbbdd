import type {KubeObject} from '../cluster/api/object.js';
import {systemClock, type Clock} from '../cluster/clock.js';
import {sleep} from './backoff.js';
import {apiVersionOfKind, resolveKind, resourcePath} from './kinds.js';
import {readList} from './list-pages.js';
import {ListWatchCache} from './list-watch.js';
import {streamLogs} from './logs.js';
import {readNodeMetrics, readPodMetrics} from './metrics.js';
import type {Transport} from './transport.js';
import {ClientError} from './types.js';
import type {
	ClusterClient,
	ClusterInfo,
	LogOptions,
	LogStream,
	NodeMetrics,
	PatchType,
	PodMetrics,
	ResourceCache,
	ResourceKind,
} from './types.js';

export type ClientOptions = {
	transport: Transport;
	info: ClusterInfo;
	kinds: readonly ResourceKind[];
	/** From discovery: false skips metrics requests; undefined asks the server. */
	metricsServed?: boolean;
	clock?: Clock;
	/** The pause between reconnects (default: a timer); tests record the delays instead. */
	wait?: (ms: number, signal: AbortSignal) => Promise<void>;
	/** Default 150 ms: items() and listeners change at most this often. */
	coalesceMs?: number;
	/** Objects per list page (default 500, as kubectl); 0 reads a list in one answer. */
	pageSize?: number;
	/** How long a cache nobody uses keeps watching, so switching panes back and forth does not list again (default 5 s). */
	lingerMs?: number;
};

type SharedCache = {cache: ListWatchCache; users: number; linger?: {cancel(): void}};

const patchContentTypes: Record<PatchType, string> = {
	merge: 'application/merge-patch+json',
	strategic: 'application/strategic-merge-patch+json',
	json: 'application/json-patch+json',
};

/** The dashboard's ClusterClient over HTTP(S): shared list-watch caches, verbs, logs and metrics. */
export class HttpClusterClient implements ClusterClient {
	private readonly transport: Transport;
	private readonly clock: Clock;
	private readonly shared = new Map<string, SharedCache>();
	private readonly keyOfCache = new Map<ResourceCache, string>();
	private readonly logStreams = new Set<LogStream>();
	private closed = false;

	constructor(private readonly options: ClientOptions) {
		this.transport = options.transport;
		this.clock = options.clock ?? systemClock;
	}

	info(): ClusterInfo {
		return this.options.info;
	}

	kinds(): readonly ResourceKind[] {
		return this.options.kinds;
	}

	/** The kind a name means ('po', 'deploy', 'Deployment', 'deployments.apps'), or undefined. */
	resolve(name: string): ResourceKind | undefined {
		return resolveKind(this.options.kinds, name);
	}

	cache(resource: string, namespace: string | undefined): ResourceCache {
		const kind = this.resolve(resource);
		const scope = kind && !kind.namespaced ? undefined : namespace || undefined;
		const key = `${kind ? `${kind.plural}.${kind.group}` : `?${resource}`}|${scope ?? ''}`;
		const existing = this.shared.get(key);
		if (existing) {
			existing.users++;
			existing.linger?.cancel();
			existing.linger = undefined;
			return existing.cache;
		}
		const cache = new ListWatchCache({
			transport: this.transport,
			resource,
			kind,
			namespace: scope,
			clock: this.clock,
			wait: this.options.wait ?? sleep,
			coalesceMs: this.options.coalesceMs ?? 150,
			pageSize: this.options.pageSize ?? 500,
		});
		this.shared.set(key, {cache, users: 1});
		this.keyOfCache.set(cache, key);
		cache.start();
		return cache;
	}

	release(cache: ResourceCache): void {
		const key = this.keyOfCache.get(cache);
		const entry = key === undefined ? undefined : this.shared.get(key);
		if (!entry || entry.users === 0) return;
		entry.users--;
		if (entry.users > 0) return;
		const drop = () => {
			entry.cache.stop();
			this.shared.delete(key!);
			this.keyOfCache.delete(cache);
		};
		const lingerMs = this.options.lingerMs ?? 5000;
		if (lingerMs <= 0 || this.closed) drop();
		else entry.linger = this.clock.setTimeout(drop, lingerMs);
	}

	async get(resource: string, namespace: string | undefined, name: string): Promise<KubeObject> {
		const kind = this.kindOf(resource);
		const object = await this.transport.json<KubeObject>(resourcePath(kind, this.namespaceOf(kind, namespace), name));
		return withKind(object, kind);
	}

	async list(
		resource: string,
		namespace: string | undefined,
		options: {labelSelector?: string; fieldSelector?: string} = {},
	): Promise<KubeObject[]> {
		const kind = this.kindOf(resource);
		const path = resourcePath(kind, kind.namespaced ? namespace || undefined : undefined);
		const {items} = await readList(this.transport, path, {query: options, pageSize: this.options.pageSize ?? 500});
		for (const item of items) withKind(item, kind);
		return items;
	}

	async create(resource: string, namespace: string | undefined, object: KubeObject): Promise<KubeObject> {
		const kind = this.kindOf(resource);
		const scope = this.namespaceOf(kind, object.metadata?.namespace ?? namespace);
		const body = {apiVersion: apiVersionOfKind(kind), kind: kind.kind, ...object};
		return withKind(await this.transport.json<KubeObject>(resourcePath(kind, scope), {method: 'POST', body}), kind);
	}

	async patch(resource: string, namespace: string | undefined, name: string, patch: unknown, type: PatchType): Promise<KubeObject> {
		const kind = this.kindOf(resource);
		const path = resourcePath(kind, this.namespaceOf(kind, namespace), name);
		const object = await this.transport.json<KubeObject>(path, {method: 'PATCH', body: patch, contentType: patchContentTypes[type]});
		return withKind(object, kind);
	}

	async delete(
		resource: string,
		namespace: string | undefined,
		name: string,
		options: {propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; gracePeriodSeconds?: number} = {},
	): Promise<void> {
		const kind = this.kindOf(resource);
		const path = resourcePath(kind, this.namespaceOf(kind, namespace), name);
		await this.transport.text(path, {method: 'DELETE', body: {kind: 'DeleteOptions', apiVersion: 'v1', ...options}});
	}

	async evict(namespace: string, name: string): Promise<void> {
		const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/eviction`;
		const body = {apiVersion: 'policy/v1', kind: 'Eviction', metadata: {name, namespace}};
		await this.transport.text(path, {method: 'POST', body});
	}

	logs(
		namespace: string,
		pod: string,
		options: LogOptions,
		onLines: (lines: string[]) => void,
		onEnd: (error?: string) => void,
	): LogStream {
		const inner = streamLogs(this.transport, namespace, pod, options, onLines, error => {
			this.logStreams.delete(stream);
			onEnd(error);
		});
		const stream: LogStream = {
			stop: () => {
				this.logStreams.delete(stream);
				inner.stop();
			},
		};
		this.logStreams.add(stream);
		return stream;
	}

	async nodeMetrics(): Promise<NodeMetrics[] | undefined> {
		if (this.options.metricsServed === false) return undefined;
		return readNodeMetrics(this.transport);
	}

	async podMetrics(namespace: string | undefined): Promise<PodMetrics[] | undefined> {
		if (this.options.metricsServed === false) return undefined;
		return readPodMetrics(this.transport, namespace || undefined);
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		for (const entry of this.shared.values()) {
			entry.linger?.cancel();
			entry.cache.stop();
		}
		this.shared.clear();
		this.keyOfCache.clear();
		for (const stream of [...this.logStreams]) stream.stop();
		this.transport.close();
	}

	private kindOf(resource: string): ResourceKind {
		const kind = this.resolve(resource);
		if (!kind) throw new ClientError(`the server doesn't have a resource type "${resource}"`, 404, 'NotFound');
		return kind;
	}

	/** Objects of namespaced kinds live in a namespace: the one given, else the context's. */
	private namespaceOf(kind: ResourceKind, namespace: string | undefined): string | undefined {
		if (!kind.namespaced) return undefined;
		return namespace || this.options.info.namespace || 'default';
	}
}

/** Items of a list come without kind and apiVersion; the dashboard wants every object to say what it is. */
function withKind(object: KubeObject, kind: ResourceKind): KubeObject {
	object.kind ??= kind.kind;
	object.apiVersion ??= apiVersionOfKind(kind);
	return object;
}
