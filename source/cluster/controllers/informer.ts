import type {KubeObject} from '../api/object.js';
import type {ObjectAPI, Watch, WatchEvent} from '../api/object-api.js';
import {controllerOf} from './owners.js';

export type InformerHandlers = {
	added?(object: KubeObject): void;
	updated?(previous: KubeObject, object: KubeObject): void;
	deleted?(object: KubeObject): void;
};

type Index = {keysOf: (object: KubeObject) => string[]; entries: Map<string, Map<string, KubeObject>>};

export function objectKey(namespace: string | undefined, name: string): string {
	return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(object: KubeObject): string {
	return objectKey(object.metadata.namespace, object.metadata.name ?? '');
}

/**
 * A watched, in-memory copy of one resource across all namespaces, as client-go's shared informer keeps it: list
 * once, then watch from the list's revision; on a broken watch, list again and report the difference. Handlers run
 * in event order and should only queue work.
 */
export class Informer {
	private readonly objects = new Map<string, KubeObject>();
	private readonly handlers = new Set<InformerHandlers>();
	private readonly indexes = new Map<string, Index>();
	private watch: Watch | undefined;
	private running = false;

	constructor(
		private readonly api: ObjectAPI,
		readonly resource: string,
	) {}

	/** Handlers added after start see every present object as added. Returns the function that removes them. */
	on(handlers: InformerHandlers): () => void {
		this.handlers.add(handlers);
		if (this.running && handlers.added) for (const object of this.objects.values()) handlers.added(object);
		return () => this.handlers.delete(handlers);
	}

	/** Adds a named index (a no-op when it exists): objects found by any of the keys `keysOf` gives. */
	addIndex(name: string, keysOf: (object: KubeObject) => string[]): void {
		if (this.indexes.has(name)) return;
		const index: Index = {keysOf, entries: new Map()};
		this.indexes.set(name, index);
		for (const [key, object] of this.objects) this.indexAdd(index, key, object);
	}

	start(): void {
		if (this.running) return;
		this.running = true;
		this.relist();
	}

	stop(): void {
		this.running = false;
		this.watch?.stop();
		this.watch = undefined;
	}

	get started(): boolean {
		return this.running;
	}

	get(namespace: string | undefined, name: string): KubeObject | undefined {
		return this.objects.get(objectKey(namespace, name));
	}

	getByKey(key: string): KubeObject | undefined {
		return this.objects.get(key);
	}

	values(): IterableIterator<KubeObject> {
		return this.objects.values();
	}

	get size(): number {
		return this.objects.size;
	}

	byIndex(name: string, value: string): KubeObject[] {
		const index = this.indexes.get(name);
		if (!index) throw new Error(`no index ${name} on ${this.resource}`);
		const found = index.entries.get(value);
		return found ? [...found.values()] : [];
	}

	countByIndex(name: string, value: string): number {
		return this.indexes.get(name)?.entries.get(value)?.size ?? 0;
	}

	private relist(): void {
		this.watch?.stop();
		this.watch = undefined;
		if (!this.running) return;
		const listed = this.api.list(this.resource, undefined);
		const seen = new Set<string>();
		for (const object of listed.items) {
			const key = keyOf(object);
			seen.add(key);
			this.apply(key, object);
		}
		for (const [key, object] of [...this.objects]) if (!seen.has(key)) this.remove(key, object);
		this.watch = this.api.watch(this.resource, undefined, {resourceVersion: listed.resourceVersion}, events => this.receive(events));
	}

	private receive(events: WatchEvent[]): void {
		if (!this.running) return;
		for (const event of events) {
			if (event.type === 'ERROR') {
				// An expired or broken watch: start over from a fresh list.
				queueMicrotask(() => this.relist());
				return;
			}
			if (event.type === 'BOOKMARK') continue;
			const key = keyOf(event.object);
			if (event.type === 'DELETED') {
				const previous = this.objects.get(key);
				if (previous) this.remove(key, event.object);
			} else this.apply(key, event.object);
		}
	}

	private apply(key: string, object: KubeObject): void {
		const previous = this.objects.get(key);
		if (previous && previous.metadata.resourceVersion === object.metadata.resourceVersion) return;
		this.objects.set(key, object);
		for (const index of this.indexes.values()) {
			const keys = index.keysOf(object);
			if (previous) {
				const before = index.keysOf(previous);
				if (sameKeys(before, keys)) {
					// The usual update: same index keys, only the object to swap.
					for (const value of keys) index.entries.get(value)?.set(key, object);
					continue;
				}
				this.unindexOne(index, key, before);
			}
			this.indexKeys(index, key, object, keys);
		}
		for (const handlers of this.handlers) {
			if (previous) handlers.updated?.(previous, object);
			else handlers.added?.(object);
		}
	}

	private remove(key: string, last: KubeObject): void {
		const previous = this.objects.get(key);
		if (previous) this.unindex(key, previous);
		this.objects.delete(key);
		for (const handlers of this.handlers) handlers.deleted?.(last);
	}

	private indexAdd(index: Index, key: string, object: KubeObject): void {
		this.indexKeys(index, key, object, index.keysOf(object));
	}

	private indexKeys(index: Index, key: string, object: KubeObject, keys: string[]): void {
		for (const value of keys) {
			let entries = index.entries.get(value);
			if (!entries) index.entries.set(value, (entries = new Map()));
			entries.set(key, object);
		}
	}

	private unindex(key: string, object: KubeObject): void {
		for (const index of this.indexes.values()) this.unindexOne(index, key, index.keysOf(object));
	}

	private unindexOne(index: Index, key: string, keys: string[]): void {
		for (const value of keys) {
			const entries = index.entries.get(value);
			if (!entries) continue;
			entries.delete(key);
			if (entries.size === 0) index.entries.delete(value);
		}
	}
}

function sameKeys(a: string[], b: string[]): boolean {
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
	return true;
}

/** One informer per resource, shared by every controller that asks for it. */
export class SharedInformers {
	private readonly informers = new Map<string, Informer>();

	constructor(private readonly api: ObjectAPI) {}

	for(resource: string): Informer {
		let informer = this.informers.get(resource);
		if (!informer) this.informers.set(resource, (informer = new Informer(this.api, resource)));
		return informer;
	}

	stop(): void {
		for (const informer of this.informers.values()) informer.stop();
	}
}

/** The uid of an object's controlling owner, for indexing dependents. */
export function controllerUid(object: KubeObject): string[] {
	const owner = controllerOf(object);
	return owner ? [owner.uid] : [];
}

export function namespaceOf(object: KubeObject): string[] {
	return [object.metadata.namespace ?? ''];
}
