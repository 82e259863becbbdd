import http from 'node:http';
import type {Service} from 'kubernetes-types/core/v1.js';
import type {ObjectAPI, Watch} from '../api/object-api.js';
import type {ProxyRequest, ProxyResponse} from '../cluster-types.js';
import type {Kubelets, ServiceNetworkAccess} from '../kubelet/index.js';
import type {HttpRequest, HttpResponse} from '../kubelet/engine.js';
import {Balancer} from './balancer.js';
import {EndpointTable} from './endpoints.js';

export type ServiceNetwork = ServiceNetworkAccess & {
	/** HTTP from inside a pod (curl, wget): host may be a service name, cluster IP or pod IP. */
	fetchFromPod(namespace: string, url: string, request: HttpRequest): Promise<HttpResponse>;
	stop(): Promise<void>;
};

export class NetworkError extends Error {
	constructor(readonly code: 'ENOTFOUND' | 'ECONNREFUSED', message: string) {
		super(message);
	}
}

type Listener = {server: http.Server; port: number; service: string};

/**
 * The kube-proxy role: NodePort services listen for real on the bind address and spread requests over ready
 * endpoints; LoadBalancer services also listen on their own port when it is free; inside the cluster, service names,
 * cluster IPs and pod IPs are routed in-process.
 */
