import type {KubeObject} from '../../api/object.js';
import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {typed} from '../api-objects.js';
import {checkMetadata} from '../body-checks.js';
import {writeOptions} from '../query.js';
import {decodeObjectBody, readBody} from '../request-body.js';
import {renderingFor, sendRendered} from '../rendering.js';

/** POST to a collection. The body may be JSON, YAML or Kubernetes protobuf (what `kubectl create` sends). */
export async function createObject(context: RequestContext, path: ResourcePath): Promise<void> {
	const rendering = renderingFor(context, false);
	const options = writeOptions(context.query);
	const body = await decodeObjectBody(context.request.headers['content-type'], await readBody(context.request));
	checkMetadata(body);
	const created = await context.cluster.api.create(path.info.plural, path.namespace, body as KubeObject, options);
	return sendRendered(context, 201, typed(path.info, created), rendering);
}
