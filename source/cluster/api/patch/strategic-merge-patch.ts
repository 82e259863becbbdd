import {PatchError} from './patch-error.js';
import {goFormat, isJsonObject, setKey, type JsonObject, type JsonValue} from './json-value.js';
import {fieldPatchMeta, type FieldPatchMeta} from './strategic-merge-meta.js';

/**
 * Strategic merge patch as the Kubernetes API server applies it: objects merge, null deletes, lists with a merge
 * key merge element by element, lists of strings with the merge strategy merge as sets, other lists are replaced.
 * Directives: `$patch: replace|delete|merge`, `$retainKeys`, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`.
 */

const directiveMarker = '$patch';
const retainKeysDirective = '$retainKeys';
const setElementOrderPrefix = '$setElementOrder';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList';

/** Deeper than any Kubernetes object; stops a hostile patch before the stack does. */
const maxDepth = 200;

const badRetainKeys = 'invalid patch format of retainKeys';
const badSetElementOrder = 'invalid patch format of setElementOrder list';
const badPrimitiveList = 'invalid patch format of primitive list';

export function applyStrategicMergePatch(original: JsonObject, patch: unknown, rootType: string): JsonObject {
	if (!isJsonObject(patch)) {
		throw new PatchError(`json: cannot unmarshal ${jsonKind(patch)} into Go value of type map[string]interface {}`);
	}
	return mergeObject(structuredClone(original), structuredClone(patch), rootType, '', 0);
}

/** Merges `patch` into `original`; both are private copies and are changed. */
function mergeObject(original: JsonObject, patch: JsonObject, type: string | undefined, path: string, depth: number): JsonObject {
	if (depth > maxDepth) throw new PatchError('patch is nested too deeply');
	if (Object.hasOwn(patch, directiveMarker)) return objectDirective(patch);

	applyRetainKeys(original, patch);
	applySetElementOrder(original, patch, type, path, depth);

	for (const key of Object.keys(patch)) {
		let field = key;
		let deleteList = false;
		if (key.startsWith(deleteFromPrimitiveListPrefix)) {
			field = directiveTarget(key, deleteFromPrimitiveListPrefix, badPrimitiveList);
			deleteList = true;
		}
		const value = patch[key];
		if (value === null) {
			delete original[field];
			continue;
		}
		const current = original[field];
		if (!Object.hasOwn(original, field) || jsonKind(current) !== jsonKind(value)) {
			// Nothing to merge with: the patch's value is taken as it is (a deletion list of nothing is nothing).
			if (!deleteList) setFresh(original, field, value);
			continue;
		}
		const meta = fieldPatchMeta(type, field);
		const fieldPath = `${path}.${field}`;
		if (isJsonObject(current) && isJsonObject(value)) {
			original[field] = meta.strategy === 'replace' ? fresh(value) ?? {} : mergeObject(current, value, meta.type, fieldPath, depth + 1);
		} else if (Array.isArray(current) && Array.isArray(value)) {
			original[field] = meta.strategy === 'merge' || deleteList ? mergeList(current, value, meta, deleteList, fieldPath, depth) : freshList(value);
		} else {
			original[field] = value;
		}
	}
	return original;
}