export async function startServiceNetwork(options: {api: ObjectAPI; pods: Kubelets; bindAddress: string; listen: boolean; ingressPort?: number}): Promise<ServiceNetwork> {
	const {api, pods, bindAddress} = options;
	const endpoints = new EndpointTable(api);
	const balancer = new Balancer();
	const listeners = new Map<string, Listener>();
	let stopped = false;

	/** Routes one request to a backend of a service port; undefined when nothing is ready. */
	const routeToService = (service: Service, port: NonNullable<Service['spec']>['ports'] extends (infer P)[] | undefined ? P : never, request: HttpRequest, clientIp?: string) => {
		const namespace = service.metadata!.namespace!;
		const name = service.metadata!.name!;
		const backends = endpoints.backends(namespace, name, port.name ?? '');
		const affinity = service.spec?.sessionAffinity === 'ClientIP';
		const alive = backends.filter(backend => pods.listening(backend.ip, backend.port));
		const backend = balancer.pick(`${namespace}/${name}/${port.port}`, alive, clientIp, affinity);
		if (!backend) return undefined;
		return pods.http(backend.ip, backend.port, request);
	};

	const handler = (key: string, portNumber: number, kind: 'nodePort' | 'port') => (req: http.IncomingMessage, res: http.ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', chunk => chunks.push(chunk as Buffer));
		req.on('end', () => {
			const [namespace, name] = key.split('/') as [string, string];
			const service = api.tryGet('services', namespace, name) as Service | undefined;
			const port = service?.spec?.ports?.find(p => (kind === 'nodePort' ? p.nodePort : p.port) === portNumber);
			const request: HttpRequest = {method: req.method ?? 'GET', path: req.url ?? '/', headers: flatHeaders(req.headers), body: Buffer.concat(chunks)};
			const answer = service && port ? routeToService(service, port, request, req.socket.remoteAddress) : undefined;
			if (!answer) {
				// As kube-proxy rejects: no ready endpoint means the connection is refused, not an HTTP error.
				req.socket.destroy();
				return;
			}
			answer.then(
				response => {
					res.writeHead(response.status, response.headers);
					res.end(Buffer.from(response.body));
				},
				() => req.socket.destroy(),
			);
		});
	};

	const open = async (id: string, key: string, port: number, kind: 'nodePort' | 'port'): Promise<void> => {
		if (!options.listen || listeners.has(id)) return;
		const server = http.createServer(handler(key, port, kind));
		server.keepAliveTimeout = 5000;
		listeners.set(id, {server, port, service: key});
		await new Promise<void>(resolve => {
			server.once('error', error => {
				listeners.delete(id);
				if (kind === 'nodePort') process.stderr.write(`kubedeck: cannot listen on ${bindAddress}:${port} for service ${key}: ${(error as Error).message}\n`);
				resolve();
			});
			server.listen(port, bindAddress, () => resolve());
		});
	};
	const close = (id: string) => {
		const listener = listeners.get(id);
		if (!listener) return;
		listeners.delete(id);
		listener.server.close();
		listener.server.closeAllConnections();
	};

	const reconcile = async (service: Service, deleted: boolean) => {
		const key = `${service.metadata!.namespace}/${service.metadata!.name}`;
		const wanted = new Map<string, {port: number; kind: 'nodePort' | 'port'}>();
		if (!deleted) {
			const type = service.spec?.type;
			for (const port of service.spec?.ports ?? []) {
				if ((type === 'NodePort' || type === 'LoadBalancer') && port.nodePort) wanted.set(`${key}#np${port.nodePort}`, {port: port.nodePort, kind: 'nodePort'});
				if (type === 'LoadBalancer') wanted.set(`${key}#lb${port.port}`, {port: port.port, kind: 'port'});
			}
		}
		for (const [id, listener] of listeners) if (listener.service === key && !wanted.has(id)) close(id);
		for (const [id, {port, kind}] of wanted) await open(id, key, port, kind);
		if (!deleted && service.spec?.type === 'LoadBalancer' && !service.status?.loadBalancer?.ingress?.length) {
			const listening = [...wanted.keys()].some(id => id.includes('#lb') && listeners.has(id));
			if (listening || !options.listen)
				await api
					.modify('services', service.metadata!.namespace, service.metadata!.name!, current => {
						current['status'] = {loadBalancer: {ingress: [{ip: '127.0.0.1', ipMode: 'VIP'}]}};
						return current;
					}, {status: true})
					.catch(() => {});
		}
	};

	let queue = Promise.resolve();
	const watch: Watch = api.watch('services', undefined, {}, events => {
		for (const event of events) {
			const service = event.object as Service;
			queue = queue.then(() => (stopped ? undefined : reconcile(service, event.type === 'DELETED'))).catch(() => {});
		}
	});

	const findService = (namespace: string, host: string): Service | undefined => {
		const bare = host.replace(/\.svc(\.cluster\.local)?$/, '');
		const parts = bare.split('.');
		if (parts.length === 1) return api.tryGet('services', namespace, parts[0]!) as Service | undefined;
		if (parts.length === 2) return api.tryGet('services', parts[1], parts[0]!) as Service | undefined;
		if (/^\d+\.\d+\.\d+\.\d+$/.test(host))
			return api.list('services', undefined).items.find(s => (s['spec'] as Service['spec'])?.clusterIP === host) as Service | undefined;
		return undefined;
	};

	const network: ServiceNetwork = {
		async serviceProxy(namespace, name, portName, request: ProxyRequest): Promise<ProxyResponse> {
			const service = api.get('services', namespace, name) as Service;
			const ports = service.spec?.ports ?? [];
			const port = portName === undefined ? ports[0] : ports.find(p => p.name === portName || String(p.port) === portName);
			const answer = port ? routeToService(service, port, request) : undefined;
			if (!answer) return {status: 503, headers: {'content-type': 'application/json'}, body: Buffer.from(JSON.stringify({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `no endpoints available for service "${name}"`, reason: 'ServiceUnavailable', code: 503}))};
			return answer;
		},
		async fetchFromPod(namespace, url, request) {
			const parsed = new URL(url);
			const host = parsed.hostname;
			const portNumber = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
			const routed = {...request, path: `${parsed.pathname}${parsed.search}`};
			if (/^10\.244\.\d+\.\d+$/.test(host)) {
				const answer = pods.http(host, portNumber, routed);
				if (!answer) throw new NetworkError('ECONNREFUSED', `connect to ${host} port ${portNumber} failed: Connection refused`);
				return answer;
			}
			const service = findService(namespace, host);
			if (!service) throw new NetworkError('ENOTFOUND', `bad address '${host}'`);
			const port = service.spec?.ports?.find(p => p.port === portNumber);
			const answer = port ? routeToService(service, port, routed) : undefined;
			if (!answer) throw new NetworkError('ECONNREFUSED', `connect to ${host} port ${portNumber} failed: Connection refused`);
			return answer;
		},
		async stop() {
			stopped = true;
			watch.stop();
			endpoints.stop();
			for (const id of [...listeners.keys()]) close(id);
		},
	};
	return network;
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
	return out;
}
