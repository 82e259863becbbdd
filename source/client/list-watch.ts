import type {IncomingMessage} from 'node:http';
import type {KubeObject} from '../cluster/api/object.js';
import type {Clock} from '../cluster/clock.js';
import {Backoff} from './backoff.js';
import {connectionError, describeError, isGone, statusError} from './errors.js';
import {apiVersionOfKind, resourcePath} from './kinds.js';
import {LineSplitter} from './line-splitter.js';
import {readList} from './list-pages.js';
import type {Transport} from './transport.js';
import {ClientError} from './types.js';
import type {ResourceCache, ResourceKind} from './types.js';

export type ListWatchOptions = {
	transport: Transport;
	/** The resource as the caller named it. */
	resource: string;
	/** undefined when the cluster serves no such resource: the cache stays empty with an error. */
	kind: ResourceKind | undefined;
	namespace: string | undefined;
	clock: Clock;
	/** Waits between reconnects; tests pass one that records the delay and returns at once. */
	wait: (ms: number, signal: AbortSignal) => Promise<void>;
	/** How long changes gather before items() is rebuilt and listeners hear of it. */
	coalesceMs: number;
	/** Objects per list page; 0 reads the list in one answer. */
	pageSize: number;
	backoff?: Backoff;
	/** Asks the server to end each watch after this long (as client-go, 5-10 min), so a dead proxy cannot hold it. */
	watchTimeoutSeconds?: number;
};

type WatchEventBody = {type?: string; object?: KubeObject};

/** A watch that stayed open this long counts as healthy even without events, and resets the back-off. */
const healthyWatchMs = 10_000;
/** How often a resource that cannot be watched is listed again. */
const pollMs = 5000;
/** Past this many new keys in one window a full sort beats inserting one by one. */
const insertLimit = 64;

/**
 * One resource in one namespace kept current by list-then-watch: objects in a Map keyed by namespace and name,
 * changes applied as they arrive, and a sorted snapshot rebuilt and announced at most once per coalescing window.
 */
export class ListWatchCache implements ResourceCache {
	readonly resource: string;
	readonly namespace: string | undefined;
	private readonly options: ListWatchOptions;
	private readonly backoff: Backoff;
	private readonly abort = new AbortController();
	private readonly path: string | undefined;
	private objects = new Map<string, KubeObject>();
	/** Keys of objects in snapshot order: namespace, NUL, name (NUL sorts before any name character). */
	private keys: string[] = [];
	private snapshot: readonly KubeObject[] = [];
	private readonly addedKeys = new Set<string>();
	private removedKeys = false;
	private changedValues = false;
	private rebuildAll = false;
	private resourceVersion = '';
	private isSynced = false;
	private lastError: string | undefined;
	private readonly listeners = new Set<() => void>();
	private flushTimer: {cancel(): void} | undefined;
	private stream: IncomingMessage | undefined;
	private counts = {events: 0, lists: 0, notifications: 0};

	constructor(options: ListWatchOptions) {
		this.options = options;
		this.resource = options.resource;
		this.namespace = options.namespace;
		this.backoff = options.backoff ?? new Backoff();
		this.path = options.kind ? resourcePath(options.kind, options.kind.namespaced ? options.namespace : undefined) : undefined;
	}

	items(): readonly KubeObject[] {
		return this.snapshot;
	}

	synced(): boolean {
		return this.isSynced;
	}

