import type {StoredObject} from './backend.js';

/**
 * An object loaded from a snapshot whose value is still JSON bytes: parsing a large store at once would make opening
 * slow, so each value is parsed the first time it is read, and a value never read is written back to the next
 * snapshot as the same bytes.
 */
export class UnparsedObject {
	constructor(
		readonly key: string,
		readonly createRevision: number,
		readonly modRevision: number,
		readonly json: Buffer,
	) {}

	parse(): StoredObject {
		return {
			key: this.key,
			value: JSON.parse(this.json.toString('utf8')) as StoredObject['value'],
			createRevision: this.createRevision,
			modRevision: this.modRevision,
		};
	}
}

/** An entry of the store's state: parsed, or not yet. */
export type StateEntry = StoredObject | UnparsedObject;
