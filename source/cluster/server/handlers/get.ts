import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {includeObjectParameter, partialObject, tableOf, typed} from '../api-objects.js';
import {renderingFor, sendRendered} from '../rendering.js';

/** GET of one object (also the status subresource, which reads the whole object as Kubernetes does). */
export async function getObject(context: RequestContext, path: ResourcePath, name: string): Promise<void> {
	const rendering = renderingFor(context, true);
	const {info, namespace} = path;
	const object = typed(info, context.cluster.api.get(info.plural, namespace, name));
	if (rendering === 'table') {
		const includeObject = includeObjectParameter(context.query);
		const table = tableOf(info, [object], includeObject, context.cluster.clock.now(), {resourceVersion: object.metadata.resourceVersion});
		return sendRendered(context, 200, table, rendering);
	}
	return sendRendered(context, 200, rendering === 'partial' ? partialObject(object) : object, rendering);
}
