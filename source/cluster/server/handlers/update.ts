import type {KubeObject} from '../../api/object.js';
import {errors} from '../../api/status.js';
import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {typed} from '../api-objects.js';
import {checkMetadata} from '../body-checks.js';
import {writeOptions} from '../query.js';
import {decodeObjectBody, readBody} from '../request-body.js';
import {renderingFor, sendRendered} from '../rendering.js';

/** PUT of a whole object, or of its status subresource (which changes status alone). */
export async function updateObject(context: RequestContext, path: ResourcePath, name: string, status: boolean): Promise<void> {
	const rendering = renderingFor(context, false);
	const options = writeOptions(context.query);
	const body = await decodeObjectBody(context.request.headers['content-type'], await readBody(context.request));
	const metadata = checkMetadata(body);
	if (metadata.name === undefined || metadata.name === '') metadata.name = name;
	else if (metadata.name !== name) throw errors.badRequest(`the name of the object (${String(metadata.name)}) does not match the name on the URL (${name})`);
	if (path.info.namespaced && metadata.namespace !== undefined && metadata.namespace !== '' && metadata.namespace !== path.namespace)
		throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
	const object = body as KubeObject;
	const api = context.cluster.api;
	const updated = status
		? await api.updateStatus(path.info.plural, path.namespace, object, options)
		: await api.update(path.info.plural, path.namespace, object, options);
	return sendRendered(context, 200, typed(path.info, updated), rendering);
}
