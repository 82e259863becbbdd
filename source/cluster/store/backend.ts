import type {KubeObject} from '../api/object.js';

/** One key as the store holds it. `value.metadata.resourceVersion` always equals String(modRevision). */
export type StoredObject = {
	key: string;
	value: KubeObject;
	createRevision: number;
	modRevision: number;
};

export type StoreEvent = {
	type: 'put' | 'delete';
	key: string;
	/** The new value for put; the last value for delete. */
	value: KubeObject;
	/** The value before this event, for an update or a delete. */
	prevValue?: KubeObject;
	/** True when a put created the key. */
	created: boolean;
	revision: number;
};

export type StoreWatcher = {
	/** Stop receiving events; idempotent. */
	stop(): void;
};

/**
 * The versioned key-value store under the API, shaped like etcd: one global revision that grows on every write.
 * Writes apply in memory at once (so compare-and-swap is decided synchronously and in order) and resolve only once
 * they are durable; a durable driver acknowledges a write only after the fsync of the batch that holds it.
 * Watchers get events in revision order, asynchronously, in batches.
 */
export interface Backend {
	/** The revision of the last write. A fresh store starts at 1 (nothing is ever at revision 0). */
	currentRevision(): number;
	/** The oldest revision watch and list may still start from (everything before was compacted). */
	compactedRevision(): number;
	get(key: string): StoredObject | undefined;
	/**
	 * Every key under prefix, sorted by key. With atRevision, the state as it was then (CompactedError when that
	 * revision is no longer kept; FutureRevisionError when it has not happened yet).
	 */
	list(prefix: string, atRevision?: number): {items: StoredObject[]; revision: number};
	/** Count of keys under prefix. */
	count(prefix: string): number;
	/** Fails with KeyExistsError when the key is present. The store sets value.metadata.resourceVersion. */
	create(key: string, value: KubeObject): Promise<StoredObject>;
	/** Fails with KeyNotFoundError, or ConflictError when the key's modRevision is not expectedRevision. */
	update(key: string, value: KubeObject, expectedRevision: number): Promise<StoredObject>;
	/** Fails with KeyNotFoundError, or ConflictError when expectedRevision is given and differs. Returns the deleted object. */
	delete(key: string, expectedRevision?: number): Promise<StoredObject>;
	/**
	 * Events for keys under prefix with revision > fromRevision: first a replay of kept history, then live events.
	 * Throws CompactedError when fromRevision < compactedRevision().
	 */
	watch(prefix: string, fromRevision: number, onEvents: (events: StoreEvent[]) => void): StoreWatcher;
	/** Forget history before revision. */
	compact(revision: number): void;
	/** Flush pending writes and release files and locks. */
	close(): Promise<void>;
}

export class StoreError extends Error {}
/**
 * A write refused for the state of its key: an answer the API turns into 404 or 409, not a fault. These skip the stack
 * trace: capturing it costs far more than anything else the store does to refuse a write.
 */
export class StoreRefusal extends StoreError {
	constructor(message: string) {
		const limit = Error.stackTraceLimit;
		Error.stackTraceLimit = 0;
		super(message);
		Error.stackTraceLimit = limit;
	}
}
export class KeyExistsError extends StoreRefusal {
	constructor(readonly key: string) {
		super(`key exists: ${key}`);
	}
}
export class KeyNotFoundError extends StoreRefusal {
	constructor(readonly key: string) {
		super(`key not found: ${key}`);
	}
}
export class ConflictError extends StoreRefusal {
	constructor(readonly key: string, readonly expected: number, readonly actual: number) {
		super(`conflict on ${key}: expected revision ${expected}, found ${actual}`);
	}
}
/** The API turns this into 410 Gone. */
export class CompactedError extends StoreError {
	constructor(readonly requested: number, readonly compacted: number) {
		super(`required revision ${requested} has been compacted (oldest kept is ${compacted})`);
	}
}
export class FutureRevisionError extends StoreError {
	constructor(readonly requested: number, readonly current: number) {
		super(`revision ${requested} is in the future (current is ${current})`);
	}
}
/** Another process holds the data directory. */
export class StoreLockedError extends StoreError {
	constructor(readonly dataDir: string, readonly holderPid: number | undefined) {
		super(
			`the data directory ${dataDir} is in use by another kubedeck process${holderPid ? ` (pid ${holderPid})` : ''}`,
		);
	}
}
