/** pods/binding: what a scheduler posts to place a pod on a node, once. */
import {errors, success} from '../../api/status.js';
import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {writeOptions} from '../query.js';
import {decodeObjectBody, readBody} from '../request-body.js';
import {sendStatus} from '../respond.js';

export async function bindPod(context: RequestContext, path: ResourcePath, name: string): Promise<void> {
	const namespace = path.namespace!;
	const options = writeOptions(context.query);
	const body = await decodeObjectBody(context.request.headers['content-type'], await readBody(context.request));
	const bodyName = (body['metadata'] as {name?: unknown} | undefined)?.name;
	if (bodyName !== undefined && bodyName !== name) throw errors.badRequest('name in URL does not match name in Binding object');
	const target = body['target'] as {kind?: unknown; name?: unknown} | undefined;
	if (typeof target?.name !== 'string' || target.name === '')
		throw errors.invalid('Binding', '', name, [{reason: 'FieldValueRequired', field: 'target.name', message: 'Required value'}]);
	if (target.kind !== undefined && target.kind !== '' && target.kind !== 'Node')
		throw errors.invalid('Binding', '', name, [{reason: 'FieldValueNotSupported', field: 'target.kind', message: `Unsupported value: ${JSON.stringify(target.kind)}: supported values: "Node"`}]);
	const node = target.name;
	await context.cluster.api.bind(namespace, name, {nodeName: node}, options);
	return sendStatus(context.response, {...success(), code: 201}, context.pretty);
}
