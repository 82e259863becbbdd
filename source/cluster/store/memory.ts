import type {KubeObject} from '../api/object.js';
import {StoreError, type Backend, type StoreEvent, type StoreWatcher, type StoredObject} from './backend.js';
import {StoreState, type StoreChange} from './state.js';

export type MemoryBackendOptions = {
	/** How many past writes are kept for watch replay and list-at-revision; older ones count as compacted. Default 10000. */
	historyLimit?: number;
};

export const defaultHistoryLimit = 10_000;

/**
 * The store held in memory only. Durable drivers extend it and override persist, which every write awaits after it
 * has been applied.
 */
export class MemoryBackend implements Backend {
	protected readonly state: StoreState;
	private closed = false;

	constructor(options: MemoryBackendOptions = {}, state?: StoreState) {
		this.state = state ?? new StoreState({historyLimit: options.historyLimit ?? defaultHistoryLimit, revision: 1});
	}

	currentRevision(): number {
		return this.state.currentRevision();
	}

	compactedRevision(): number {
		return this.state.compactedRevision();
	}

	get(key: string): StoredObject | undefined {
		return this.state.get(key);
	}

	list(prefix: string, atRevision?: number): {items: StoredObject[]; revision: number} {
		return this.state.list(prefix, atRevision);
	}

	count(prefix: string): number {
		return this.state.count(prefix);
	}

	async create(key: string, value: KubeObject): Promise<StoredObject> {
		this.checkOpen();
		const change = this.state.create(key, value);
		await this.persist(change);
		return change.object;
	}

	async update(key: string, value: KubeObject, expectedRevision: number): Promise<StoredObject> {
		this.checkOpen();
		const change = this.state.update(key, value, expectedRevision);
		await this.persist(change);
		return change.object;
	}

	async delete(key: string, expectedRevision?: number): Promise<StoredObject> {
		this.checkOpen();
		const {change, deleted} = this.state.delete(key, expectedRevision);
		await this.persist(change);
		return deleted;
	}

	watch(prefix: string, fromRevision: number, onEvents: (events: StoreEvent[]) => void): StoreWatcher {
		return this.state.watch(prefix, fromRevision, onEvents);
	}

	compact(revision: number): void {
		this.state.compact(revision);
	}

	async close(): Promise<void> {
		this.closed = true;
		this.state.stopWatchers();
	}

	/** Makes an applied change durable; in memory there is nothing to do. */
	protected async persist(_change: StoreChange): Promise<void> {}

	private checkOpen(): void {
		if (this.closed) {
			throw new StoreError('the store is closed');
		}
	}
}
