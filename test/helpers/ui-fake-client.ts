import jsonPatch from 'fast-json-patch';
import type {KubeObject} from '../../source/cluster/api/object.js';
import {
	ClientError,
	type ClusterClient,
	type ClusterInfo,
	type LogOptions,
	type LogStream,
	type NodeMetrics,
	type PatchType,
	type PodMetrics,
	type ResourceCache,
	type ResourceKind,
} from '../../source/client/types.js';
import {matchesLabels, parseLabelSelector} from '../../source/ui/state/label-selector.js';

/** A log source for a pod: emit lines (now or later), call end when done; return a stop function. */
export type FakeLogSource = (namespace: string, pod: string, options: LogOptions, emit: (lines: string[]) => void, end: (error?: string) => void) => (() => void) | void;

export type FakeCall = {verb: string; resource?: string; namespace?: string; name?: string; body?: unknown; type?: PatchType; options?: unknown};

const kinds: ResourceKind[] = [
	{plural: 'pods', kind: 'Pod', group: '', version: 'v1', namespaced: true, shortNames: ['po']},
	{plural: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, shortNames: ['deploy']},
	{plural: 'replicasets', kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true, shortNames: ['rs']},
	{plural: 'statefulsets', kind: 'StatefulSet', group: 'apps', version: 'v1', namespaced: true, shortNames: ['sts']},
	{plural: 'jobs', kind: 'Job', group: 'batch', version: 'v1', namespaced: true, shortNames: []},
	{plural: 'services', kind: 'Service', group: '', version: 'v1', namespaced: true, shortNames: ['svc']},
	{plural: 'endpoints', kind: 'Endpoints', group: '', version: 'v1', namespaced: true, shortNames: ['ep']},
	{plural: 'nodes', kind: 'Node', group: '', version: 'v1', namespaced: false, shortNames: ['no']},
	{plural: 'namespaces', kind: 'Namespace', group: '', version: 'v1', namespaced: false, shortNames: ['ns']},
	{plural: 'events', kind: 'Event', group: '', version: 'v1', namespaced: true, shortNames: ['ev']},
	{plural: 'configmaps', kind: 'ConfigMap', group: '', version: 'v1', namespaced: true, shortNames: ['cm']},
	{plural: 'secrets', kind: 'Secret', group: '', version: 'v1', namespaced: true, shortNames: []},
	{plural: 'ingresses', kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', namespaced: true, shortNames: ['ing']},
];

const kindOf = new Map(kinds.map(kind => [kind.plural, kind]));

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
	if (!isObject(patch)) return patch;
	const result: Record<string, unknown> = isObject(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete result[key];
		else result[key] = mergePatch(result[key], value);
	}

	return result;
}

/** Strategic merge, as far as tests need it: lists of objects with a name merge by name, the rest like merge patch. */
function strategicPatch(target: unknown, patch: unknown): unknown {
	if (Array.isArray(patch) && Array.isArray(target) && patch.every(entry => isObject(entry) && 'name' in entry)) {
		const result = target.map(entry => structuredClone(entry) as unknown);
		for (const entry of patch as Array<Record<string, unknown>>) {
			const index = result.findIndex(candidate => isObject(candidate) && candidate['name'] === entry['name']);
			if (index >= 0) result[index] = strategicPatch(result[index], entry);
			else result.push(entry);
		}

		return result;
	}

	if (!isObject(patch)) return patch;
	const result: Record<string, unknown> = isObject(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete result[key];
		else result[key] = strategicPatch(result[key], value);
	}

	return result;
}

class FakeCache implements ResourceCache {
	private snapshot: readonly KubeObject[] | undefined;
	private readonly listeners = new Set<() => void>();
	users = 1;

	constructor(private readonly client: FakeClusterClient, readonly resource: string, readonly namespace: string | undefined) {}

	items(): readonly KubeObject[] {
		this.snapshot ??= this.client.objects(this.resource, this.namespace);
		return this.snapshot;
	}

	synced(): boolean {
		return true;
	}

