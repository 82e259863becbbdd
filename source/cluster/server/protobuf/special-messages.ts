import {ProtobufError} from './protobuf-error.js';
import {WireReader, WireType} from './wire-reader.js';

/**
 * Messages whose JSON is not an object: times as RFC 3339 strings, IntOrString as a number or a string, Quantity
 * as its string, FieldsV1 as the JSON it holds. undefined means the field is left out (a zero time is null in Go).
 */
export const specialMessages: Readonly<Record<string, (bytes: Uint8Array) => unknown>> = {
	Time: bytes => (bytes.length === 0 ? undefined : formatTime(readTimestamp(bytes))),
	IntOrString(bytes) {
		let type = 0n;
		let intVal = 0;
		let strVal = '';
		readFields(bytes, 'IntOrString', (field, reader) => {
			if (field === 1) type = reader.varint();
			else if (field === 2) intVal = Number(BigInt.asIntN(32, reader.varint()));
			else strVal = utf8(reader.delimited());
		});
		return type === 1n ? strVal : intVal;
	},
	Quantity(bytes) {
		let value = '';
		readFields(bytes, 'Quantity', (_field, reader) => {
			value = utf8(reader.delimited());
		});
		return value === '' ? '0' : value;
	},
	FieldsV1(bytes) {
		let raw = '';
		readFields(bytes, 'FieldsV1', (_field, reader) => {
			raw = utf8(reader.delimited());
		});
		if (raw === '') return {};
		try {
			return JSON.parse(raw) as unknown;
		} catch {
			throw new ProtobufError('FieldsV1 does not hold JSON');
		}
	},
};

const wireTypeOf: Record<string, Record<number, number>> = {
	IntOrString: {1: WireType.varint, 2: WireType.varint, 3: WireType.lengthDelimited},
	Quantity: {1: WireType.lengthDelimited},
	FieldsV1: {1: WireType.lengthDelimited},
	Timestamp: {1: WireType.varint, 2: WireType.varint},
};

/** Runs `read` for each field listed in wireTypeOf (checking its wire type) and skips the rest. */
function readFields(bytes: Uint8Array, message: string, read: (field: number, reader: WireReader) => void): void {
	const reader = new WireReader(bytes);
	while (!reader.done) {
		const {field, wireType} = reader.tag();
		const expected = wireTypeOf[message][field];
		if (expected === undefined) {
			reader.skip(wireType);
			continue;
		}
		if (wireType !== expected) throw new ProtobufError(`${message} field ${field} has wire type ${wireType}, expected ${expected}`);
		read(field, reader);
	}
}

function readTimestamp(bytes: Uint8Array): {seconds: number; nanos: number} {
	let seconds = 0;
	let nanos = 0;
	readFields(bytes, 'Timestamp', (field, reader) => {
		if (field === 1) seconds = Number(BigInt.asIntN(64, reader.varint()));
		else nanos = Number(BigInt.asIntN(32, reader.varint()));
	});
	return {seconds, nanos};
}

/** Go's RFC 3339 in UTC, to the second, as metav1.Time writes it. */
function formatTime({seconds}: {seconds: number; nanos: number}): string {
	// Go's times run from year 1 to 9999.
	if (seconds < -62_135_596_800 || seconds > 253_402_300_799) throw new ProtobufError(`time out of range: ${seconds}s`);
	const date = new Date(seconds * 1000);
	return `${date.toISOString().slice(0, 19)}Z`;
}

const decoder = new TextDecoder('utf-8');

/** Invalid UTF-8 becomes U+FFFD, as Go's JSON encoder writes it. */
export function utf8(bytes: Uint8Array): string {
	return decoder.decode(bytes);
}