/** `$patch` on an object: replace it with the rest of the patch, or empty it. */
function objectDirective(patch: JsonObject): JsonObject {
	const directive = patch[directiveMarker];
	if (directive === 'replace') {
		delete patch[directiveMarker];
		return fresh(patch) as JsonObject;
	}
	if (directive === 'delete') return {};
	throw new PatchError(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`);
}

/** `$retainKeys`: fields of the original not named are cleared; the patch may only set named fields. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
	if (!Object.hasOwn(patch, retainKeysDirective)) return;
	const retained = patch[retainKeysDirective];
	delete patch[retainKeysDirective];
	if (!Array.isArray(retained)) throw new PatchError(badRetainKeys);
	const keep = new Set<unknown>(retained);
	for (const [key, value] of Object.entries(patch)) {
		if (value === null || key.startsWith(deleteFromPrimitiveListPrefix) || key.startsWith(setElementOrderPrefix)) continue;
		if (!keep.has(key)) throw new PatchError(badRetainKeys);
	}
	for (const key of Object.keys(original)) {
		if (!keep.has(key)) delete original[key];
	}
}

/**
 * `$setElementOrder/<list>`: merges the list it names (if the patch changes it) and orders the result: items named
 * in the directive in its order, items only the server has kept where they were relative to them.
 */
function applySetElementOrder(original: JsonObject, patch: JsonObject, type: string | undefined, path: string, depth: number): void {
	for (const key of Object.keys(patch)) {
		if (!key.startsWith(setElementOrderPrefix)) continue;
		const order = patch[key];
		delete patch[key];
		if (!Array.isArray(order)) throw new PatchError(badSetElementOrder);
		const field = directiveTarget(key, setElementOrderPrefix, badSetElementOrder);
		const hasCurrent = Object.hasOwn(original, field);
		const hasChange = Object.hasOwn(patch, field);
		const current = original[field];
		const change = patch[field];
		if (hasCurrent && !Array.isArray(current)) throw new PatchError(`expected a []interface {}, but received a ${goTypeName(current)}`);
		if (hasChange && !Array.isArray(change)) throw new PatchError(`expected a []interface {}, but received a ${goTypeName(change)}`);
		const meta = fieldPatchMeta(type, field);
		if (Array.isArray(change)) checkAgainstOrder(change, order, meta.mergeKey);

		let merged: JsonValue[];
		if (Array.isArray(current) && Array.isArray(change)) {
			merged = meta.strategy === 'merge' ? mergeList(current, change, meta, false, `${path}.${field}`, depth) : freshList(change);
		} else if (Array.isArray(current)) {
			merged = current;
		} else if (Array.isArray(change)) {
			merged = freshList(change);
		} else {
			continue;
		}
		delete patch[field];
		const [named, serverOnly] = partition(merged, order, meta.mergeKey);
		original[field] = ordered(named, serverOnly, order, Array.isArray(current) ? current : [], meta.mergeKey);
	}
}

/** Every item the patch sets must be named in `$setElementOrder`, in the same relative order. */
function checkAgainstOrder(change: JsonValue[], order: JsonValue[], mergeKey: string | undefined): void {
	if (change.length === 0 || order.length === 0) return;
	const items = mergeKey ? change.filter(item => !(isJsonObject(item) && item[directiveMarker] === 'delete')) : change;
	let changeIndex = 0;
	let orderIndex = 0;
	while (changeIndex < items.length && orderIndex < order.length) {
		const item = items[changeIndex];
		if (isJsonObject(item) && Object.hasOwn(item, directiveMarker)) {
			changeIndex++;
			continue;
		}
		if (sameItem(item, order[orderIndex], mergeKey)) changeIndex++;
		orderIndex++;
	}
	if (changeIndex < items.length) {
		throw new PatchError(`The order in patch list:\n${goFormat(change)}\n doesn't match ${setElementOrderPrefix} list:\n${goFormat(order)}\n`);
	}
}

function sameItem(left: JsonValue, right: JsonValue, mergeKey: string | undefined): boolean {
	if (!mergeKey) return left === right;
	return mergeKeyOf(left, mergeKey) === mergeKeyOf(right, mergeKey);
}

function mergeKeyOf(item: JsonValue, mergeKey: string): JsonValue {
	if (!isJsonObject(item)) throw new PatchError(`expected a map[string]interface {}, but received a ${goTypeName(item)}`);
	if (!Object.hasOwn(item, mergeKey)) throw new PatchError(`map: ${goFormat(item)} does not contain declared merge key: ${mergeKey}`);
	return item[mergeKey];
}

