import {errors} from '../api/status.js';

/**
 * The metadata of a decoded body, checked for the types the registry relies on; a body without metadata gets an
 * empty one. Wrong types are 400 BadRequest, as Kubernetes' decoder answers them.
 */
export function checkMetadata(body: Record<string, unknown>): Record<string, unknown> {
	const metadata = body['metadata'] ?? {};
	if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
		throw errors.badRequest('json: cannot unmarshal metadata into Go struct field of type v1.ObjectMeta: metadata must be an object');
	const fields = metadata as Record<string, unknown>;
	for (const key of ['name', 'generateName', 'namespace', 'resourceVersion', 'uid']) {
		const value = fields[key];
		if (value !== undefined && value !== null && typeof value !== 'string')
			throw errors.badRequest(`json: cannot unmarshal ${typeof value} into Go struct field ObjectMeta.metadata.${key} of type string`);
	}
	for (const key of ['labels', 'annotations']) {
		const value = fields[key];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'object' || Array.isArray(value))
			throw errors.badRequest(`json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go struct field ObjectMeta.metadata.${key} of type map[string]string`);
		for (const [entry, text] of Object.entries(value))
			if (typeof text !== 'string')
				throw errors.badRequest(`json: cannot unmarshal ${text === null ? 'null' : typeof text} into Go struct field ObjectMeta.metadata.${key} of type string (key ${JSON.stringify(entry)})`);
	}
	body['metadata'] = fields;
	return fields;
}
