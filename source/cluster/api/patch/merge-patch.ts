import {PatchError} from './patch-error.js';
import {isJsonObject, setKey, type JsonObject, type JsonValue} from './json-value.js';

/** RFC 7386 JSON merge patch: objects merge key by key, null deletes, anything else replaces. */
export function applyMergePatch(original: JsonObject, patch: unknown): JsonObject {
	if (!isJsonObject(patch)) throw new PatchError('merge patch must be a JSON object');
	return mergeInto(structuredClone(original), patch);
}

/** Merges into `target`, a private copy. */
function mergeInto(target: JsonValue | undefined, patch: JsonObject): JsonObject {
	const result: JsonObject = isJsonObject(target) ? target : {};
	for (const [key, value] of Object.entries(patch)) {
		const current = Object.hasOwn(result, key) ? result[key] : undefined;
		if (value === null) delete result[key];
		else setKey(result, key, isJsonObject(value) ? mergeInto(current, value) : structuredClone(value));
	}
	return result;
}