	error(): string | undefined {
		return this.client.cacheError;
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	changed(): void {
		this.snapshot = undefined;
		for (const listener of [...this.listeners]) listener();
	}
}

export type FakeClientOptions = {
	objects?: KubeObject[];
	info?: Partial<ClusterInfo>;
	logs?: FakeLogSource;
	nodeMetrics?: NodeMetrics[];
	podMetrics?: PodMetrics[];
};

/**
 * An in-memory ClusterClient for dashboard tests: objects in a map, caches that notify on change (coalesced to one
 * notification per microtask, like the real client coalesces watch events), and a record of every call.
 */
export class FakeClusterClient implements ClusterClient {
	readonly calls: FakeCall[] = [];
	readonly store = new Map<string, Map<string, KubeObject>>();
	readonly caches: FakeCache[] = [];
	cacheError: string | undefined;
	logSource: FakeLogSource;
	private resourceVersion = 1;
	private uid = 1;
	private pendingNotify = new Set<string>();
	private readonly clusterInfo: ClusterInfo;

	constructor(private readonly options: FakeClientOptions = {}) {
		this.clusterInfo = {context: 'kubedeck', server: 'https://127.0.0.1:6443', version: 'v1.32.4', embedded: true, ...options.info};
		this.logSource = options.logs ?? ((_namespace, pod, _options, emit) => {
			emit([`2024-01-01T00:00:00.000000000Z log of ${pod}`]);
		});
		for (const object of options.objects ?? []) this.put(this.resourceOf(object), object, false);
	}

	private resourceOf(object: KubeObject): string {
		const kind = kinds.find(entry => entry.kind === object.kind);
		if (!kind) throw new Error(`fake client: unknown kind ${object.kind ?? '?'}`);
		return kind.plural;
	}

	private key(namespace: string | undefined, name: string): string {
		return `${namespace ?? ''}/${name}`;
	}

	/** Objects of a resource in a namespace (all when undefined), in the order they were first stored. */
	objects(resource: string, namespace: string | undefined): KubeObject[] {
		const all = [...(this.store.get(resource)?.values() ?? [])];
		return namespace === undefined ? all : all.filter(object => object.metadata.namespace === namespace);
	}

	/** Stores an object as-is (tests use this to change the cluster under the dashboard). */
	put(resource: string, object: KubeObject, notify = true): KubeObject {
		const stored = structuredClone(object);
		stored.metadata.resourceVersion = String(++this.resourceVersion);
		stored.metadata.uid ??= `uid-${this.uid++}`;
		stored.metadata.creationTimestamp ??= new Date().toISOString() as unknown as typeof stored.metadata.creationTimestamp;
		let map = this.store.get(resource);
		if (!map) {
			map = new Map();
			this.store.set(resource, map);
		}

		map.set(this.key(stored.metadata.namespace, stored.metadata.name ?? ''), Object.freeze(stored) as KubeObject);
		if (notify) this.notify(resource);
		return stored;
	}

	remove(resource: string, namespace: string | undefined, name: string): void {
		this.store.get(resource)?.delete(this.key(namespace, name));
		this.notify(resource);
	}

	private notify(resource: string): void {
		if (this.pendingNotify.size === 0) {
			queueMicrotask(() => {
				const resources = [...this.pendingNotify];
				this.pendingNotify.clear();
				for (const cache of this.caches) {
					if (resources.includes(cache.resource)) cache.changed();
				}
			});
		}

		this.pendingNotify.add(resource);
	}

	private notFound(resource: string, name: string): ClientError {
		const kind = kindOf.get(resource);
		const qualified = kind?.group ? `${resource}.${kind.group}` : resource;
		return new ClientError(`${qualified} "${name}" not found`, 404, 'NotFound');
	}

	info(): ClusterInfo {
		return this.clusterInfo;
	}

	kinds(): readonly ResourceKind[] {
		return kinds;
	}

	cache(resource: string, namespace: string | undefined): ResourceCache {
		const existing = this.caches.find(cache => cache.resource === resource && cache.namespace === namespace);
		if (existing) {
			existing.users++;
			return existing;
		}

		const cache = new FakeCache(this, resource, namespace);
		this.caches.push(cache);
		return cache;
	}

