/** JSON as patches see it. */
export type JsonObject = {[key: string]: JsonValue};
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as Go's %v prints it in error messages: map[a:1 b:x], [a b], <nil>. */
export function goFormat(value: unknown): string {
	if (value === null || value === undefined) return '<nil>';
	if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
	if (typeof value === 'object') {
		const entries = Object.keys(value).sort().map(key => `${key}:${goFormat((value as Record<string, unknown>)[key])}`);
		return `map[${entries.join(' ')}]`;
	}
	return String(value);
}

/** Sets an own key, even '__proto__' (a plain assignment of that one would replace the object's prototype). */
export function setKey(object: JsonObject, key: string, value: JsonValue): void {
	if (key === '__proto__') Object.defineProperty(object, key, {value, enumerable: true, writable: true, configurable: true});
	else object[key] = value;
}
