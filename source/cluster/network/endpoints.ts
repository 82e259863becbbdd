import type {ObjectAPI, Watch} from '../api/object-api.js';
import type {KubeObject} from '../api/object.js';

type SliceEndpoint = {addresses?: string[]; conditions?: {ready?: boolean; serving?: boolean; terminating?: boolean}};
type Slice = KubeObject & {endpoints?: SliceEndpoint[]; ports?: Array<{name?: string; port?: number}>};

export type Backend = {ip: string; port: number};

/**
 * The kube-proxy view of the cluster: for each service port, the ready backends, read from EndpointSlices as the
 * real kube-proxy reads them. Terminating and unready endpoints get no new traffic.
 */
export class EndpointTable {
	private readonly slices = new Map<string, Map<string, Slice>>();
	private readonly watch: Watch;

	constructor(api: ObjectAPI) {
		this.watch = api.watch('endpointslices', undefined, {}, events => {
			for (const event of events) {
				const slice = event.object as Slice;
				const service = slice.metadata.labels?.['kubernetes.io/service-name'];
				if (!service) continue;
				const key = `${slice.metadata.namespace}/${service}`;
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

	/** Ready backends of a service port, by the port's name ('' for an unnamed port). */
	backends(namespace: string, service: string, portName: string): Backend[] {
		const out: Backend[] = [];
		for (const slice of this.slices.get(`${namespace}/${service}`)?.values() ?? []) {
			const port = slice.ports?.find(p => (p.name ?? '') === portName)?.port;
			if (port === undefined) continue;
			for (const endpoint of slice.endpoints ?? []) {
				if (endpoint.conditions?.ready === false || endpoint.conditions?.terminating) continue;
				for (const ip of endpoint.addresses ?? []) out.push({ip, port});
			}
		}
		return out;
	}

	stop(): void {
		this.watch.stop();
	}
}
