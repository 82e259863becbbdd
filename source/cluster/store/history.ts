import type {StoreEvent, StoredObject} from './backend.js';

/** One past write: its event, and the key's state just before it (undefined when the write created the key). */
export type HistoryEntry = {
	event: StoreEvent;
	before: StoredObject | undefined;
};

/**
 * The most recent writes, oldest first, in a ring of fixed size. Every write takes the next revision, so the kept
 * entries hold consecutive revisions and the entry for a revision is found by arithmetic.
 */
export class History {
	private readonly ring: Array<HistoryEntry | undefined>;
	private head = 0;
	private length = 0;

	/** @param forgottenUpTo every revision up to this one is already forgotten. */
	constructor(readonly limit: number, private forgottenUpTo: number) {
		this.ring = new Array<HistoryEntry | undefined>(limit);
	}

	/** The oldest revision whose state can still be rebuilt; events after it are all kept. */
	get compactedRevision(): number {
		return this.forgottenUpTo;
	}

	/** Records a write; the oldest entry falls out when the ring is full. */
	push(entry: HistoryEntry): void {
		if (this.limit === 0) {
			this.forgottenUpTo = entry.event.revision;
			return;
		}

		if (this.length === this.limit) {
			this.dropOldest();
		}

		this.ring[(this.head + this.length) % this.limit] = entry;
		this.length++;
	}

	/** Forgets every entry at or before revision. */
	forgetUpTo(revision: number): void {
		while (this.length > 0 && this.at(0).event.revision <= revision) {
			this.dropOldest();
		}

		this.forgottenUpTo = Math.max(this.forgottenUpTo, revision);
	}

	/** Calls visit for each kept entry with a revision above after, oldest first. */
	forEachAfter(after: number, visit: (entry: HistoryEntry) => void): void {
		for (let offset = this.offsetAfter(after); offset < this.length; offset++) {
			visit(this.at(offset));
		}
	}

	/** Calls visit for each kept entry with a revision above after, newest first. */
	forEachAfterNewestFirst(after: number, visit: (entry: HistoryEntry) => void): void {
		const stop = this.offsetAfter(after);
		for (let offset = this.length - 1; offset >= stop; offset--) {
			visit(this.at(offset));
		}
	}

	private offsetAfter(after: number): number {
		if (this.length === 0) {
			return 0;
		}

		const oldest = this.at(0).event.revision;
		return Math.min(this.length, Math.max(0, after + 1 - oldest));
	}

	private at(offset: number): HistoryEntry {
		return this.ring[(this.head + offset) % this.limit]!;
	}

	private dropOldest(): void {
		const entry = this.at(0);
		this.ring[this.head] = undefined;
		this.head = (this.head + 1) % this.limit;
		this.length--;
		this.forgottenUpTo = entry.event.revision;
	}
}
