/** Equality for immutable fields. */
import {record} from './read.js';

function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (Array.isArray(value)) return value.length === 0;
	const map = record(value);
	return map !== undefined && Object.keys(map).length === 0;
}

/** Deep equality where absent, null, [] and {} are the same, as Kubernetes' semantic equality treats nil and empty. */
export function semanticEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (isEmpty(a) && isEmpty(b)) return true;
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => semanticEqual(item, b[index]));
	const left = record(a);
	const right = record(b);
	if (!left || !right) return false;
	for (const key of Object.keys(left)) if (!semanticEqual(left[key], right[key])) return false;
	for (const key of Object.keys(right)) if (!(key in left) && !isEmpty(right[key])) return false;
	return true;
}
