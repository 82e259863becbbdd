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


/** A deep copy, for changing an object that came from the store. */
export function cloneObject<T>(object: T): T {
	return structuredClone(object);
}
