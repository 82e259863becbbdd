import type {KubeObject} from '../../api/object.js';
import type {DeleteOptions} from '../../api/object-api.js';
import {success} from '../../api/status.js';
import type {RequestContext} from '../context.js';
import {mediaType} from '../negotiation.js';
import type {ResourcePath} from '../request-path.js';
import {typed} from '../api-objects.js';
import {deleteOptions} from '../query.js';
import {decodeObjectBody, protobufContentType, readBody} from '../request-body.js';
import {renderingFor, sendRendered} from '../rendering.js';

/** Kinds whose DELETE answers with the deleted object rather than a Status, as in Kubernetes. */
const returnsDeletedObject = new Set(['pods', 'services']);

/** kubectl's protobuf DeleteOptions when it falls back from eviction: 'k8s\0', a runtime.Unknown naming the kind. */
function isProtobufDeleteOptions(body: Buffer): boolean {
	return body.length <= 256 && body.subarray(0, 4).equals(Buffer.from('k8s\0', 'latin1')) && body.includes('DeleteOptions', 0, 'latin1');
}

/**
 * DeleteOptions from the body and the query. kubectl sends a protobuf DeleteOptions when it falls back from
 * eviction; when the protobuf decoder has no schema for it, it is read as the empty DeleteOptions kubectl sends.
 */
export async function readDeleteOptions(context: RequestContext): Promise<DeleteOptions> {
	const body = await readBody(context.request);
	let fields: Record<string, unknown> | undefined;
	if (body.length > 0) {
		const contentType = context.request.headers['content-type'];
		try {
			fields = await decodeObjectBody(contentType, body);
		} catch (error) {
			if (!(mediaType(contentType) === protobufContentType && isProtobufDeleteOptions(body))) throw error;
			fields = undefined;
		}
	}
	return deleteOptions(context.query, fields);
}

/** The answer to a delete: the object while its deletion is pending, else a Success Status naming it. */
export function deletionAnswer(path: ResourcePath, context: RequestContext, result: KubeObject, options: DeleteOptions): {code: number; body: unknown} {
	const {info, namespace} = path;
	const name = result.metadata.name!;
	const current = options.dryRun ? undefined : context.cluster.api.tryGet(info.plural, namespace, name);
	const pending = current !== undefined && current.metadata.uid === result.metadata.uid;
	if (pending || options.dryRun || returnsDeletedObject.has(info.plural)) {
		const code = pending && options.propagationPolicy === 'Foreground' ? 202 : 200;
		return {code, body: typed(info, pending ? current : result)};
	}
	return {code: 200, body: success({name, group: info.group, kind: info.plural, uid: result.metadata.uid})};
}

export async function deleteObject(context: RequestContext, path: ResourcePath, name: string): Promise<void> {
	const rendering = renderingFor(context, false);
	const options = await readDeleteOptions(context);
	const result = await context.cluster.api.delete(path.info.plural, path.namespace, name, options);
	const answer = deletionAnswer(path, context, result, options);
	return sendRendered(context, answer.code, answer.body, rendering);
}
