import type {KubeObject} from '../api/object.js';
import {
	CompactedError,
	ConflictError,
	FutureRevisionError,
	KeyExistsError,
	KeyNotFoundError,
	type StoreEvent,
	type StoreWatcher,
	type StoredObject,
} from './backend.js';
import {History} from './history.js';
import {SortedKeys} from './sorted-keys.js';
import {UnparsedObject, type StateEntry} from './unparsed-object.js';
import {WatchHub} from './watch-hub.js';

/** What a write changed, for a journal to record: the object put, or the key deleted. */
export type StoreChange = PutChange | DeleteChange;
export type PutChange = {type: 'put'; object: StoredObject};
export type DeleteChange = {type: 'delete'; key: string; revision: number};

export type StoreStateOptions = {
	/** How many past writes are kept for watch replay and list-at-revision. */
	historyLimit: number;
	/** The revision the state starts at. */
	revision: number;
	/** The objects present at that revision, sorted by key. */
	objects?: readonly StateEntry[];
};

/**
 * The whole store in memory, every operation synchronous: the current objects, an ordered index of their keys, the
 * recent history and the watchers. Drivers add durability around it.
 */
export class StoreState {
	private readonly objects = new Map<string, StateEntry>();
	private readonly keys: SortedKeys;
	private readonly history: History;
	private readonly hub = new WatchHub();
	private revision: number;

	constructor(options: StoreStateOptions) {
		this.revision = options.revision;
		const objects = options.objects ?? [];
		for (const object of objects) {
			this.objects.set(object.key, object);
		}

		this.keys = SortedKeys.fromSorted(objects.map(object => object.key));
		this.history = new History(options.historyLimit, options.revision);
	}

	currentRevision(): number {
		return this.revision;
	}

	compactedRevision(): number {
		return this.history.compactedRevision;
	}

	get(key: string): StoredObject | undefined {
		const entry = this.objects.get(key);
		if (entry instanceof UnparsedObject) {
			const parsed = entry.parse();
			this.objects.set(key, parsed);
			return parsed;
		}

		return entry;
	}

	list(prefix: string, atRevision?: number): {items: StoredObject[]; revision: number} {
		if (atRevision === undefined || atRevision === this.revision) {
			return {items: this.currentUnder(prefix), revision: this.revision};
		}

		this.checkRevisionKept(atRevision);
		return {items: this.pastUnder(prefix, atRevision), revision: atRevision};
	}

	count(prefix: string): number {
		return this.keys.countUnder(prefix);
	}

	/** Every object, sorted by key, without parsing the ones not read yet (for writing a snapshot). */
	entries(): StateEntry[] {
		const entries: StateEntry[] = [];
		this.keys.forEachUnder('', key => {
			entries.push(this.objects.get(key)!);
		});
		return entries;
	}

	create(key: string, value: KubeObject): PutChange {
		if (this.objects.has(key)) {
			throw new KeyExistsError(key);
		}

		const revision = this.revision + 1;
		const object = stored(key, value, revision, revision);
		this.put(object, undefined);
		return {type: 'put', object};
	}

	update(key: string, value: KubeObject, expectedRevision: number): PutChange {
		const before = this.get(key);
		if (!before) {
			throw new KeyNotFoundError(key);
		}

		if (before.modRevision !== expectedRevision) {
			throw new ConflictError(key, expectedRevision, before.modRevision);
		}

		const revision = this.revision + 1;
		const object = stored(key, value, before.createRevision, revision);
		this.put(object, before);
		return {type: 'put', object};
	}

	delete(key: string, expectedRevision?: number): {change: DeleteChange; deleted: StoredObject} {
		const before = this.get(key);
		if (!before) {
			throw new KeyNotFoundError(key);
		}

		if (expectedRevision !== undefined && before.modRevision !== expectedRevision) {
			throw new ConflictError(key, expectedRevision, before.modRevision);
		}

		const revision = this.revision + 1;
		this.remove(key, before, revision);
		return {change: {type: 'delete', key, revision}, deleted: before};
	}

	/** Applies a change read back from a journal, exactly as the original write did. */
	replay(change: StoreChange): void {
		if (change.type === 'put') {
			const before = this.get(change.object.key);
			this.put(change.object, before);
		} else {
			const before = this.get(change.key);
			if (before) {
				this.remove(change.key, before, change.revision);
			} else {
				this.revision = change.revision;
			}
		}
	}