	release(cache: ResourceCache): void {
		const fake = cache as FakeCache;
		fake.users--;
		if (fake.users <= 0) this.caches.splice(this.caches.indexOf(fake), 1);
	}

	async get(resource: string, namespace: string | undefined, name: string): Promise<KubeObject> {
		this.calls.push({verb: 'get', resource, namespace, name});
		const object = this.store.get(resource)?.get(this.key(kindOf.get(resource)?.namespaced === false ? undefined : namespace, name));
		if (!object) throw this.notFound(resource, name);
		return object;
	}

	async list(resource: string, namespace: string | undefined, options: {labelSelector?: string; fieldSelector?: string} = {}): Promise<KubeObject[]> {
		this.calls.push({verb: 'list', resource, namespace, options});
		let objects = this.objects(resource, namespace);
		if (options.labelSelector) {
			const requirements = parseLabelSelector(options.labelSelector);
			objects = objects.filter(object => matchesLabels(object.metadata.labels, requirements));
		}

		for (const term of options.fieldSelector?.split(',') ?? []) {
			const [path, value] = term.split('=');
			objects = objects.filter(object => {
				let current: unknown = object;
				for (const part of path.split('.')) current = isObject(current) ? current[part] : undefined;
				return String(current ?? '') === value;
			});
		}

		return objects;
	}

	async create(resource: string, namespace: string | undefined, object: KubeObject): Promise<KubeObject> {
		this.calls.push({verb: 'create', resource, namespace, body: object});
		const name = object.metadata.name ?? '';
		if (this.store.get(resource)?.has(this.key(namespace, name))) {
			throw new ClientError(`${resource} "${name}" already exists`, 409, 'AlreadyExists');
		}

		const kind = kindOf.get(resource);
		return this.put(resource, {...object, kind: object.kind ?? kind?.kind, metadata: {...object.metadata, namespace}});
	}

	async patch(resource: string, namespace: string | undefined, name: string, patch: unknown, type: PatchType): Promise<KubeObject> {
		this.calls.push({verb: 'patch', resource, namespace, name, body: patch, type});
		const current = await this.get(resource, namespace, name);
		let next: KubeObject;
		if (type === 'json') {
			next = jsonPatch.applyPatch(structuredClone(current), patch as jsonPatch.Operation[], true, false).newDocument;
		} else if (type === 'strategic') {
			next = strategicPatch(structuredClone(current), patch) as KubeObject;
		} else {
			next = mergePatch(structuredClone(current), patch) as KubeObject;
		}

		return this.put(resource, next);
	}

	async delete(resource: string, namespace: string | undefined, name: string, options?: {propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'}): Promise<void> {
		this.calls.push({verb: 'delete', resource, namespace, name, options});
		await this.get(resource, namespace, name);
		this.remove(resource, namespace, name);
	}

	async evict(namespace: string, name: string): Promise<void> {
		this.calls.push({verb: 'evict', resource: 'pods', namespace, name});
		await this.get('pods', namespace, name);
		this.remove('pods', namespace, name);
	}

	logs(namespace: string, pod: string, options: LogOptions, onLines: (lines: string[]) => void, onEnd: (error?: string) => void): LogStream {
		this.calls.push({verb: 'logs', resource: 'pods', namespace, name: pod, options});
		let stopped = false;
		const stop = this.logSource(namespace, pod, options, lines => {
			if (!stopped) onLines(lines);
		}, error => {
			if (!stopped) onEnd(error);
		});
		return {
			stop() {
				stopped = true;
				if (typeof stop === 'function') stop();
			},
		};
	}

	async nodeMetrics(): Promise<NodeMetrics[] | undefined> {
		return this.options.nodeMetrics;
	}

	async podMetrics(namespace: string | undefined): Promise<PodMetrics[] | undefined> {
		return this.options.podMetrics?.filter(entry => namespace === undefined || entry.namespace === namespace);
	}

	close(): void {
		this.caches.length = 0;
	}
}
