import type {KubeObject} from '../../api/object.js';
import {applyPatch, type PatchType} from '../../api/patch/apply-patch.js';
import {errors} from '../../api/status.js';
import type {RequestContext} from '../context.js';
import {mediaType} from '../negotiation.js';
import type {ResourcePath} from '../request-path.js';
import {typed} from '../api-objects.js';
import {writeOptions} from '../query.js';
import {parseJson, readBody} from '../request-body.js';
import {renderingFor, sendRendered} from '../rendering.js';

const patchTypes: Record<string, PatchType> = {
	'application/json-patch+json': 'json',
	'application/merge-patch+json': 'merge',
	'application/strategic-merge-patch+json': 'strategic',
};

/** The patch type a Content-Type names (server-side apply is routed to its own handler before this). */
export function patchTypeOf(contentType: string | undefined): PatchType {
	const type = mediaType(contentType);
	const patchType = patchTypes[type];
	if (!patchType) {
		const error = errors.unsupportedMediaType(type || 'none');
		error.status.message = `the body of the request was in an unknown format - accepted media types include: ${Object.keys(patchTypes).join(', ')}`;
		throw error;
	}
	return patchType;
}

/** The patch body, parsed: every patch type the server takes is JSON. */
export async function readPatch(context: RequestContext): Promise<{type: PatchType; patch: unknown}> {
	const type = patchTypeOf(context.request.headers['content-type']);
	const body = await readBody(context.request);
	if (body.length === 0) throw errors.badRequest('the patch is empty');
	return {type, patch: parseJson(body.toString('utf8'))};
}

/** A patched object must keep what names it; a stale resourceVersion in the patch is a conflict, as in Kubernetes. */
export function checkPatched(path: ResourcePath, name: string, current: KubeObject, patched: KubeObject): void {
	const {info} = path;
	if (typeof patched.metadata !== 'object' || patched.metadata === null || Array.isArray(patched.metadata))
		throw errors.badRequest('the patched object has no metadata');
	if (patched.metadata.name !== name) throw errors.badRequest(`the name of the object (${String(patched.metadata.name)}) does not match the name on the URL (${name})`);
	if (info.namespaced && patched.metadata.namespace !== current.metadata.namespace)
		throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
	const requested = patched.metadata.resourceVersion;
	if (requested && requested !== current.metadata.resourceVersion) throw errors.conflict(info.plural, info.group, name);
}

/** PATCH of an object or of its status: merge, JSON or strategic merge, retried on conflicts by the registry. */
export async function patchObject(context: RequestContext, path: ResourcePath, name: string, status: boolean): Promise<void> {
	const rendering = renderingFor(context, false);
	const options = writeOptions(context.query);
	const {type, patch} = await readPatch(context);
	const {info, namespace} = path;
	const resource = status ? `${info.plural}/status` : info.plural;
	const updated = await context.cluster.api.modify(
		info.plural,
		namespace,
		name,
		current => {
			const patched = applyPatch(resource, current, patch, type) as KubeObject;
			checkPatched(path, name, current, patched);
			return patched;
		},
		{...options, status},
	);
	return sendRendered(context, 200, typed(info, updated), rendering);
}
