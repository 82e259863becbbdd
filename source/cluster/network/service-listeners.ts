import http from 'node:http';
import type {Service} from 'kubernetes-types/core/v1.js';
import type {ObjectAPI, Watch} from '../api/object-api.js';
import {readRequest, sendResponse} from './http-relay.js';
import type {ServiceRouter} from './service-router.js';

type Kind = 'nodePort' | 'loadBalancer';
type Listener = {server: http.Server; service: string};

export type ServiceListeners = {stop(): Promise<void>};

/** The address clients reach the listeners on: the bind address, or loopback when bound to every interface. */
export function reachableAddress(bindAddress: string): string {
	return bindAddress === '0.0.0.0' || bindAddress === '::' || bindAddress === '' ? '127.0.0.1' : bindAddress;
}

/**
 * Real sockets for services: each NodePort on the bind address, and each LoadBalancer service port as well when
 * that port is free (then the service gets 127.0.0.1 as its ingress). Each request goes to a ready backend; with
 * none, the connection is dropped, as kube-proxy rejects it.
 */
export function startServiceListeners(options: {api: ObjectAPI; router: ServiceRouter; bindAddress: string; listen: boolean}): ServiceListeners {
	const {api, router, bindAddress} = options;
	/** What a LoadBalancer service gets as its ingress: the machine kubedeck runs on. */
	const loadBalancerIngress = [{ip: reachableAddress(bindAddress), ipMode: 'VIP'}];
	const listeners = new Map<string, Listener>();
	let stopped = false;

	const handler = (key: string, portNumber: number, kind: Kind) => (incoming: http.IncomingMessage, outgoing: http.ServerResponse) => {
		void readRequest(incoming).then(request => {
			const slash = key.indexOf('/');
			const service = router.service(key.slice(0, slash), key.slice(slash + 1));
			const port = service?.spec?.ports?.find(p => (kind === 'nodePort' ? p.nodePort : p.port) === portNumber);
			const answer = service && port ? router.route(service, port, request, incoming.socket.remoteAddress) : undefined;
			if (!answer) {
				incoming.socket.destroy();
				return;
			}
			answer.then(
				response => sendResponse(outgoing, response),
				() => incoming.socket.destroy(),
			);
		}, () => incoming.socket.destroy());
	};

	const open = async (id: string, key: string, port: number, kind: Kind): Promise<boolean> => {
		if (listeners.has(id)) return true;
		const server = http.createServer(handler(key, port, kind));
		server.keepAliveTimeout = 5000;
		listeners.set(id, {server, service: key});
		return new Promise<boolean>(resolve => {
			server.once('error', error => {
				listeners.delete(id);
				// A NodePort the API allocated should be free; say why it is not. A LoadBalancer port may simply be taken.
				if (kind === 'nodePort') process.stderr.write(`kubedeck: cannot listen on ${bindAddress}:${port} for service ${key}: ${error.message}\n`);
				resolve(false);
			});
			server.listen(port, bindAddress, () => {
				// Closed (or the network stopped) while it was binding: let the port go again.
				if (listeners.get(id)?.server !== server) {
					server.close();
					resolve(false);
				} else resolve(true);
			});
		});
	};

	const close = (id: string) => {
		const listener = listeners.get(id);
		if (!listener) return;
		listeners.delete(id);
		listener.server.close();
		listener.server.closeAllConnections();
	};

	const setIngress = async (service: Service, ingress: typeof loadBalancerIngress | undefined) => {
		const current = service.status?.loadBalancer?.ingress;
		if (JSON.stringify(current ?? []) === JSON.stringify(ingress ?? [])) return;
		await api
			.modify(
				'services',
				service.metadata!.namespace,
				service.metadata!.name!,
				object => {
					if (object.metadata.uid !== service.metadata!.uid) return undefined;
					object['status'] = {...(object['status'] as object), loadBalancer: ingress ? {ingress} : {}};
					return object;
				},
				{status: true},
			)
			.catch(() => {});
	};

	const reconcile = async (service: Service, deleted: boolean) => {
		const key = `${service.metadata!.namespace}/${service.metadata!.name}`;
		const type = service.spec?.type;
		const wanted = new Map<string, {port: number; kind: Kind}>();
		if (!deleted && options.listen) {
			for (const port of service.spec?.ports ?? []) {
				if ((type === 'NodePort' || type === 'LoadBalancer') && port.nodePort) wanted.set(`${key}#node:${port.nodePort}`, {port: port.nodePort, kind: 'nodePort'});
				if (type === 'LoadBalancer') wanted.set(`${key}#lb:${port.port}`, {port: port.port, kind: 'loadBalancer'});
			}
		}
		for (const [id, listener] of listeners) if (listener.service === key && !wanted.has(id)) close(id);
		let balanced = type === 'LoadBalancer' && !options.listen;
		for (const [id, {port, kind}] of wanted) {
			const listening = await open(id, key, port, kind);
			if (kind === 'loadBalancer' && listening) balanced = true;
		}
		if (deleted) return;
		// Pending (no EXTERNAL-IP) while none of its ports could be had, as a cloud without a load balancer shows it.
		await setIngress(service, balanced ? loadBalancerIngress : undefined);
	};

	let queue = Promise.resolve();
	const watch: Watch = api.watch('services', undefined, {}, events => {
		for (const event of events) {
			const service = event.object as Service;
			queue = queue.then(() => (stopped ? undefined : reconcile(service, event.type === 'DELETED'))).catch(() => {});
		}
	});

	return {
		async stop() {
			stopped = true;
			watch.stop();
			for (const id of [...listeners.keys()]) close(id);
			await queue;
		},
	};
}
