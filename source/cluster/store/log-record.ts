import {crc32} from 'node:zlib';
import type {DeleteChange, StoreChange} from './state.js';
import {UnparsedObject} from './unparsed-object.js';

/**
 * One write in the log: [payload length: u32 LE][CRC-32 of the payload: u32 LE][payload]. The payload of a put is
 * `[revision,key,createRevision]`, a tab and the value's JSON (JSON never holds a raw tab), so replay can apply old
 * writes without parsing their values; the payload of a delete is `[revision,key]`.
 */
const headerBytes = 8;
/** No single object comes near this; a larger length can only be a damaged header. */
const largestPayload = 256 * 1024 * 1024;
const tab = 9;

export function encodeChange(change: StoreChange): Buffer {
	const payload =
		change.type === 'put'
			? `${JSON.stringify([change.object.modRevision, change.object.key, change.object.createRevision])}\t${JSON.stringify(change.object.value)}`
			: JSON.stringify([change.revision, change.key]);
	const length = Buffer.byteLength(payload);
	const record = Buffer.allocUnsafe(headerBytes + length);
	record.writeUInt32LE(length, 0);
	record.write(payload, headerBytes, 'utf8');
	record.writeUInt32LE(crc32(record.subarray(headerBytes)), 4);
	return record;
}

/** A write read back from the log, its value (for a put) still unparsed. */
export type LoggedChange = {type: 'put'; object: UnparsedObject} | DeleteChange;

export type DecodedLog = {
	changes: LoggedChange[];
	/** Length of the leading run of whole, intact records; anything after it is a torn or damaged tail. */
	validBytes: number;
};

/** Reads records from the start of a log segment up to the first one that is torn, damaged or malformed. */
export function decodeLog(bytes: Buffer): DecodedLog {
	const changes: LoggedChange[] = [];
	let offset = 0;
	while (bytes.length - offset >= headerBytes) {
		const length = bytes.readUInt32LE(offset);
		const end = offset + headerBytes + length;
		if (length === 0 || length > largestPayload || end > bytes.length) {
			break;
		}

		if (crc32(bytes.subarray(offset + headerBytes, end)) !== bytes.readUInt32LE(offset + 4)) {
			break;
		}

		const change = parsePayload(bytes, offset + headerBytes, end);
		if (!change) {
			break;
		}

		changes.push(change);
		offset = end;
	}

	return {changes, validBytes: offset};
}

export function revisionOf(change: StoreChange | LoggedChange): number {
	return change.type === 'put' ? change.object.modRevision : change.revision;
}

/** The change with its value parsed, to apply as a live write would be. */
export function parseLoggedChange(change: LoggedChange): StoreChange {
	return change.type === 'put' ? {type: 'put', object: change.object.parse()} : change;
}

function parsePayload(bytes: Buffer, start: number, end: number): LoggedChange | undefined {
	let valueStart = bytes.indexOf(tab, start);
	if (valueStart >= end) {
		valueStart = -1;
	}

	let fields: unknown;
	try {
		fields = JSON.parse(bytes.toString('utf8', start, valueStart < 0 ? end : valueStart));
	} catch {
		return undefined;
	}

	if (!Array.isArray(fields) || typeof fields[0] !== 'number' || typeof fields[1] !== 'string') {
		return undefined;
	}

	const [revision, key, createRevision] = fields as [number, string, unknown];
	if (valueStart < 0) {
		return fields.length === 2 ? {type: 'delete', key, revision} : undefined;
	}

	if (fields.length !== 3 || typeof createRevision !== 'number' || valueStart === end - 1) {
		return undefined;
	}

	return {type: 'put', object: new UnparsedObject(key, createRevision, revision, bytes, valueStart + 1, end)};
}
