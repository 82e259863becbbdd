import type {KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import type {Controller, ControllerContext} from './controller-context.js';
import {semanticEqual} from './deployment-util.js';
import {controllerReference} from './owners.js';
import {serviceBackends, serviceSpec, targetRef, type Backend} from './service-backends.js';
import {ServiceWatch} from './service-watch.js';

export const serviceNameLabel = 'kubernetes.io/service-name';
export const managedByLabel = 'endpointslice.kubernetes.io/managed-by';
export const managedBy = 'endpointslice-controller.k8s.io';

/** Endpoints per slice, as the controller's --max-endpoints-per-slice default. */
const maxEndpointsPerSlice = 100;

type SliceContent = {endpoints: unknown[]; ports: unknown[]};

/** The content of the slices a service needs: endpoints grouped by port set, at most 100 per slice. */
export function desiredSlices(backends: Backend[]): SliceContent[] {
	const groups = new Map<string, Backend[]>();
	for (const backend of backends) {
		const signature = JSON.stringify(backend.ports);
		let group = groups.get(signature);
		if (!group) groups.set(signature, (group = []));
		group.push(backend);
	}
	const slices: SliceContent[] = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += maxEndpointsPerSlice) {
			const chunk = group.slice(start, start + maxEndpointsPerSlice);
			slices.push({
				ports: chunk[0]!.ports.map(port => ({...port})),
				endpoints: chunk.map(backend => {
					const endpoint: Record<string, unknown> = {
						addresses: [backend.ip],
						conditions: {ready: backend.ready, serving: backend.serving, terminating: backend.terminating},
						targetRef: targetRef(backend.pod),
					};
					if (backend.hostname) endpoint['hostname'] = backend.hostname;
					if (backend.nodeName) endpoint['nodeName'] = backend.nodeName;
					return endpoint;
				}),
			});
		}
	}
	return slices;
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
export class EndpointSliceController implements Controller {
	private readonly watch: ServiceWatch;
	/** Slices created but not yet seen by the cache, by service key, so a quick second sync does not create twice. */
	private readonly created = new Map<string, Map<string, KubeObject>>();

	constructor(private readonly context: ControllerContext) {
		this.watch = new ServiceWatch(context, 'endpointslices', sliceServiceKey, key => this.sync(key));
	}

	start(): void {
		this.watch.start();
		this.watch.owned.addIndex('service', slice => {
			const key = sliceServiceKey(slice);
			return key ? [key] : [];
		});
	}

	stop(): void {
		this.watch.stop();
	}

	idle(): Promise<void> {
		return this.watch.queue.idle();
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

	private async sync(key: string): Promise<void> {
		const {api} = this.context;
		const [namespace, name] = key.split('/') as [string, string];
		const service = this.watch.services.getByKey(key);
		const cached = this.watch.owned.byIndex('service', key);
		const existing = [...cached, ...this.unseen(key, cached)].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
		const selector = service && serviceSpec(service).selector;
		if (!service || !selector || Object.keys(selector).length === 0) {
			// The garbage collector would get them through their owner reference; do not wait for it.
			if (!service) await Promise.all(existing.map(slice => ignoreMissing(api.delete('endpointslices', namespace, slice.metadata.name!))));
			return;
		}
		const wanted = desiredSlices(serviceBackends(service, this.watch.pods.byIndex('namespace', namespace)));
		// An empty service still has one slice, with no endpoints, as Kubernetes keeps a placeholder.
		if (wanted.length === 0) wanted.push({endpoints: [], ports: []});
		const labels: Record<string, string> = {...service.metadata.labels, [serviceNameLabel]: name, [managedByLabel]: managedBy};
		if (serviceSpec(service).clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
		const writes: Array<Promise<unknown>> = [];
		for (let index = 0; index < wanted.length; index++) {
			const content = wanted[index]!;
			const slice = existing[index];
			if (!slice) {
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
				continue;
			}
			if (semanticEqual(slice['endpoints'], content.endpoints) && semanticEqual(slice['ports'], content.ports) && semanticEqual(slice.metadata.labels, labels)) continue;
			writes.push(
				ignoreMissing(
					api.modify('endpointslices', namespace, slice.metadata.name!, current => {
						current.metadata.labels = labels;
						current['endpoints'] = content.endpoints;
						current['ports'] = content.ports;
						return current;
					}),
				),
			);
		}
		for (const slice of existing.slice(wanted.length)) {
			this.created.get(key)?.delete(slice.metadata.name!);
			writes.push(ignoreMissing(api.delete('endpointslices', namespace, slice.metadata.name!)));
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