	/**
	 * Applies a write read back from a journal that is too old for the history to keep: its value stays unparsed and
	 * no event is made. The history counts everything up to it as compacted.
	 */
	restoreUnparsed(change: {type: 'put'; object: UnparsedObject} | DeleteChange): void {
		const key = change.type === 'put' ? change.object.key : change.key;
		const existed = this.objects.has(key);
		if (change.type === 'put') {
			this.objects.set(key, change.object);
			if (!existed) {
				this.keys.insert(key);
			}

			this.revision = change.object.modRevision;
		} else {
			if (existed) {
				this.objects.delete(key);
				this.keys.remove(key);
			}

			this.revision = change.revision;
		}

		this.history.forgetUpTo(this.revision);
	}

	watch(prefix: string, fromRevision: number, onEvents: (events: StoreEvent[]) => void): StoreWatcher {
		// Nothing is ever written at revision 1 or below, so starting from 0 misses nothing on a fresh store.
		if (fromRevision < this.compactedRevision() && !(fromRevision >= 0 && this.compactedRevision() <= 1)) {
			throw new CompactedError(fromRevision, this.compactedRevision());
		}

		const replay: StoreEvent[] = [];
		this.history.forEachAfter(fromRevision, ({event}) => {
			if (event.key.startsWith(prefix)) {
				replay.push(event);
			}
		});
		return this.hub.subscribe(prefix, Math.max(fromRevision, this.revision), replay, onEvents);
	}

	compact(revision: number): void {
		if (revision > this.revision) {
			throw new FutureRevisionError(revision, this.revision);
		}

		this.history.forgetUpTo(revision);
	}

	stopWatchers(): void {
		this.hub.stopAll();
	}

	private put(object: StoredObject, before: StoredObject | undefined): void {
		this.revision = object.modRevision;
		this.objects.set(object.key, object);
		if (!before) {
			this.keys.insert(object.key);
		}

		const event: StoreEvent = {
			type: 'put',
			key: object.key,
			value: object.value,
			prevValue: before?.value,
			created: !before,
			revision: object.modRevision,
		};
		this.history.push({event, before});
		this.hub.publish(event);
	}

	private remove(key: string, before: StoredObject, revision: number): void {
		this.revision = revision;
		this.objects.delete(key);
		this.keys.remove(key);
		// As in Kubernetes, the object in a delete event carries the revision of the delete.
		const event: StoreEvent = {
			type: 'delete',
			key,
			value: withResourceVersion(before.value, revision),
			prevValue: before.value,
			created: false,
			revision,
		};
		this.history.push({event, before});
		this.hub.publish(event);
	}

	private currentUnder(prefix: string): StoredObject[] {
		const items: StoredObject[] = [];
		this.keys.forEachUnder(prefix, key => {
			items.push(this.get(key)!);
		});
		return items;
	}

	/** The objects under prefix as they were at revision: today's, with every later write under prefix undone. */
	private pastUnder(prefix: string, revision: number): StoredObject[] {
		const then = new Map<string, StoredObject | undefined>();
		// Newest first, so the last state recorded for a key is the one it had just after revision.
		this.history.forEachAfterNewestFirst(revision, ({event, before}) => {
			if (event.key.startsWith(prefix)) {
				then.set(event.key, before);
			}
		});
		if (then.size === 0) {
			return this.currentUnder(prefix);
		}

		const items: StoredObject[] = [];
		let addedKeys = false;
		this.keys.forEachUnder(prefix, key => {
			if (!then.has(key)) {
				items.push(this.get(key)!);
			}
		});
		for (const [key, object] of then) {
			if (object) {
				items.push(object);
				addedKeys = true;
			}
		}

		if (addedKeys) {
			items.sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0));
		}

		return items;
	}

	private checkRevisionKept(revision: number): void {
		if (revision > this.revision) {
			throw new FutureRevisionError(revision, this.revision);
		}

		if (revision < this.compactedRevision()) {
			throw new CompactedError(revision, this.compactedRevision());
		}
	}
}

function stored(key: string, value: KubeObject, createRevision: number, modRevision: number): StoredObject {
	return {key, value: withResourceVersion(value, modRevision), createRevision, modRevision};
}

/** A shallow copy with its resourceVersion set; the caller's object is left untouched. */
function withResourceVersion(value: KubeObject, revision: number): KubeObject {
	return {...value, metadata: {...value.metadata, resourceVersion: String(revision)}};
}
