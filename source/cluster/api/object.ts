import type {ObjectMeta} from 'kubernetes-types/meta/v1';

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

export type {ObjectMeta};

/** A deep copy, for changing an object that came from the store. */
export function cloneObject<T>(object: T): T {
	return structuredClone(object);
}
