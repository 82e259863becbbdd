/** pods/binding: what a scheduler posts to place a pod on a node, once. */
import {timestamp} from '../../clock.js';
import {errors, success} from '../../api/status.js';
import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {writeOptions} from '../query.js';
import {decodeObjectBody, readBody} from '../request-body.js';
import {sendStatus} from '../respond.js';

type Condition = {type: string; status: string; lastTransitionTime?: string | null; lastProbeTime?: string | null};

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
	const now = timestamp(context.cluster.clock.now());
	await context.cluster.api.modify(
		'pods',
		namespace,
		name,
		pod => {
			if (pod.metadata.deletionTimestamp) throw errors.conflict('pods', '', name, 'pod is being deleted, cannot be assigned to a host');
			const spec = (pod['spec'] ?? {}) as {nodeName?: string};
			if (spec.nodeName) throw errors.conflict('pods', '', name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
			pod['spec'] = {...spec, nodeName: node};
			return pod;
		},
		options,
	);
	// The scheduled condition is status: written through the status subresource, as the binding REST does.
	if (!options.dryRun) {
		await context.cluster.api.modify(
			'pods',
			namespace,
			name,
			pod => {
				const status = (pod['status'] ?? {}) as {conditions?: Condition[]};
				const conditions = (status.conditions ?? []).filter(condition => condition.type !== 'PodScheduled');
				conditions.push({type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now});
				pod['status'] = {...status, conditions};
				return pod;
			},
			{status: true},
		);
	}
	return sendStatus(context.response, {...success(), code: 201}, context.pretty);
}
