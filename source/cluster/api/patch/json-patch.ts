import jsonPatch from 'fast-json-patch';
import type {Operation} from 'fast-json-patch';
import {PatchError} from './patch-error.js';
import {isJsonObject, type JsonObject} from './json-value.js';

const {applyPatch, JsonPatchError} = jsonPatch;

/** The API server's cap on operations in one JSON patch. */
const maxOperations = 10000;

/**
 * RFC 6902 JSON patch, validated as Kubernetes does: a failed `test`, or a path that is not there for `replace`,
 * `remove`, `move` or `copy`, fails the whole patch and changes nothing.
 */
export function applyJsonPatch(original: JsonObject, patch: unknown): JsonObject {
	if (!Array.isArray(patch)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
	if (patch.length > maxOperations) {
		throw new PatchError(`The allowed maximum operations in a JSON patch is ${maxOperations}, got ${patch.length}`, 422);
	}
	let result: unknown;
	try {
		result = applyPatch(structuredClone(original), patch as Operation[], true, true).newDocument;
	} catch (error) {
		if (error instanceof JsonPatchError) throw new PatchError(describe(error), 422);
		throw error;
	}
	if (!isJsonObject(result)) throw new PatchError('the patched object is not a JSON object', 422);
	return result;
}

/** Messages in the words of the JSON patch library the API server uses. */
function describe(error: InstanceType<typeof JsonPatchError>): string {
	const operation = (error.operation ?? {}) as {op?: unknown; path?: unknown; from?: unknown};
	const path = String(operation.path ?? '');
	switch (error.name) {
		case 'TEST_OPERATION_FAILED':
			return `testing value ${path} failed: test failed`;
		case 'OPERATION_PATH_UNRESOLVABLE':
			return operation.op === 'replace'
				? `replace operation does not apply: doc is missing key: ${path}: missing value`
				: `${String(operation.op)} operation does not apply: doc is missing path: "${path}": missing value`;
		case 'OPERATION_FROM_UNRESOLVABLE':
			return `${String(operation.op)} operation does not apply: doc is missing from path: "${String(operation.from)}": missing value`;
		case 'OPERATION_PATH_CANNOT_ADD':
			return `add operation does not apply: doc is missing path: "${path}": missing value`;
		case 'OPERATION_VALUE_OUT_OF_BOUNDS':
		case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
			return `${String(operation.op)} operation does not apply: index out of bounds: "${path}"`;
		case 'OPERATION_OP_INVALID':
			return `Unexpected kind: ${String(operation.op)}`;
		default:
			return `invalid JSON patch operation ${error.index ?? 0}: ${error.message.split('\n')[0]}`;
	}
}
