import {promises as fs} from 'node:fs';
import path from 'node:path';
import {crc32} from 'node:zlib';
import {StoreError} from './backend.js';
import {fileMode, isErrorCode, syncDirectory, writeAll} from './durable-fs.js';
import {UnparsedObject, type StateEntry} from './unparsed-object.js';

/**
 * The full state at one revision, as lines: a JSON header, one line per object in key order, and a JSON trailer
 * holding the object count and the CRC-32 of the object lines. An object line is `[key,createRevision,modRevision]`,
 * a tab, and the value's JSON (JSON never holds a raw tab), so opening can index objects without parsing values.
 * The file is written under a temporary name and renamed into place, so under its final name it is always whole.
 */
export const snapshotFile = 'snapshot';
export const snapshotTemporaryFile = 'snapshot.tmp';

const format = 'kubedeck-store-snapshot';
/** Objects serialised per write, so a large snapshot does not hold the event loop for long. */
const objectsPerChunk = 1000;

export type Snapshot = {revision: number; objects: UnparsedObject[]; bytes: number};

/** Writes the objects, sorted by key, as the snapshot at revision; returns its size in bytes. */
export async function writeSnapshot(directory: string, revision: number, objects: readonly StateEntry[]): Promise<number> {
	const temporaryPath = path.join(directory, snapshotTemporaryFile);
	const handle = await fs.open(temporaryPath, 'w', fileMode);
	let bytes = 0;
	try {
		const write = async (chunk: Buffer) => {
			bytes += chunk.length;
			await writeAll(handle, chunk);
			return chunk;
		};

		await write(Buffer.from(`${JSON.stringify({format, version: 1, revision, count: objects.length})}\n`));
		let checksum = 0;
		for (let start = 0; start < objects.length; start += objectsPerChunk) {
			checksum = crc32(await write(objectLines(objects.slice(start, start + objectsPerChunk))), checksum);
		}

		await write(Buffer.from(`${JSON.stringify({end: objects.length, crc: checksum})}\n`));
		await handle.sync();
	} finally {
		await handle.close();
	}

	await fs.rename(temporaryPath, path.join(directory, snapshotFile));
	await syncDirectory(directory);
	return bytes;
}

/** Reads the snapshot, or undefined when there is none yet. A damaged snapshot is an error: nothing can replace it. */
export async function readSnapshot(directory: string): Promise<Snapshot | undefined> {
	const snapshotPath = path.join(directory, snapshotFile);
	let bytes: Buffer;
	try {
		bytes = await fs.readFile(snapshotPath);
	} catch (error) {
		if (isErrorCode(error, 'ENOENT')) {
			return undefined;
		}

		throw error;
	}

	const damaged = (reason: string) => new StoreError(`the snapshot ${snapshotPath} is damaged: ${reason}`);
	const headerEnd = bytes.indexOf(10);
	const trailerStart = bytes.lastIndexOf(10, bytes.length - 2) + 1;
	if (headerEnd < 0 || bytes[bytes.length - 1] !== 10 || trailerStart <= headerEnd) {
		throw damaged('it is incomplete');
	}

	const header = parseLine(bytes, 0, headerEnd) as {format?: string; revision?: number; count?: number};
	const trailer = parseLine(bytes, trailerStart, bytes.length - 1) as {end?: number; crc?: number};
	if (header?.format !== format || typeof header.revision !== 'number' || trailer?.end !== header.count) {
		throw damaged('its header or trailer is wrong');
	}

	if (crc32(bytes.subarray(headerEnd + 1, trailerStart)) !== trailer.crc) {
		throw damaged('its checksum does not match');
	}

	const objects: UnparsedObject[] = [];
	let sorted = true;
	let lineStart = headerEnd + 1;
	while (lineStart < trailerStart) {
		const lineEnd = bytes.indexOf(10, lineStart);
		const tab = bytes.indexOf(9, lineStart);
		if (tab < 0 || tab > lineEnd) {
			throw damaged(`a line has no value`);
		}

		const [key, createRevision, modRevision] = parseLine(bytes, lineStart, tab) as [string, number, number];
		if (objects.length > 0 && objects[objects.length - 1].key >= key) {
			sorted = false;
		}

		objects.push(new UnparsedObject(key, createRevision, modRevision, bytes, tab + 1, lineEnd));
		lineStart = lineEnd + 1;
	}

	if (objects.length !== header.count) {
		throw damaged(`it holds ${objects.length} objects instead of ${header.count}`);
	}

	if (!sorted) {
		objects.sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0));
	}

	return {revision: header.revision, objects, bytes: bytes.length};
}

/** Removes a snapshot left half-written by a crash. */
export async function removeTemporarySnapshot(directory: string): Promise<void> {
	await fs.rm(path.join(directory, snapshotTemporaryFile), {force: true});
}

/** The lines for a run of objects; values never parsed are copied as they were read. */
function objectLines(objects: readonly StateEntry[]): Buffer {
	const parts: Buffer[] = [];
	let text = '';
	for (const object of objects) {
		text += `${JSON.stringify([object.key, object.createRevision, object.modRevision])}\t`;
		if (object instanceof UnparsedObject) {
			parts.push(Buffer.from(text), object.json);
			text = '\n';
		} else {
			text += `${JSON.stringify(object.value)}\n`;
		}
	}

	parts.push(Buffer.from(text));
	return Buffer.concat(parts);
}

function parseLine(bytes: Buffer, start: number, end: number): unknown {
	return JSON.parse(bytes.toString('utf8', start, end));
}
