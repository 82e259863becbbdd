/**
 * metrics.k8s.io/v1beta1 NodeMetrics and PodMetrics, as metrics-server serves them, for `kubectl top` and the
 * dashboard. Usage comes from the pod runtime; labels from the objects, so label selectors work as on a cluster.
 */
import {timestamp} from '../../clock.js';
import {errors} from '../../api/status.js';
import type {KubeObject} from '../../api/object.js';
import type {RequestContext} from '../context.js';
import {metricsGroup, metricsVersion} from '../request-path.js';
import {renderingFor, sendRendered} from '../rendering.js';

const apiVersion = `${metricsGroup}/${metricsVersion}`;
/** The sampling window metrics-server reports. */
const window = '10s';

type Usage = {cpuMilli: number; memoryBytes: number};

/** CPU in nanocores and memory in KiB, the units metrics-server writes. */
function usage(sample: Usage): {cpu: string; memory: string} {
	return {cpu: `${Math.round(sample.cpuMilli * 1e6)}n`, memory: `${Math.round(sample.memoryBytes / 1024)}Ki`};
}

function metadataOf(object: KubeObject, now: string): Record<string, unknown> {
	const metadata: Record<string, unknown> = {name: object.metadata.name, creationTimestamp: now};
	if (object.metadata.namespace) metadata['namespace'] = object.metadata.namespace;
	if (object.metadata.labels) metadata['labels'] = object.metadata.labels;
	return metadata;
}

export async function serveMetrics(
	context: RequestContext,
	target: {resource: 'nodes' | 'pods'; namespace?: string; name?: string},
): Promise<void> {
	const method = context.request.method;
	if (method !== 'GET') throw errors.methodNotAllowed();
	const rendering = renderingFor(context, false);
	const {api, runtime, clock} = context.cluster;
	const now = timestamp(clock.now());
	const labelSelector = context.query.get('labelSelector') ?? undefined;
	const fieldSelector = target.name ? `metadata.name=${target.name}` : (context.query.get('fieldSelector') ?? undefined);

	if (target.resource === 'nodes') {
		const nodes = new Map(api.list('nodes', undefined, {labelSelector, fieldSelector}).items.map(node => [node.metadata.name!, node]));
		const items = runtime
			.nodeUsage()
			.filter(sample => nodes.has(sample.name))
			.map(sample => ({kind: 'NodeMetrics', apiVersion, metadata: metadataOf(nodes.get(sample.name)!, now), timestamp: now, window, usage: usage(sample)}));
		if (target.name) {
			const item = items[0];
			if (!item) throw errors.notFound('nodemetrics', metricsGroup, target.name);
			return sendRendered(context, 200, item, rendering);
		}
		return sendRendered(context, 200, {kind: 'NodeMetricsList', apiVersion, metadata: {}, items}, rendering);
	}

	const pods = new Map(
		api.list('pods', target.namespace, {labelSelector, fieldSelector}).items.map(pod => [`${pod.metadata.namespace}/${pod.metadata.name}`, pod]),
	);
	const items = runtime
		.podUsage(target.namespace)
		.filter(sample => pods.has(`${sample.namespace}/${sample.name}`))
		.map(sample => ({
			kind: 'PodMetrics',
			apiVersion,
			metadata: metadataOf(pods.get(`${sample.namespace}/${sample.name}`)!, now),
			timestamp: now,
			window,
			containers: sample.containers.map(container => ({name: container.name, usage: usage(container)})),
		}));
	if (target.name) {
		const item = items[0];
		if (!item) throw errors.notFound('podmetrics', metricsGroup, target.name);
		return sendRendered(context, 200, item, rendering);
	}
	return sendRendered(context, 200, {kind: 'PodMetricsList', apiVersion, metadata: {}, items}, rendering);
}
