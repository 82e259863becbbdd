import type {ObjectAPI} from '../api/object-api.js';
import {errors} from '../api/status.js';
import type {ProxyRequest, ProxyResponse} from '../cluster-types.js';
import type {Kubelets, ServiceNetworkAccess} from '../kubelet/index.js';
import type {HttpRequest, HttpResponse} from '../kubelet/engine.js';
import {NetworkError} from '../runtime/network-error.js';
import {startIngress} from './ingress.js';
import {startServiceListeners} from './service-listeners.js';
import {ServiceRouter} from './service-router.js';

export type ServiceNetwork = ServiceNetworkAccess & {
	/**
	 * HTTP from inside a pod (curl, wget): the host may be a service name, a cluster IP, a pod IP or DNS name, or a
	 * node address with a NodePort. Rejects with the runtime's NetworkError.
	 */
	fetchFromPod(namespace: string, url: string, request: HttpRequest): Promise<HttpResponse>;
	/** The address a name resolves to from a pod of namespace (nslookup), undefined for NXDOMAIN. */
	lookup(namespace: string, host: string): string | undefined;
	/** The port the Ingress listener took, when one runs. */
	readonly ingressPort: number | undefined;
	stop(): Promise<void>;
};

export type ServiceNetworkOptions = {
	api: ObjectAPI;
	pods: Kubelets;
	bindAddress: string;
	/** Open NodePort and LoadBalancer sockets (false: in-cluster routing only). */
	listen: boolean;
	/** Port of the Ingress listener; undefined runs none, 0 takes any free port. */
	ingressPort?: number;
};

/**
 * The kube-proxy role and the Ingress controller: NodePort services listen for real on the bind address and spread
 * requests over ready endpoints; LoadBalancer services also listen on their own port when it is free; an Ingress
 * listener routes by host and path; inside the cluster, names, cluster IPs and pod IPs are routed in-process.
 */
export async function startServiceNetwork(options: ServiceNetworkOptions): Promise<ServiceNetwork> {
	const {api, pods, bindAddress} = options;
	const router = new ServiceRouter(api, pods);
	const listeners = startServiceListeners({api, router, bindAddress, listen: options.listen});
	const ingress = options.ingressPort === undefined ? undefined : await startIngress({api, router, bindAddress, port: options.ingressPort});

	const refused = (host: string, port: number) => new NetworkError('ECONNREFUSED', host, host, `connect to ${host} port ${port} failed: Connection refused`);

	return {
		ingressPort: ingress?.port,
		async serviceProxy(namespace, name, portName, request: ProxyRequest): Promise<ProxyResponse> {
			const service = router.service(namespace, name);
			if (!service) throw errors.notFound('services', '', name);
			const ports = service.spec?.ports ?? [];
			const port = portName === undefined ? ports[0] : ports.find(p => p.name === portName || String(p.port) === portName);
			const answer = port ? router.route(service, port, request) : undefined;
			if (!answer) return {status: 503, headers: {'content-type': 'application/json'}, body: Buffer.from(JSON.stringify({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `no endpoints available for service "${name}"`, reason: 'ServiceUnavailable', code: 503}))};
			return answer;
		},
		async fetchFromPod(namespace, url, request) {
			const parsed = new URL(url);
			const host = parsed.hostname;
			const portNumber = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
			const routed = {...request, path: `${parsed.pathname}${parsed.search}`};
			const destination = router.resolve(namespace, host);
			if (!destination) throw new NetworkError('ENOTFOUND', host, undefined, `bad address '${host}'`);
			let answer: Promise<HttpResponse> | undefined;
			if (destination.kind === 'pod') answer = pods.http(destination.ip, portNumber, routed);
			else {
				// A node address reaches the NodePorts, as from any machine on the node network.
				const service = destination.kind === 'service' ? destination.service : router.byNodePortNumber(portNumber);
				const port = service?.spec?.ports?.find(p => (destination.kind === 'service' ? p.port : p.nodePort) === portNumber);
				answer = service && port ? router.route(service, port, routed) : undefined;
			}
			if (!answer) throw refused(host, portNumber);
			return answer;
		},
		lookup: (namespace, host) => router.address(namespace, host),
		async stop() {
			await Promise.all([listeners.stop(), ingress?.stop()]);
			router.stop();
		},
	};
}
