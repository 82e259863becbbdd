import type {StoredObject} from './backend.js';

/**
 * An object loaded from disk whose value is still JSON bytes in the file's buffer: parsing a large store at once
 * would make opening slow, so each value is parsed the first time it is read, and a value never read is written back
 * to the next snapshot as the same bytes. Offsets into the shared buffer, rather than a view per object, keep the
 * load light on the garbage collector.
 */
export class UnparsedObject {
	constructor(
		readonly key: string,
		readonly createRevision: number,
		readonly modRevision: number,
		private readonly source: Buffer,
		private readonly start: number,
		private readonly end: number,
	) {}

	/** The value's JSON. */
	get json(): Buffer {
		return this.source.subarray(this.start, this.end);
	}

	parse(): StoredObject {
		return {
			key: this.key,
			value: JSON.parse(this.source.toString('utf8', this.start, this.end)) as StoredObject['value'],
			createRevision: this.createRevision,
			modRevision: this.modRevision,
		};
	}
}

/** An entry of the store's state: parsed, or not yet. */
export type StateEntry = StoredObject | UnparsedObject;
