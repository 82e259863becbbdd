import type {Service} from 'kubernetes-types/core/v1.js';
import type {ObjectAPI, Watch} from '../api/object-api.js';
import type {HttpRequest, HttpResponse} from '../kubelet/engine.js';
import type {Kubelets} from '../kubelet/index.js';
import {Balancer} from './balancer.js';
import {EndpointTable} from './endpoints.js';

export type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

/** What a name or address means inside the cluster: a service, or one pod's IP. */
export type Destination = {kind: 'service'; service: Service} | {kind: 'pod'; ip: string} | {kind: 'node'; ip: string};

const clusterDomain = 'cluster.local';
const ipv4 = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * kube-proxy and cluster DNS in one: names and cluster IPs resolve to services, a service port to one of its ready,
 * listening backends.
 */
export class ServiceRouter {
	readonly endpoints: EndpointTable;
	private readonly balancer = new Balancer();
	/** Cluster IPs and node ports to `namespace/name`, kept from a watch so a lookup is one map read. */
	private readonly byClusterIP = new Map<string, string>();
	private readonly byNodePort = new Map<number, string>();
	private readonly keys = new Map<string, {clusterIP?: string; nodePorts: number[]}>();
	private readonly watch: Watch;

	constructor(
		private readonly api: ObjectAPI,
		private readonly pods: Kubelets,
	) {
		this.endpoints = new EndpointTable(api);
		this.watch = api.watch('services', undefined, {}, events => {
			for (const event of events) this.index(event.object as Service, event.type === 'DELETED');
		});
	}

	/**
	 * One request to a ready backend of a service port that something listens on; undefined when there is none (the
	 * connection is refused).
	 */
	route(service: Service, port: ServicePort, request: HttpRequest, clientIp?: string): Promise<HttpResponse> | undefined {
		const namespace = service.metadata!.namespace!;
		const name = service.metadata!.name!;
		const backends = this.endpoints.backends(namespace, name, port.name ?? '');
		const affinity = service.spec?.sessionAffinity === 'ClientIP';
		const backend = this.balancer.pick(`${namespace}/${name}:${port.port}`, backends, clientIp, affinity, candidate => this.pods.listening(candidate.ip, candidate.port));
		return backend ? this.pods.http(backend.ip, backend.port, request) : undefined;
	}

	service(namespace: string, name: string): Service | undefined {
		return this.api.tryGet('services', namespace, name) as Service | undefined;
	}

	/** The service listening on a node port. */
	byNodePortNumber(nodePort: number): Service | undefined {
		const key = this.byNodePort.get(nodePort);
		return key ? this.serviceByKey(key) : undefined;
	}

	/**
	 * What a host name means from a pod in `namespace`, following its resolv.conf search list (ndots:5): bare names
	 * and `svc.ns` first in the pod's namespace, then as written. ExternalName services are followed like CNAMEs.
	 */
	resolve(namespace: string, host: string, depth = 0): Destination | undefined {
		const name = host.toLowerCase().replace(/\.$/, '');
		if (ipv4.test(name)) return this.resolveAddress(name);
		const candidates = name.endsWith(`.${clusterDomain}`) || name.split('.').length > 5 ? [name] : [`${name}.${namespace}.svc.${clusterDomain}`, `${name}.svc.${clusterDomain}`, `${name}.${clusterDomain}`, name];
		for (const fqdn of candidates) {
			const found = this.resolveFqdn(fqdn);
			if (!found) continue;
			const external = found.kind === 'service' && found.service.spec?.type === 'ExternalName' ? found.service.spec.externalName : undefined;
			if (external === undefined) return found;
			return depth < 5 ? this.resolve(namespace, external, depth + 1) : undefined;
		}
		return undefined;
	}

	/** The address a name resolves to, as nslookup prints it: a cluster IP, or pod IPs for a headless service. */
	address(namespace: string, host: string): string | undefined {
		const found = this.resolve(namespace, host);
		if (!found) return undefined;
		if (found.kind !== 'service') return found.ip;
		const clusterIP = found.service.spec?.clusterIP;
		if (clusterIP && clusterIP !== 'None') return clusterIP;
		const {namespace: ns, name} = found.service.metadata!;
		for (const port of found.service.spec?.ports ?? [{name: ''}]) {
			const first = this.endpoints.backends(ns!, name!, port.name ?? '')[0];
			if (first) return first.ip;
		}
		return undefined;
	}

	stop(): void {
		this.watch.stop();
		this.endpoints.stop();
	}

	private resolveFqdn(fqdn: string): Destination | undefined {
		const suffix = `.${clusterDomain}`;
		if (!fqdn.endsWith(suffix)) return undefined;
		const parts = fqdn.slice(0, -suffix.length).split('.');
		// <a-b-c-d>.<namespace>.pod
		if (parts.length === 3 && parts[2] === 'pod') {
			const ip = parts[0]!.replaceAll('-', '.');
			return ipv4.test(ip) ? {kind: 'pod', ip} : undefined;
		}
		if (parts.at(-1) !== 'svc') return undefined;
		// <service>.<namespace>.svc
		if (parts.length === 3) {
			const service = this.service(parts[1]!, parts[0]!);
			return service ? {kind: 'service', service} : undefined;
		}
		// <hostname>.<service>.<namespace>.svc: one pod of a headless service, as StatefulSet pods are named.
		if (parts.length === 4) {
			const ip = this.endpoints.hostAddress(parts[2]!, parts[1]!, parts[0]!);
			return ip ? {kind: 'pod', ip} : undefined;
		}
		return undefined;
	}

	private resolveAddress(ip: string): Destination | undefined {
		const key = this.byClusterIP.get(ip);
		if (key) {
			const service = this.serviceByKey(key);
			if (service) return {kind: 'service', service};
		}
		if (this.isNodeAddress(ip)) return {kind: 'node', ip};
		// Any other address is a pod's, or nothing's: then the connection is refused.
		return {kind: 'pod', ip};
	}

	private isNodeAddress(ip: string): boolean {
		return this.api.list('nodes', undefined).items.some(node => ((node['status'] as {addresses?: Array<{address: string}>} | undefined)?.addresses ?? []).some(address => address.address === ip));
	}

	private serviceByKey(key: string): Service | undefined {
		const slash = key.indexOf('/');
		return this.service(key.slice(0, slash), key.slice(slash + 1));
	}

	private index(service: Service, deleted: boolean): void {
		const key = `${service.metadata!.namespace}/${service.metadata!.name}`;
		const old = this.keys.get(key);
		if (old) {
			if (old.clusterIP && this.byClusterIP.get(old.clusterIP) === key) this.byClusterIP.delete(old.clusterIP);
			for (const port of old.nodePorts) if (this.byNodePort.get(port) === key) this.byNodePort.delete(port);
			this.keys.delete(key);
		}
		if (deleted) return;
		const clusterIP = service.spec?.clusterIP && service.spec.clusterIP !== 'None' ? service.spec.clusterIP : undefined;
		const nodePorts = (service.spec?.ports ?? []).map(port => port.nodePort).filter((port): port is number => typeof port === 'number' && port > 0);
		if (clusterIP) this.byClusterIP.set(clusterIP, key);
		for (const port of nodePorts) this.byNodePort.set(port, key);
		this.keys.set(key, {clusterIP, nodePorts});
	}
}
