import type {KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import type {ControllerContext} from './controller-context.js';
import {semanticEqual} from './deployment-util.js';
import {controllerReference} from './owners.js';
import {serviceBackends, serviceSpec, targetRef, type Backend} from './service-backends.js';
import {ServiceWatchController} from './service-watch.js';

export const serviceNameLabel = 'kubernetes.io/service-name';
export const managedByLabel = 'endpointslice.kubernetes.io/managed-by';
export const managedBy = 'endpointslice-controller.k8s.io';

/** Endpoints per slice, as the controller's --max-endpoints-per-slice default. */
const maxEndpointsPerSlice = 100;

type Endpoint = Record<string, unknown> & {targetRef: {uid?: string}};
export type SliceContent = {endpoints: Endpoint[]; ports: unknown[]};
export type SlicePlan = {update: Map<string, SliceContent>; create: SliceContent[]; remove: string[]};

function endpointOf(backend: Backend): Endpoint {
	const endpoint: Endpoint = {
		addresses: [backend.ip],
		conditions: {ready: backend.ready, serving: backend.serving, terminating: backend.terminating},
		targetRef: targetRef(backend.pod),
	};
	if (backend.hostname) endpoint['hostname'] = backend.hostname;
	if (backend.nodeName) endpoint['nodeName'] = backend.nodeName;
	return endpoint;
}

/**
 * How to bring a service's slices to its backends while moving as little as possible, as the real controller
 * does: an endpoint stays in the slice it is in, new ones fill slices with room (at most 100 each) before new
 * slices are made, slices left empty or with other ports go. A service with no backends keeps one empty slice.
 */
export function planSlices(existing: Array<{name: string} & SliceContent>, backends: Backend[]): SlicePlan {
	const groups = new Map<string, {ports: unknown[]; endpoints: Map<string, Endpoint>}>();
	for (const backend of backends) {
		const signature = JSON.stringify(backend.ports);
		let group = groups.get(signature);
		if (!group) groups.set(signature, (group = {ports: backend.ports.map(port => ({...port})), endpoints: new Map()}));
		group.endpoints.set(backend.pod.metadata.uid ?? backend.ip, endpointOf(backend));
	}
	const plan: SlicePlan = {update: new Map(), create: [], remove: []};
	if (groups.size === 0) {
		// The placeholder: the first slice emptied, the others gone.
		const [first, ...rest] = existing;
		if (!first) plan.create.push({endpoints: [], ports: []});
		else if (first.endpoints.length > 0 || first.ports.length > 0) plan.update.set(first.name, {endpoints: [], ports: []});
		plan.remove.push(...rest.map(slice => slice.name));
		return plan;
	}
	const bySignature = new Map<string, Array<{name: string} & SliceContent>>();
	for (const slice of existing) {
		const signature = JSON.stringify(slice.ports);
		if (!groups.has(signature)) {
			plan.remove.push(slice.name);
			continue;
		}
		let list = bySignature.get(signature);
		if (!list) bySignature.set(signature, (list = []));
		list.push(slice);
	}
	for (const [signature, group] of groups) {
		const slices = (bySignature.get(signature) ?? []).map(slice => {
			// Keep what is still wanted where it is, with its current state.
			const kept = slice.endpoints.flatMap(endpoint => {
				const id = endpoint.targetRef?.uid ?? '';
				const fresh = group.endpoints.get(id);
				if (!fresh) return [];
				group.endpoints.delete(id);
				return [fresh];
			});
			return {name: slice.name, before: slice.endpoints, endpoints: kept};
		});
		const waiting = [...group.endpoints.values()];
		for (const slice of slices) while (slice.endpoints.length < maxEndpointsPerSlice && waiting.length > 0) slice.endpoints.push(waiting.shift()!);
		for (const slice of slices) {
			if (slice.endpoints.length === 0) plan.remove.push(slice.name);
			else if (!semanticEqual(slice.endpoints, slice.before)) plan.update.set(slice.name, {endpoints: slice.endpoints, ports: group.ports});
		}
		while (waiting.length > 0) plan.create.push({endpoints: waiting.splice(0, maxEndpointsPerSlice), ports: group.ports});
	}
	return plan;
}

function sliceServiceKey(slice: KubeObject): string | undefined {
	const labels = slice.metadata.labels ?? {};
	if (labels[managedByLabel] !== managedBy || !labels[serviceNameLabel]) return undefined;
	return `${slice.metadata.namespace}/${labels[serviceNameLabel]}`;
}

/**
 * kube-controller-manager's EndpointSlice controller: for each service with a selector, slices labelled
 * `kubernetes.io/service-name` listing its pods with ready/serving/terminating conditions (what kubectl describe
 * service and the service network read).
 */
export class EndpointSliceController extends ServiceWatchController {
	/** Slices created but not yet seen by the cache, by service key, so a quick second sync does not create twice. */
	private readonly created = new Map<string, Map<string, KubeObject>>();

	constructor(context: ControllerContext) {
		super(context, 'endpointslices', sliceServiceKey);
	}

	override start(): void {
		super.start();
		this.owned.addIndex('service', slice => {
			const key = sliceServiceKey(slice);
			return key ? [key] : [];
		});
	}

	private unseen(key: string, cached: KubeObject[]): KubeObject[] {
		const created = this.created.get(key);
		if (!created) return [];
		for (const slice of cached) created.delete(slice.metadata.name!);
		if (created.size === 0) this.created.delete(key);
		return [...created.values()];
	}

	private async create(key: string, namespace: string, slice: KubeObject): Promise<void> {
		const written = await this.context.api.create('endpointslices', namespace, slice);
		let created = this.created.get(key);
		if (!created) this.created.set(key, (created = new Map()));
		created.set(written.metadata.name!, written);
	}

	protected async sync(key: string): Promise<void> {
		const {api} = this.context;
		const [namespace, name] = key.split('/') as [string, string];
		const service = this.services.getByKey(key);
		const cached = this.owned.byIndex('service', key);
		const existing = [...cached, ...this.unseen(key, cached)].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
		const selector = service && serviceSpec(service).selector;
		if (!service || !selector || Object.keys(selector).length === 0) {
			// The garbage collector would get them through their owner reference; do not wait for it.
			if (!service) {
				this.created.delete(key);
				await Promise.all(existing.map(slice => ignoreMissing(api.delete('endpointslices', namespace, slice.metadata.name!))));
			}
			return;
		}
		const labels: Record<string, string> = {...service.metadata.labels, [serviceNameLabel]: name, [managedByLabel]: managedBy};
		if (serviceSpec(service).clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
		const plan = planSlices(
			existing.map(slice => ({name: slice.metadata.name!, endpoints: (slice['endpoints'] as Endpoint[] | undefined) ?? [], ports: (slice['ports'] as unknown[] | undefined) ?? []})),
			serviceBackends(service, this.pods.byIndex('namespace', namespace)),
		);
		// Labels follow the service's.
		for (const slice of existing)
			if (!plan.update.has(slice.metadata.name!) && !plan.remove.includes(slice.metadata.name!) && !semanticEqual(slice.metadata.labels, labels))
				plan.update.set(slice.metadata.name!, {endpoints: (slice['endpoints'] as Endpoint[] | undefined) ?? [], ports: (slice['ports'] as unknown[] | undefined) ?? []});
		const writes: Array<Promise<unknown>> = [];
		for (const content of plan.create)
			writes.push(
				this.create(key, namespace, {
					apiVersion: 'discovery.k8s.io/v1',
					kind: 'EndpointSlice',
					metadata: {generateName: `${name}-`, namespace, labels, ownerReferences: [controllerReference(service, 'v1', 'Service')]},
					addressType: 'IPv4',
					endpoints: content.endpoints,
					ports: content.ports,
				}),
			);
		for (const [sliceName, content] of plan.update)
			writes.push(
				ignoreMissing(
					api.modify('endpointslices', namespace, sliceName, current => {
						current.metadata.labels = labels;
						current['endpoints'] = content.endpoints;
						current['ports'] = content.ports;
						return current;
					}),
				),
			);
		for (const sliceName of plan.remove) {
			this.created.get(key)?.delete(sliceName);
			writes.push(ignoreMissing(api.delete('endpointslices', namespace, sliceName)));
		}
		await Promise.all(writes);
	}
}

async function ignoreMissing(write: Promise<unknown>): Promise<void> {
	try {
		await write;
	} catch (error) {
		if (!(error instanceof ApiError && error.code === 404)) throw error;
	}
}
