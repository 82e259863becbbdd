import {messageSchemas} from './schemas.js';

export type ScalarType = 'string' | 'bytes' | 'bool' | 'int32' | 'int64';

/** One field of a message, compiled from its line in schemas.ts. */
export type FieldSchema = {
	number: number;
	name: string;
	/** A scalar type or a message name. */
	type: string;
	scalar: boolean;
	repeated: boolean;
	/** A Go pointer: a zero value is kept. */
	pointer: boolean;
	/** For maps: the value type (keys are strings). */
	mapValue?: string;
	inline: boolean;
};

export type MessageSchema = {name: string; fields: FieldSchema[]; byNumber: Map<number, FieldSchema>};

const scalars = new Set<string>(['string', 'bytes', 'bool', 'int32', 'int64']);
const fieldLine = /^(\d+) (\w+) (\*?)(\[\])?(?:map\[string\](\*?\w+)|(\w+))( inline)?$/;

const compiled = new Map<string, MessageSchema>();

/** The compiled schema of a message; throws for a name schemas.ts does not define (a mistake in the schemas). */
export function messageSchema(name: string): MessageSchema {
	let schema = compiled.get(name);
	if (!schema) {
		const lines = messageSchemas[name];
		if (!lines) throw new Error(`no protobuf schema for message ${name}`);
		const fields = lines.map(line => parseField(name, line));
		schema = {name, fields, byNumber: new Map(fields.map(field => [field.number, field]))};
		compiled.set(name, schema);
	}
	return schema;
}

function parseField(message: string, line: string): FieldSchema {
	const match = fieldLine.exec(line);
	if (!match) throw new Error(`bad protobuf schema line in ${message}: ${line}`);
	const [, number, name, pointer, repeated, mapValue, type, inline] = match;
	const fieldType = mapValue ? 'map' : type;
	return {
		number: Number(number),
		name,
		type: fieldType,
		scalar: scalars.has(fieldType),
		repeated: Boolean(repeated),
		pointer: Boolean(pointer),
		mapValue: mapValue?.replace('*', ''),
		inline: Boolean(inline),
	};
}

export function isScalar(type: string): type is ScalarType {
	return scalars.has(type);
}
