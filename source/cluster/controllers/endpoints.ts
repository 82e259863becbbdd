import type {KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import type {ControllerContext} from './controller-context.js';
import {serviceBackends, serviceSpec, targetRef, type Backend} from './service-backends.js';
import {semanticEqual} from './deployment-util.js';
import {keyOf} from './informer.js';
import {ServiceWatchController} from './service-watch.js';

type Address = {ip: string; nodeName?: string; hostname?: string; targetRef: ReturnType<typeof targetRef>};
type Subset = {addresses?: Address[]; notReadyAddresses?: Address[]; ports?: Array<{name?: string; port: number; protocol: string}>};

/** Addresses an Endpoints object holds at most; beyond, it is truncated (EndpointSlices hold them all). */
export const maxEndpointAddresses = 1000;

/** Ready pods first when there are too many to list. */
function truncated(backends: Backend[]): Backend[] {
	const live = backends.filter(backend => !backend.terminating);
	if (live.length <= maxEndpointAddresses) return live;
	return [...live.filter(backend => backend.ready), ...live.filter(backend => !backend.ready)].slice(0, maxEndpointAddresses);
}

/** The subsets of an Endpoints object: pods grouped by the ports they serve, ready and not-ready apart. */
export function endpointSubsets(backends: Backend[]): Subset[] {
	const groups = new Map<string, Subset>();
	for (const backend of truncated(backends)) {
		const signature = JSON.stringify(backend.ports);
		let subset = groups.get(signature);
		if (!subset) {
			subset = {ports: backend.ports.map(port => (port.name ? port : {port: port.port, protocol: port.protocol}))};
			if (subset.ports!.length === 0) delete subset.ports;
			groups.set(signature, subset);
		}
		const address: Address = {ip: backend.ip, targetRef: targetRef(backend.pod)};
		if (backend.nodeName) address.nodeName = backend.nodeName;
		if (backend.hostname) address.hostname = backend.hostname;
		if (backend.ready) (subset.addresses ??= []).push(address);
		else (subset.notReadyAddresses ??= []).push(address);
	}
	return [...groups.values()];
}

/** kube-controller-manager's Endpoints controller: one Endpoints object per service with a selector. */
export class EndpointsController extends ServiceWatchController {
	constructor(context: ControllerContext) {
		super(context, 'endpoints', keyOf);
	}

	protected async sync(key: string): Promise<void> {
		const {api} = this.context;
		const service = this.services.getByKey(key);
		const existing = this.owned.getByKey(key);
		const [namespace, name] = key.split('/') as [string, string];
		if (!service) {
			if (existing) await ignoreMissing(api.delete('endpoints', namespace, name));
			return;
		}
		const selector = serviceSpec(service).selector;
		if (!selector || Object.keys(selector).length === 0) return; // managed by hand (or by the API server)
		const backends = serviceBackends(service, this.pods.byIndex('namespace', namespace));
		const subsets = endpointSubsets(backends);
		const labels: Record<string, string> = {...service.metadata.labels};
		if (serviceSpec(service).clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
		const over = backends.filter(backend => !backend.terminating).length > maxEndpointAddresses;
		const annotations: Record<string, string> | undefined = over ? {'endpoints.kubernetes.io/over-capacity': 'truncated'} : undefined;
		const desired: KubeObject = {apiVersion: 'v1', kind: 'Endpoints', metadata: {name, namespace, labels, ...(annotations ? {annotations} : {})}};
		if (subsets.length > 0) desired['subsets'] = subsets;
		if (!existing) {
			try {
				await api.create('endpoints', namespace, desired);
			} catch (error) {
				if (!(error instanceof ApiError && error.code === 409)) throw error;
				this.queue.add(key);
			}
			return;
		}
		const overCapacity = existing.metadata.annotations?.['endpoints.kubernetes.io/over-capacity'] === 'truncated';
		if (semanticEqual(existing['subsets'], desired['subsets']) && semanticEqual(existing.metadata.labels, labels) && overCapacity === over) return;
		await ignoreMissing(
			api.modify('endpoints', namespace, name, current => {
				current.metadata.labels = labels;
				const kept = {...current.metadata.annotations};
				if (over) kept['endpoints.kubernetes.io/over-capacity'] = 'truncated';
				else delete kept['endpoints.kubernetes.io/over-capacity'];
				if (Object.keys(kept).length > 0) current.metadata.annotations = kept;
				else delete current.metadata.annotations;
				if (subsets.length > 0) current['subsets'] = subsets;
				else delete current['subsets'];
				return current;
			}),
		);
	}
}

async function ignoreMissing(write: Promise<unknown>): Promise<void> {
	try {
		await write;
	} catch (error) {
		if (!(error instanceof ApiError && error.code === 404)) throw error;
	}
}