	error(): string | undefined {
		return this.lastError;
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** For benchmarks and tests: how much work the cache has done, and where its watch stands. */
	stats(): {events: number; lists: number; notifications: number; resourceVersion: string} {
		return {...this.counts, resourceVersion: this.resourceVersion};
	}

	start(): void {
		if (!this.path) {
			this.lastError = `the server doesn't have a resource type "${this.resource}"`;
			return;
		}
		this.run().catch(() => undefined);
	}

	stop(): void {
		if (this.abort.signal.aborted) return;
		this.abort.abort();
		this.stream?.destroy();
		this.flushTimer?.cancel();
		this.flushTimer = undefined;
		this.listeners.clear();
	}

	private get watchable(): boolean {
		const verbs = this.options.kind?.verbs;
		return !verbs?.length || verbs.includes('watch');
	}

	private get stopped(): boolean {
		return this.abort.signal.aborted || this.options.transport.isClosed;
	}

	private async run(): Promise<void> {
		let needList = true;
		let eventsAtLastGone = -1;
		while (!this.stopped) {
			try {
				if (needList) {
					await this.list();
					needList = false;
				}
				if (!this.watchable) {
					// Some resources (aggregated APIs such as metrics) can be listed but not watched: read them again now and then.
					await this.options.wait(pollMs, this.abort.signal);
					needList = true;
					continue;
				}
				await this.watch();
				// The server ended the watch: go on from the last resourceVersion after the usual pause.
			} catch (error) {
				if (this.stopped) return;
				if (isGone(error)) {
					needList = true;
					// A server that keeps answering 410 right after a list must not spin the loop.
					if (this.counts.events !== eventsAtLastGone) {
						eventsAtLastGone = this.counts.events;
						continue;
					}
				} else {
					// Only a 410 makes the list stale: anything else resumes the watch from the last resourceVersion,
					// so a flaky connection never costs a full list of thousands of objects.
					this.setError(describeError(error));
				}
			}
			if (this.stopped) return;
			await this.options.wait(this.backoff.next(), this.abort.signal);
		}
	}

	private async list(): Promise<void> {
		const {transport, pageSize} = this.options;
		const {items, resourceVersion} = await readList(transport, this.path!, {pageSize, signal: this.abort.signal});
		const fresh = new Map<string, KubeObject>();
		for (const item of items) {
			this.describeItem(item);
			fresh.set(keyOf(item), item);
		}
		if (this.stopped) return;
		this.objects = fresh;
		this.resourceVersion = resourceVersion;
		this.rebuildAll = true;
		this.isSynced = true;
		this.lastError = undefined;
		this.counts.lists++;
		// The first frame should not wait for the coalescing window.
		this.flushTimer?.cancel();
		this.flushTimer = undefined;
		this.flush();
	}

	private async watch(): Promise<void> {
		const {transport, clock} = this.options;
		const started = clock.now();
		const response = await transport.stream(this.path!, {
			query: {
				watch: 1,
				resourceVersion: this.resourceVersion,
				allowWatchBookmarks: true,
				timeoutSeconds: this.options.watchTimeoutSeconds ?? 300 + Math.floor(Math.random() * 300),
			},
			signal: this.abort.signal,
		});
		this.stream = response;
		this.setError(undefined);
		await new Promise<void>((resolve, reject) => {
			// A watch line is one whole object, however long.
			const splitter = new LineSplitter(Number.POSITIVE_INFINITY);
			let settled = false;
			const settle = (error?: Error) => {
				if (settled) return;
				settled = true;
				this.stream = undefined;
				if (error) {
					response.destroy();
					reject(error);
				} else {
					if (clock.now() - started >= healthyWatchMs) this.backoff.reset();
					resolve();
				}
			};
			const take = (line: string) => {
				if (!line) return;
				let event: WatchEventBody;
				try {
					event = JSON.parse(line) as WatchEventBody;
				} catch {
					settle(new ClientError('the server sent a watch event that is not JSON', undefined, 'BadResponse'));
					return;
				}
				const failure = this.apply(event);
				if (failure) settle(failure);
			};
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => {
				for (const line of splitter.push(chunk)) {
					if (settled) return;
					take(line);
				}
			});
			response.on('end', () => {
				const rest = splitter.flush();
				if (rest !== undefined && !settled) take(rest);
				settle();
			});
			response.on('error', error => settle(watchLost(error)));
			response.on('close', () => settle(response.complete ? undefined : watchLost(undefined)));
		});
	}

	/** Applies one watch event; returns the error that ends this watch, if it does. */
	private apply(event: WatchEventBody): Error | undefined {
		const object = event.object;
		if (event.type === 'ERROR') return statusError(object);
		if (!object?.metadata) return undefined;
		this.counts.events++;
		this.backoff.reset();
		const version = object.metadata.resourceVersion;
		if (version) this.resourceVersion = version;
		switch (event.type) {
			case 'ADDED':
			case 'MODIFIED': {
				this.describeItem(object);
				const key = keyOf(object);
				if (!this.objects.has(key)) this.addedKeys.add(key);
				this.objects.set(key, object);
				this.changedValues = true;
				break;
			}
			case 'DELETED': {
				if (this.objects.delete(keyOf(object))) this.removedKeys = true;
				break;
			}
			default:
				// BOOKMARK: only the resourceVersion moves.
				return undefined;
		}
		this.scheduleFlush();
		return undefined;
	}

	/** Lists leave kind and apiVersion off their items; the dashboard wants them on every object. */
	private describeItem(object: KubeObject): void {
		const kind = this.options.kind;
		if (!kind) return;
		object.kind ??= kind.kind;
		object.apiVersion ??= apiVersionOfKind(kind);
	}

	private setError(message: string | undefined): void {
		if (message === this.lastError) return;
		this.lastError = message;
		this.scheduleFlush();
	}

	private scheduleFlush(): void {
		if (this.flushTimer || this.stopped) return;
		this.flushTimer = this.options.clock.setTimeout(() => {
			this.flushTimer = undefined;
			this.flush();
		}, this.options.coalesceMs);
	}

	private flush(): void {
		const membershipChanged = this.rebuildAll || this.removedKeys || this.addedKeys.size > 0;
		if (this.rebuildAll || this.addedKeys.size > insertLimit) {
			this.keys = [...this.objects.keys()].sort();
		} else {
			if (this.removedKeys) this.keys = this.keys.filter(key => this.objects.has(key));
			for (const key of this.addedKeys) if (this.objects.has(key)) insertSorted(this.keys, key);
		}
		if (membershipChanged || this.changedValues) this.snapshot = this.keys.map(key => this.objects.get(key)!);
		this.rebuildAll = false;
		this.removedKeys = false;
		this.changedValues = false;
		this.addedKeys.clear();
		this.counts.notifications++;
		for (const listener of [...this.listeners]) listener();
	}
}

function keyOf(object: KubeObject): string {
	return `${object.metadata.namespace ?? ''}\u0000${object.metadata.name ?? ''}`;
}

function insertSorted(keys: string[], key: string): void {
	let low = 0;
	let high = keys.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (keys[middle] < key) low = middle + 1;
		else high = middle;
	}
	if (keys[low] !== key) keys.splice(low, 0, key);
}

function watchLost(error: unknown): ClientError {
	const cause = error ? connectionError(error).message : 'the server closed the connection';
	return new ClientError(`lost the watch connection: ${cause}`, undefined, 'WatchLost');
}
