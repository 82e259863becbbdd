import type {ObjectMeta as ReadonlyObjectMeta} from 'kubernetes-types/meta/v1.js';

/** Object metadata; the server owns and sets several of these fields, so they are writable here. */
export type ObjectMeta = {-readonly [Field in keyof ReadonlyObjectMeta]: ReadonlyObjectMeta[Field]};

/**
 * Any Kubernetes object as the store holds it: plain JSON.
 * Objects handed out by the store or the registry are shared: never mutate them; clone first.
 */
export type KubeObject = {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	[field: string]: unknown;
};


/**
 * A deep copy of JSON data, for changing an object that came from the store. Hand-written because structuredClone
 * was the largest single cost when scaling to thousands of pods (it serialises through the structured-clone format).
 */
export function cloneObject<T>(value: T): T {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		const copy = new Array(value.length);
		for (let index = 0; index < value.length; index++) copy[index] = cloneObject(value[index]);
		return copy as T;
	}
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		const field = cloneObject((value as Record<string, unknown>)[key]);
		// A '__proto__' key is data here, never a prototype.
		if (key === '__proto__') Object.defineProperty(copy, key, {value: field, enumerable: true, writable: true, configurable: true});
		else copy[key] = field;
	}
	return copy as T;
}

/** Whether two JSON values are equal, field by field (key order does not matter). */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let index = 0; index < a.length; index++) if (!sameJson(a[index], b[index])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	let count = 0;
	for (const key of Object.keys(left)) {
		if (left[key] === undefined) continue;
		count++;
		if (!Object.prototype.hasOwnProperty.call(right, key) || !sameJson(left[key], right[key])) return false;
	}
	for (const key of Object.keys(right)) if (right[key] !== undefined) count--;
	return count === 0;
}
