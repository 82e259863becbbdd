import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {includeObjectParameter, listMetadata, listOf, partialList, tableOf} from '../api-objects.js';
import {listOptions} from '../query.js';
import {renderingFor, sendRendered} from '../rendering.js';

/** GET of a collection: a <Kind>List, a Table, or a PartialObjectMetadataList. */
export async function listObjects(context: RequestContext, path: ResourcePath): Promise<void> {
	const rendering = renderingFor(context, true);
	const {info, namespace} = path;
	const includeObject = rendering === 'table' ? includeObjectParameter(context.query) : 'Metadata';
	const result = context.cluster.api.list(info.plural, namespace, listOptions(context.query));
	const metadata = listMetadata(result);
	if (rendering === 'table') return sendRendered(context, 200, tableOf(info, result.items, includeObject, context.cluster.clock.now(), metadata), rendering);
	if (rendering === 'partial') return sendRendered(context, 200, partialList(result.items, metadata), rendering);
	return sendRendered(context, 200, listOf(info, result.items, metadata), rendering);
}
