import {PatchError} from './patch-error.js';
import {isJsonObject, type JsonObject} from './json-value.js';
import {applyMergePatch} from './merge-patch.js';
import {applyJsonPatch} from './json-patch.js';
import {applyStrategicMergePatch} from './strategic-merge-patch.js';
import {rootPatchType} from './strategic-merge-meta.js';

export type PatchType = 'merge' | 'json' | 'strategic';

/**
 * The object after a PATCH, as a new object; `original` is never changed. `resource` is the plural the patch is
 * for ('deployments', also 'deployments/status'): it decides how strategic merge patches merge lists.
 * Throws PatchError (an ApiError) for a patch that is malformed or does not apply.
 */
export function applyPatch(resource: string, original: object, patch: unknown, type: PatchType): object {
	if (!isJsonObject(original)) throw new PatchError('the object to patch is not a JSON object');
	const source = original as JsonObject;
	switch (type) {
		case 'merge':
			return applyMergePatch(source, patch);
		case 'json':
			return applyJsonPatch(source, patch);
		case 'strategic':
			return applyStrategicMergePatch(source, patch, rootPatchType(resource));
		default:
			throw new PatchError(`unsupported patch type ${String(type)}`);
	}
}

export {PatchError};