/** Merges a list with the merge strategy: by merge key for objects, as a set for scalars. */
function mergeList(
	current: JsonValue[],
	change: JsonValue[],
	meta: FieldPatchMeta,
	deleteList: boolean,
	path: string,
	depth: number,
): JsonValue[] {
	if (current.length === 0 && change.length === 0) return current;
	const kind = elementKind(current, change);
	if (kind !== 'object') {
		if (deleteList) return current.filter(item => !change.includes(item));
		const merged = [...new Set([...current, ...change])];
		const [named, serverOnly] = partition(merged, change, undefined);
		return ordered(named, serverOnly, change, current, undefined);
	}
	const mergeKey = meta.mergeKey;
	if (!mergeKey) throw new PatchError(`cannot merge lists without merge key for ${path.slice(1)}`);
	const [base, additions] = applyListDirectives(current, change, mergeKey);
	const merged = [...base];
	for (const addition of additions) {
		const key = mergeKeyOf(addition, mergeKey);
		const index = merged.findIndex(item => isJsonObject(item) && Object.hasOwn(item, mergeKey) && item[mergeKey] === key);
		if (index >= 0) merged[index] = mergeObject(merged[index] as JsonObject, addition as JsonObject, meta.type, path, depth + 1);
		else {
			const added = fresh(addition);
			if (added !== undefined) merged.push(added);
		}
	}
	const [named, serverOnly] = partition(merged, additions, mergeKey);
	return ordered(named, serverOnly, additions, base, mergeKey);
}

