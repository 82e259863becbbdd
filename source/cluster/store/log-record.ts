import {crc32} from 'node:zlib';
import type {KubeObject} from '../api/object.js';
import type {StoreChange} from './state.js';

/**
 * One write in the log: [payload length: u32 LE][CRC-32 of the payload: u32 LE][payload: JSON]. The payload is
 * [revision, key, createRevision, value] for a put and [revision, key] for a delete.
 */
const headerBytes = 8;
/** No single object comes near this; a larger length can only be a damaged header. */
const largestPayload = 256 * 1024 * 1024;

export function encodeChange(change: StoreChange): Buffer {
	const payload =
		change.type === 'put'
			? JSON.stringify([change.object.modRevision, change.object.key, change.object.createRevision, change.object.value])
			: JSON.stringify([change.revision, change.key]);
	const length = Buffer.byteLength(payload);
	const record = Buffer.allocUnsafe(headerBytes + length);
	record.writeUInt32LE(length, 0);
	record.write(payload, headerBytes, 'utf8');
	record.writeUInt32LE(crc32(record.subarray(headerBytes)), 4);
	return record;
}

export type DecodedLog = {
	changes: StoreChange[];
	/** Length of the leading run of whole, intact records; anything after it is a torn or damaged tail. */
	validBytes: number;
};

/** Reads records from the start of a log segment up to the first one that is torn, damaged or malformed. */
export function decodeLog(bytes: Buffer): DecodedLog {
	const changes: StoreChange[] = [];
	let offset = 0;
	while (bytes.length - offset >= headerBytes) {
		const length = bytes.readUInt32LE(offset);
		const end = offset + headerBytes + length;
		if (length === 0 || length > largestPayload || end > bytes.length) {
			break;
		}

		const payload = bytes.subarray(offset + headerBytes, end);
		if (crc32(payload) !== bytes.readUInt32LE(offset + 4)) {
			break;
		}

		const change = parsePayload(payload);
		if (!change) {
			break;
		}

		changes.push(change);
		offset = end;
	}

	return {changes, validBytes: offset};
}

export function revisionOf(change: StoreChange): number {
	return change.type === 'put' ? change.object.modRevision : change.revision;
}

function parsePayload(payload: Buffer): StoreChange | undefined {
	let fields: unknown;
	try {
		fields = JSON.parse(payload.toString('utf8'));
	} catch {
		return undefined;
	}

	if (!Array.isArray(fields) || typeof fields[0] !== 'number' || typeof fields[1] !== 'string') {
		return undefined;
	}

	const [revision, key, createRevision, value] = fields as [number, string, unknown, unknown];
	if (fields.length === 2) {
		return {type: 'delete', key, revision};
	}

	if (fields.length !== 4 || typeof createRevision !== 'number' || typeof value !== 'object' || value === null) {
		return undefined;
	}

	return {
		type: 'put',
		object: {key, createRevision, modRevision: revision, value: value as KubeObject},
	};
}
