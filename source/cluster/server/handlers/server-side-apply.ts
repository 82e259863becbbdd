/**
 * Server-side apply (`PATCH` with application/apply-patch+yaml, `kubectl apply --server-side`), simplified: the
 * applied configuration creates the object when it is missing, and is otherwise merged into it as a strategic merge
 * patch (lists merged by their keys). Field ownership is not tracked, so a field dropped from the configuration is
 * left as it is rather than removed, and there are no conflicts between managers to force.
 */
import type {KubeObject} from '../../api/object.js';
import {applyPatch} from '../../api/patch/apply-patch.js';
import {apiVersionOf} from '../../api/resources.js';
import {ApiError, errors} from '../../api/status.js';
import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {typed} from '../api-objects.js';
import {checkMetadata} from '../body-checks.js';
import {booleanParameter, writeOptions} from '../query.js';
import {parseYaml, readBody} from '../request-body.js';
import {renderingFor, sendRendered} from '../rendering.js';
import {checkPatched} from './patch.js';

export const applyPatchContentType = 'application/apply-patch+yaml';

export async function serverSideApply(context: RequestContext, path: ResourcePath, name: string, status: boolean): Promise<void> {
	const rendering = renderingFor(context, false);
	const options = writeOptions(context.query);
	booleanParameter(context.query, 'force');
	if (!options.fieldManager) throw errors.badRequest('PATCH, application/apply-patch+yaml requests require a fieldManager query parameter');
	const body = await readBody(context.request);
	if (body.length === 0) throw errors.badRequest('the applied configuration is empty');
	// YAML is a superset of JSON: both spellings arrive here.
	const applied = await parseYaml(body.toString('utf8'));
	if (typeof applied !== 'object' || applied === null || Array.isArray(applied)) throw errors.badRequest('the applied configuration must be an object');
	const configuration = applied as Record<string, unknown>;
	const {info, namespace} = path;
	if (configuration['apiVersion'] !== apiVersionOf(info) || configuration['kind'] !== info.kind)
		throw errors.badRequest(`an applied configuration must name apiVersion ${apiVersionOf(info)} and kind ${info.kind}`);
	const metadata = checkMetadata(configuration);
	if (metadata['name'] !== undefined && metadata['name'] !== name)
		throw errors.badRequest(`the name of the object (${String(metadata['name'])}) does not match the name on the URL (${name})`);
	metadata['name'] = name;

	const api = context.cluster.api;
	if (!status && !api.tryGet(info.plural, namespace, name)) {
		try {
			const created = await api.create(info.plural, namespace, configuration as KubeObject, options);
			return sendRendered(context, 201, typed(info, created), rendering);
		} catch (error) {
			// Created meanwhile by someone else: apply to it as to any existing object.
			if (!(error instanceof ApiError && error.reason === 'AlreadyExists')) throw error;
		}
	}
	const resource = status ? `${info.plural}/status` : info.plural;
	const updated = await api.modify(
		info.plural,
		namespace,
		name,
		current => {
			const patched = applyPatch(resource, current, configuration, 'strategic') as KubeObject;
			checkPatched(path, name, current, patched);
			return patched;
		},
		{...options, status},
	);
	return sendRendered(context, 200, typed(info, updated), rendering);
}