/** Elements carrying `$patch`: delete the item with that key, or replace the whole list by the other elements. */
function applyListDirectives(current: JsonValue[], change: JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
	let base = current;
	const additions: JsonValue[] = [];
	let replace = false;
	for (const item of change) {
		if (!isJsonObject(item) || !Object.hasOwn(item, directiveMarker)) {
			additions.push(item);
			continue;
		}
		const directive = item[directiveMarker];
		if (directive === 'delete') {
			const key = mergeKeyOf(item, mergeKey);
			base = base.filter(other => !(isJsonObject(other) && Object.hasOwn(other, mergeKey) && other[mergeKey] === key));
		} else if (directive === 'replace') {
			replace = true;
		} else if (directive === 'merge') {
			throw new PatchError('merging lists cannot yet be specified in the patch');
		} else {
			throw new PatchError(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(item)}`);
		}
	}
	return replace ? [additions, []] : [base, additions];
}

/** Splits `items` into those named in `names` and the rest, keeping their order. */
function partition(items: JsonValue[], names: JsonValue[], mergeKey: string | undefined): [JsonValue[], JsonValue[]] {
	const named: JsonValue[] = [];
	const rest: JsonValue[] = [];
	for (const item of items) {
		const found = names.some(name => (mergeKey ? isJsonObject(name) && isJsonObject(item) && name[mergeKey] === mergeKeyOf(item, mergeKey) : name === item));
		(found ? named : rest).push(item);
	}
	return [named, rest];
}

/**
 * The final order of a merged list: patch items in the patch's order, server-only items in the server's order,
 * interleaved so that each server-only item stays before the first patch item it preceded on the server.
 */
function ordered(named: JsonValue[], serverOnly: JsonValue[], patchOrder: JsonValue[], serverOrder: JsonValue[], mergeKey: string | undefined): JsonValue[] {
	const right = sortByOrder(named, patchOrder, mergeKey);
	const left = sortByOrder(serverOnly, serverOrder, mergeKey);
	const position = (item: JsonValue) => indexIn(serverOrder, item, mergeKey);
	const result: JsonValue[] = [];
	let i = 0;
	let j = 0;
	while (i < left.length || j < right.length) {
		if (j >= right.length) result.push(left[i++]);
		else if (i >= left.length) result.push(right[j++]);
		else {
			const leftAt = position(left[i]);
			const rightAt = position(right[j]);
			if (leftAt >= 0 && rightAt >= 0 && leftAt < rightAt) result.push(left[i++]);
			else result.push(right[j++]);
		}
	}
	return result;
}

/** Stable sort by position in `order`; items it does not name keep their relative order after those it does. */
function sortByOrder(items: JsonValue[], order: JsonValue[], mergeKey: string | undefined): JsonValue[] {
	let kept = items;
	let deleted: JsonValue[] = [];
	if (mergeKey) {
		for (const item of [...items, ...order]) mergeKeyOf(item, mergeKey);
		kept = items.filter(item => !(isJsonObject(item) && item[directiveMarker] === 'delete'));
		deleted = items.filter(item => isJsonObject(item) && item[directiveMarker] === 'delete');
	}
	const withPosition = kept.map((item, index) => ({item, index, at: indexIn(order, item, mergeKey)}));
	withPosition.sort((a, b) => {
		if (a.at >= 0 && b.at >= 0 && a.at !== b.at) return a.at - b.at;
		if (a.at >= 0 !== b.at >= 0) return a.at >= 0 ? -1 : 1;
		return a.index - b.index;
	});
	return [...withPosition.map(entry => entry.item), ...deleted];
}

function indexIn(list: JsonValue[], item: JsonValue, mergeKey: string | undefined): number {
	if (!mergeKey) return list.indexOf(item);
	const key = isJsonObject(item) ? item[mergeKey] : undefined;
	return list.findIndex(other => isJsonObject(other) && other[mergeKey] === key);
}

/** All elements of both lists must have one JSON kind, and not be lists. */
function elementKind(...lists: JsonValue[][]): string {
	let kind: string | undefined;
	for (const list of lists) {
		for (const item of list) {
			const itemKind = jsonKind(item);
			if (itemKind === 'array') throw new PatchError('lists of lists are not supported', 422);
			if (kind !== undefined && kind !== itemKind) {
				throw new PatchError(`list element types are not identical: ${goFormat(lists)}`);
			}
			kind = itemKind;
		}
	}
	return kind ?? 'none';
}

/** `$deleteFromPrimitiveList/finalizers` → 'finalizers'. */
function directiveTarget(key: string, prefix: string, message: string): string {
	const slash = key.indexOf('/');
	if (slash < 0 || key.slice(0, slash) !== prefix) throw new PatchError(message);
	return key.slice(slash + 1);
}

function setFresh(original: JsonObject, field: string, value: JsonValue): void {
	const cleaned = fresh(value);
	if (cleaned === undefined) delete original[field];
	else setKey(original, field, cleaned);
}

function freshList(list: JsonValue[]): JsonValue[] {
	return fresh(list) as JsonValue[];
}

/**
 * A patch value that lands where nothing was merged: nulls mean nothing there and directives have nothing to act
 * on, so both go (the API server loses them when it decodes the result into its types). undefined: drop the value.
 */
function fresh(value: JsonValue): JsonValue | undefined {
	if (Array.isArray(value)) {
		const items: JsonValue[] = [];
		for (const item of value) {
			if (isJsonObject(item) && Object.hasOwn(item, directiveMarker)) continue;
			const cleaned = fresh(item);
			if (cleaned !== undefined) items.push(cleaned);
		}
		return items;
	}
	if (!isJsonObject(value)) return value;
	if (Object.hasOwn(value, directiveMarker) && value[directiveMarker] !== 'replace') return undefined;
	const result: JsonObject = {};
	for (const [key, item] of Object.entries(value)) {
		if (item === null || isDirectiveKey(key)) continue;
		const cleaned = fresh(item);
		if (cleaned !== undefined) setKey(result, key, cleaned);
	}
	return result;
}

function isDirectiveKey(key: string): boolean {
	return (
		key === directiveMarker ||
		key === retainKeysDirective ||
		key.startsWith(`${setElementOrderPrefix}/`) ||
		key.startsWith(`${deleteFromPrimitiveListPrefix}/`)
	);
}

function jsonKind(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/** Go's names for JSON values, for messages. */
function goTypeName(value: unknown): string {
	switch (jsonKind(value)) {
		case 'array':
			return '[]interface {}';
		case 'object':
			return 'map[string]interface {}';
		case 'number':
			return 'float64';
		case 'null':
			return '<nil>';
		default:
			return jsonKind(value);
	}
}
