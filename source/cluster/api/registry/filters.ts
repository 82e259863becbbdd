import type {KubeObject} from '../object.js';
import {compileLabelSelector} from '../selectors/labels.js';
import {compileFieldSelector} from '../selectors/fields.js';
import {errors} from '../status.js';

export type ObjectFilter = (object: KubeObject) => boolean;

/** One predicate for a list's or a watch's selectors; undefined when there is nothing to filter. */
export function compileFilter(resource: string, labelSelector?: string, fieldSelector?: string): ObjectFilter | undefined {
	let labels: ((labels?: Record<string, string>) => boolean) | undefined;
	let fields: ((object: KubeObject) => boolean) | undefined;
	try {
		if (labelSelector?.trim()) labels = compileLabelSelector(labelSelector);
		if (fieldSelector?.trim()) fields = compileFieldSelector(resource, fieldSelector);
	} catch (error) {
		throw errors.badRequest(error instanceof Error ? error.message : String(error));
	}
	if (!labels && !fields) return undefined;
	return object => (!labels || labels(object.metadata.labels)) && (!fields || fields(object));
}
