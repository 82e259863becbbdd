/** The scale subresource (autoscaling/v1 Scale) of deployments, replicasets and statefulsets. */
import type {KubeObject} from '../../api/object.js';
import {applyPatch} from '../../api/patch/apply-patch.js';
import {selectorFromLabelSelector} from '../../api/selectors/labels.js';
import {errors} from '../../api/status.js';
import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {writeOptions} from '../query.js';
import {decodeObjectBody, readBody} from '../request-body.js';
import {renderingFor, sendRendered} from '../rendering.js';
import {readPatch} from './patch.js';

type LabelSelector = Parameters<typeof selectorFromLabelSelector>[0];

/** A LabelSelector in the string grammar, as Scale.status.selector carries it. */
export function selectorString(selector: LabelSelector): string {
	try {
		return selectorFromLabelSelector(selector).text;
	} catch {
		return '';
	}
}

export type Scale = {
	kind: 'Scale';
	apiVersion: 'autoscaling/v1';
	metadata: Record<string, unknown>;
	spec: {replicas: number};
	status: {replicas: number; selector?: string};
};

export function scaleOf(object: KubeObject): Scale {
	const spec = (object['spec'] ?? {}) as {replicas?: number; selector?: LabelSelector};
	const status = (object['status'] ?? {}) as {replicas?: number};
	const {name, namespace, uid, resourceVersion, creationTimestamp} = object.metadata;
	const selector = selectorString(spec.selector);
	return {
		kind: 'Scale',
		apiVersion: 'autoscaling/v1',
		metadata: {name, namespace, uid, resourceVersion, creationTimestamp},
		spec: {replicas: spec.replicas ?? 0},
		status: selector ? {replicas: status.replicas ?? 0, selector} : {replicas: status.replicas ?? 0},
	};
}

function replicasOf(scale: Record<string, unknown>, name: string): number {
	const spec = scale['spec'];
	const replicas = typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>)['replicas'] : undefined;
	if (replicas === undefined || replicas === null) return 0;
	if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw errors.badRequest(`json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
	if (replicas < 0)
		throw errors.invalid('Scale', 'autoscaling', name, [{reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${replicas}: must be greater than or equal to 0`}]);
	if (replicas > 2 ** 31 - 1) throw errors.badRequest('spec.replicas does not fit in an int32');
	return replicas;
}

async function writeReplicas(context: RequestContext, path: ResourcePath, name: string, decide: (current: KubeObject) => number): Promise<Scale> {
	const options = writeOptions(context.query);
	const updated = await context.cluster.api.modify(
		path.info.plural,
		path.namespace,
		name,
		current => {
			const replicas = decide(current);
			const spec = (current['spec'] ?? {}) as Record<string, unknown>;
			if (spec['replicas'] === replicas) return undefined;
			current['spec'] = {...spec, replicas};
			return current;
		},
		options,
	);
	return scaleOf(updated);
}

export async function getScale(context: RequestContext, path: ResourcePath, name: string): Promise<void> {
	const rendering = renderingFor(context, false);
	return sendRendered(context, 200, scaleOf(context.cluster.api.get(path.info.plural, path.namespace, name)), rendering);
}

export async function updateScale(context: RequestContext, path: ResourcePath, name: string): Promise<void> {
	const rendering = renderingFor(context, false);
	const body = await decodeObjectBody(context.request.headers['content-type'], await readBody(context.request));
	const metadata = (body['metadata'] ?? {}) as Record<string, unknown>;
	if (metadata['name'] !== undefined && metadata['name'] !== name)
		throw errors.badRequest(`the name of the object (${String(metadata['name'])}) does not match the name on the URL (${name})`);
	const replicas = replicasOf(body, name);
	const scale = await writeReplicas(context, path, name, current => {
		const requested = metadata['resourceVersion'];
		if (requested && requested !== current.metadata.resourceVersion) throw errors.conflict(path.info.plural, path.info.group, name);
		return replicas;
	});
	return sendRendered(context, 200, scale, rendering);
}

export async function patchScale(context: RequestContext, path: ResourcePath, name: string): Promise<void> {
	const rendering = renderingFor(context, false);
	const {type, patch} = await readPatch(context);
	const scale = await writeReplicas(context, path, name, current => {
		const before = scaleOf(current);
		const patched = applyPatch('scale', before, patch, type) as Record<string, unknown>;
		const requested = (patched['metadata'] as Record<string, unknown> | undefined)?.['resourceVersion'];
		if (requested && requested !== current.metadata.resourceVersion) throw errors.conflict(path.info.plural, path.info.group, name);
		return replicasOf(patched, name);
	});
	return sendRendered(context, 200, scale, rendering);
}
