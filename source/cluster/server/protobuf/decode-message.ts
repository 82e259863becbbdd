import {ProtobufError} from './protobuf-error.js';
import {WireReader, WireType} from './wire-reader.js';
import {messageSchema, isScalar, type FieldSchema} from './message-schema.js';
import {specialMessages, utf8} from './special-messages.js';

/** Kubernetes objects nest a dozen levels; this bounds a hostile body long before the stack. */
const maxDepth = 64;

type Json = Record<string, unknown>;

/**
 * A message as the API server's JSON shows it after decoding into its Go types: scalars at their zero value are
 * dropped unless the Go field is a pointer, nested messages that are present are objects (even empty), bytes are
 * base64, unknown fields are skipped.
 */
export function decodeMessage(bytes: Uint8Array, messageName: string, depth = 0): Json {
	if (depth > maxDepth) throw new ProtobufError('message nested too deeply');
	const schema = messageSchema(messageName);
	const reader = new WireReader(bytes);
	const values = new Map<FieldSchema, unknown>();
	while (!reader.done) {
		const {field: number, wireType} = reader.tag();
		const field = schema.byNumber.get(number);
		if (!field) {
			reader.skip(wireType);
			continue;
		}
		const where = `${messageName}.${field.name}`;
		if (field.type === 'map') {
			const map = (values.get(field) as Json | undefined) ?? {};
			expectWireType(where, wireType, WireType.lengthDelimited);
			const [key, value] = readMapEntry(reader.delimited(), field.mapValue ?? 'string', where, depth);
			map[key] = value;
			values.set(field, map);
		} else if (field.repeated) {
			const list = (values.get(field) as unknown[] | undefined) ?? [];
			if (field.scalar && field.type !== 'string' && field.type !== 'bytes' && wireType === WireType.lengthDelimited) {
				// Packed numbers: one length-delimited run of varints.
				const packed = new WireReader(reader.delimited());
				while (!packed.done) list.push(readValue(packed, field.type, WireType.varint, where, depth));
			} else {
				const value = readValue(reader, field.type, wireType, where, depth);
				if (value !== undefined) list.push(value);
			}
			values.set(field, list);
		} else {
			values.set(field, readValue(reader, field.type, wireType, where, depth));
		}
	}
	return toJson(schema.fields, values);
}

/** Writes fields in Go struct order, dropping what Go's JSON would not show. */
function toJson(fields: FieldSchema[], values: Map<FieldSchema, unknown>): Json {
	const result: Json = {};
	for (const field of fields) {
		if (!values.has(field)) continue;
		const value = values.get(field);
		if (value === undefined) continue;
		if (field.inline) {
			Object.assign(result, value);
			continue;
		}
		if (field.scalar && !field.repeated && !field.pointer && isZero(value)) continue;
		result[field.name] = value;
	}
	return result;
}

function readValue(reader: WireReader, type: string, wireType: number, where: string, depth: number): unknown {
	switch (type) {
		case 'string':
			expectWireType(where, wireType, WireType.lengthDelimited);
			return utf8(reader.delimited());
		case 'bytes':
			expectWireType(where, wireType, WireType.lengthDelimited);
			return Buffer.from(reader.delimited()).toString('base64');
		case 'bool':
			expectWireType(where, wireType, WireType.varint);
			return reader.varint() !== 0n;
		case 'int32':
			expectWireType(where, wireType, WireType.varint);
			return Number(BigInt.asIntN(32, reader.varint()));
		case 'int64':
			expectWireType(where, wireType, WireType.varint);
			return Number(BigInt.asIntN(64, reader.varint()));
		default:
			expectWireType(where, wireType, WireType.lengthDelimited);
			return readMessage(reader.delimited(), type, depth);
	}
}

function readMessage(bytes: Uint8Array, type: string, depth: number): unknown {
	const special = specialMessages[type];
	return special ? special(bytes) : decodeMessage(bytes, type, depth + 1);
}

/** A map entry: field 1 the key, field 2 the value; either may be missing and is then its zero value. */
function readMapEntry(bytes: Uint8Array, valueType: string, where: string, depth: number): [string, unknown] {
	const reader = new WireReader(bytes);
	let key = '';
	let value: unknown;
	while (!reader.done) {
		const {field, wireType} = reader.tag();
		if (field === 1) {
			expectWireType(`${where} key`, wireType, WireType.lengthDelimited);
			key = utf8(reader.delimited());
		} else if (field === 2) {
			value = readValue(reader, valueType, wireType, `${where}[${key}]`, depth);
		} else {
			reader.skip(wireType);
		}
	}
	if (value === undefined) value = zeroValue(valueType, depth);
	return [key, value ?? null];
}

function zeroValue(type: string, depth: number): unknown {
	if (type === 'string' || type === 'bytes') return '';
	if (type === 'bool') return false;
	if (isScalar(type)) return 0;
	return readMessage(new Uint8Array(0), type, depth);
}

function isZero(value: unknown): boolean {
	return value === '' || value === 0 || value === false;
}

function expectWireType(where: string, actual: number, expected: number): void {
	if (actual !== expected) throw new ProtobufError(`${where} has wire type ${actual}, expected ${expected}`);
}
