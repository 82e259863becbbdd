import type {KubeObject} from '../../api/object.js';
import {ApiError} from '../../api/status.js';
import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {listOf} from '../api-objects.js';
import {listOptions} from '../query.js';
import {renderingFor, sendRendered} from '../rendering.js';
import {readDeleteOptions} from './delete.js';

/** DELETE of a collection: every object the selectors pick is deleted; the answer lists them. */
export async function deleteCollection(context: RequestContext, path: ResourcePath): Promise<void> {
	const rendering = renderingFor(context, false);
	const options = await readDeleteOptions(context);
	const {info, namespace} = path;
	const {labelSelector, fieldSelector} = listOptions(context.query);
	const {items, resourceVersion} = context.cluster.api.list(info.plural, namespace, {labelSelector, fieldSelector});
	const deleted: KubeObject[] = [];
	for (const item of items) {
		try {
			deleted.push(await context.cluster.api.delete(info.plural, item.metadata.namespace, item.metadata.name!, options));
		} catch (error) {
			// Something else deleted it meanwhile: that is what was asked.
			if (error instanceof ApiError && error.code === 404) continue;
			throw error;
		}
	}
	return sendRendered(context, 200, listOf(info, deleted, {resourceVersion}), rendering);
}
