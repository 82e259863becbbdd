/**
 * The few DER encodings an X.509 certificate needs. Each function returns one complete TLV (tag, length, value).
 */

function lengthBytes(length: number): Buffer {
	if (length < 0x80) return Buffer.from([length]);
	const bytes: number[] = [];
	for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, value: Uint8Array): Buffer {
	return Buffer.concat([Buffer.from([tag]), lengthBytes(value.length), value]);
}

export function sequence(...parts: Uint8Array[]): Buffer {
	return tlv(0x30, Buffer.concat(parts));
}

export function set(...parts: Uint8Array[]): Buffer {
	return tlv(0x31, Buffer.concat(parts));
}

export function boolean(value: boolean): Buffer {
	return tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
}

/** A non-negative INTEGER from big-endian magnitude bytes (a 0x00 is prefixed when the top bit is set). */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
	let start = 0;
	while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
	let bytes = Buffer.from(magnitude.subarray(start));
	if (bytes.length === 0) bytes = Buffer.from([0]);
	if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
	return tlv(0x02, bytes);
}

export function smallInteger(value: number): Buffer {
	const bytes: number[] = [];
	let rest = value;
	do {
		bytes.unshift(rest & 0xff);
		rest = Math.floor(rest / 256);
	} while (rest > 0);
	return unsignedInteger(Buffer.from(bytes));
}

export function objectIdentifier(dotted: string): Buffer {
	const arcs = dotted.split('.').map(Number);
	const bytes: number[] = [arcs[0]! * 40 + arcs[1]!];
	for (const arc of arcs.slice(2)) {
		const chunk: number[] = [arc & 0x7f];
		for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) chunk.unshift((rest & 0x7f) | 0x80);
		bytes.push(...chunk);
	}
	return tlv(0x06, Buffer.from(bytes));
}

export function utf8String(text: string): Buffer {
	return tlv(0x0c, Buffer.from(text, 'utf8'));
}

export function octetString(bytes: Uint8Array): Buffer {
	return tlv(0x04, bytes);
}

/** A BIT STRING with no unused bits. */
export function bitString(bytes: Uint8Array): Buffer {
	return tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));
}

/** A BIT STRING of named flags, bit 0 first (as KeyUsage), with DER's trailing-zero trimming. */
export function namedBits(bits: number[]): Buffer {
	const highest = Math.max(...bits);
	const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
	for (const bit of bits) bytes[Math.floor(bit / 8)]! |= 0x80 >> bit % 8;
	const unused = 7 - (highest % 8);
	return tlv(0x03, Buffer.concat([Buffer.from([unused]), bytes]));
}

/** UTCTime up to 2049, GeneralizedTime after, as RFC 5280 requires. */
export function time(date: Date): Buffer {
	const iso = date.toISOString(); // 2025-01-02T03:04:05.678Z
	const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
	return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}

/** [n] EXPLICIT: a constructed context tag around one complete encoding. */
export function explicit(tagNumber: number, content: Uint8Array): Buffer {
	return tlv(0xa0 | tagNumber, content);
}

/** [n] IMPLICIT for a primitive value (the raw bytes, retagged). */
export function implicitPrimitive(tagNumber: number, value: Uint8Array): Buffer {
	return tlv(0x80 | tagNumber, value);
}
