/**
 * SPDY/3 framing, as kubectl's port-forward (moby/spdystream) speaks it. A control frame is
 * `1 | version(15) | type(16) | flags(8) | length(24) | payload`; a data frame is
 * `0 | stream id(31) | flags(8) | length(24) | data`.
 */
export const controlType = {synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9} as const;
export const flagFin = 0x01;

export type Frame =
	| {control: true; type: number; flags: number; payload: Buffer; raw: Buffer}
	| {control: false; streamId: number; flags: number; data: Buffer};

/** Frames larger than this end the session: nothing kubectl sends comes close. */
const maxFrameBytes = 8 * 1024 * 1024;

export class FrameError extends Error {}

/** Cuts a byte stream that arrives in arbitrary pieces into whole frames. */
export class FrameReader {
	private buffer: Buffer = Buffer.alloc(0);

	push(bytes: Buffer): Frame[] {
		this.buffer = this.buffer.length === 0 ? bytes : Buffer.concat([this.buffer, bytes]);
		const frames: Frame[] = [];
		while (this.buffer.length >= 8) {
			const length = this.buffer.readUIntBE(5, 3);
			if (length > maxFrameBytes) throw new FrameError(`a SPDY frame of ${length} bytes is too large`);
			if (this.buffer.length < 8 + length) break;
			const raw = this.buffer.subarray(0, 8 + length);
			this.buffer = this.buffer.subarray(8 + length);
			const flags = raw[4]!;
			if (raw[0]! & 0x80) {
				const version = raw.readUInt16BE(0) & 0x7fff;
				if (version !== 3) throw new FrameError(`SPDY version ${version} is not supported`);
				frames.push({control: true, type: raw.readUInt16BE(2), flags, payload: raw.subarray(8), raw});
			} else {
				frames.push({control: false, streamId: raw.readUInt32BE(0) & 0x7fffffff, flags, data: raw.subarray(8)});
			}
		}
		return frames;
	}
}

function header(first: number, second: number, flags: number, length: number): Buffer {
	const bytes = Buffer.alloc(8);
	bytes.writeUInt16BE(first, 0);
	bytes.writeUInt16BE(second, 2);
	bytes[4] = flags;
	bytes.writeUIntBE(length, 5, 3);
	return bytes;
}

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
	return Buffer.concat([header(0x8003, type, flags, payload.length), payload]);
}

export function dataFrame(streamId: number, data: Buffer, fin: boolean): Buffer {
	const bytes = Buffer.alloc(8);
	bytes.writeUInt32BE(streamId & 0x7fffffff, 0);
	bytes[4] = fin ? flagFin : 0;
	bytes.writeUIntBE(data.length, 5, 3);
	return Buffer.concat([bytes, data]);
}

/** An uncompressed SPDY/3 header block: count, then length-prefixed names and values. */
export function encodeHeaderBlock(headers: Record<string, string>): Buffer {
	const parts: Buffer[] = [];
	const number = (value: number) => {
		const bytes = Buffer.alloc(4);
		bytes.writeUInt32BE(value);
		return bytes;
	};
	const entries = Object.entries(headers);
	parts.push(number(entries.length));
	for (const [name, value] of entries) {
		const nameBytes = Buffer.from(name.toLowerCase(), 'latin1');
		const valueBytes = Buffer.from(value, 'latin1');
		parts.push(number(nameBytes.length), nameBytes, number(valueBytes.length), valueBytes);
	}
	return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): Record<string, string> {
	const headers: Record<string, string> = {};
	let offset = 0;
	const number = () => {
		if (offset + 4 > block.length) throw new FrameError('a SPDY header block is cut short');
		const value = block.readUInt32BE(offset);
		offset += 4;
		return value;
	};
	const text = () => {
		const length = number();
		if (offset + length > block.length) throw new FrameError('a SPDY header block is cut short');
		const value = block.subarray(offset, offset + length).toString('latin1');
		offset += length;
		return value;
	};
	const count = number();
	if (count > 1000) throw new FrameError('a SPDY header block has too many headers');
	for (let index = 0; index < count; index++) {
		const name = text();
		headers[name] = text();
	}
	return headers;
}
