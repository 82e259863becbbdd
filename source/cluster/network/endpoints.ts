import type {ObjectAPI, Watch} from '../api/object-api.js';
import type {KubeObject} from '../api/object.js';

type SliceEndpoint = {addresses?: string[]; hostname?: string; conditions?: {ready?: boolean; serving?: boolean; terminating?: boolean}};
type Slice = KubeObject & {endpoints?: SliceEndpoint[]; ports?: Array<{name?: string; port?: number}>};

export type Backend = {ip: string; port: number};

/**
 * The kube-proxy view of the cluster: for each service port, the ready backends, read from EndpointSlices as the
 * real kube-proxy reads them. Terminating and unready endpoints get no new traffic.
 */
export class EndpointTable {
	private readonly slices = new Map<string, Map<string, Slice>>();
	/** Ready backends per service and port name, sorted by address; dropped whenever a slice of the service changes. */
	private readonly ready = new Map<string, Map<string, Backend[]>>();
	private readonly watch: Watch;

	constructor(api: ObjectAPI) {
		this.watch = api.watch('endpointslices', undefined, {}, events => {
			for (const event of events) {
				const slice = event.object as Slice;
				const service = slice.metadata.labels?.['kubernetes.io/service-name'];
				if (!service) continue;
				const key = `${slice.metadata.namespace}/${service}`;
				this.ready.delete(key);
				let byName = this.slices.get(key);
				if (event.type === 'DELETED') {
					byName?.delete(slice.metadata.name!);
					if (byName?.size === 0) this.slices.delete(key);
					continue;
				}
				if (!byName) this.slices.set(key, (byName = new Map()));
				byName.set(slice.metadata.name!, slice);
			}
		});
	}

	/** Ready backends of a service port, by the port's name ('' for an unnamed port), in a stable order. */
	backends(namespace: string, service: string, portName: string): readonly Backend[] {
		const key = `${namespace}/${service}`;
		let byPort = this.ready.get(key);
		if (!byPort) this.ready.set(key, (byPort = new Map()));
		let found = byPort.get(portName);
		if (!found) byPort.set(portName, (found = this.collect(key, portName)));
		return found;
	}

	private collect(key: string, portName: string): Backend[] {
		const out: Backend[] = [];
		for (const slice of this.slices.get(key)?.values() ?? []) {
			const port = slice.ports?.find(p => (p.name ?? '') === portName)?.port;
			if (port === undefined) continue;
			for (const endpoint of slice.endpoints ?? []) {
				if (endpoint.conditions?.ready === false || endpoint.conditions?.terminating) continue;
				for (const ip of endpoint.addresses ?? []) out.push({ip, port});
			}
		}
		return out.sort((a, b) => compareAddresses(a.ip, b.ip) || a.port - b.port);
	}

	/** The address of the endpoint named `hostname` in a service's slices (a StatefulSet pod of a headless service). */
	hostAddress(namespace: string, service: string, hostname: string): string | undefined {
		for (const slice of this.slices.get(`${namespace}/${service}`)?.values() ?? [])
			for (const endpoint of slice.endpoints ?? []) if (endpoint.hostname === hostname) return endpoint.addresses?.[0];
		return undefined;
	}

	stop(): void {
		this.watch.stop();
	}
}

/** Orders dotted IPv4 addresses numerically, so 10.244.1.10 comes after 10.244.1.9. */
function compareAddresses(a: string, b: string): number {
	const left = a.split('.');
	const right = b.split('.');
	for (let i = 0; i < Math.max(left.length, right.length); i++) {
		const difference = Number(left[i] ?? 0) - Number(right[i] ?? 0);
		if (difference) return difference;
	}
	return 0;
}
