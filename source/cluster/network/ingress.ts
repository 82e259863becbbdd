import http from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Ingress} from 'kubernetes-types/networking/v1.js';
import type {ObjectAPI, Watch} from '../api/object-api.js';
import {readRequest, sendResponse, sendText} from './http-relay.js';
import {IngressTable} from './ingress-rules.js';
import {reachableAddress} from './service-listeners.js';
import type {ServiceRouter} from './service-router.js';

export type IngressListener = {
	/** The port it listens on (the one asked for, or the one the system gave for 0). */
	readonly port: number;
	stop(): Promise<void>;
};

const page = (status: string) => `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>kubedeck ingress</center>\r\n</body>\r\n</html>\r\n`;
const notFound = page('404 Not Found');
const unavailable = page('503 Service Temporarily Unavailable');

/**
 * The Ingress controller: one HTTP listener on the bind address that routes by host and path to service backends
 * (every Ingress, whatever its class), answers 404 where no rule or default backend applies and 503 where the
 * backend has no ready endpoint, and gives each Ingress the listener's address (127.0.0.1 unless bound elsewhere). Resolves undefined, after saying
 * why, when the port cannot be had.
 */
export async function startIngress(options: {api: ObjectAPI; router: ServiceRouter; bindAddress: string; port: number}): Promise<IngressListener | undefined> {
	const {api, router, bindAddress} = options;
	const ingresses = new Map<string, Ingress>();
	let table: IngressTable | undefined;

	const server = http.createServer((incoming, outgoing) => {
		void readRequest(incoming).then(request => {
			table ??= new IngressTable([...ingresses.values()]);
			const target = table.match(incoming.headers.host, request.path);
			if (!target) return sendText(outgoing, 404, notFound);
			const service = router.service(target.namespace, target.service);
			const port = service?.spec?.ports?.find(p => (target.port.name ? p.name === target.port.name : p.port === target.port.number));
			const client = incoming.socket.remoteAddress ?? '127.0.0.1';
			request.headers['x-forwarded-for'] = request.headers['x-forwarded-for'] ? `${request.headers['x-forwarded-for']}, ${client}` : client;
			request.headers['x-real-ip'] = client;
			request.headers['x-forwarded-host'] = incoming.headers.host ?? '';
			request.headers['x-forwarded-proto'] = 'http';
			const answer = service && port ? router.route(service, port, request, client) : undefined;
			if (!answer) return sendText(outgoing, 503, unavailable);
			answer.then(
				response => sendResponse(outgoing, response),
				() => sendText(outgoing, 502, page('502 Bad Gateway')),
			);
		}, () => incoming.socket.destroy());
	});
	server.keepAliveTimeout = 5000;
	const listening = await new Promise<boolean>(resolve => {
		server.once('error', error => {
			process.stderr.write(`kubedeck: cannot listen on ${bindAddress}:${options.port} for Ingress: ${error.message}\n`);
			resolve(false);
		});
		server.listen(options.port, bindAddress, () => resolve(true));
	});
	if (!listening) return undefined;
	const port = (server.address() as AddressInfo).port;
	const ip = reachableAddress(bindAddress);
	const address = port === 80 ? [{ip}] : [{ip, ports: [{port, protocol: 'TCP'}]}];

	const publish = async (ingress: Ingress) => {
		if (JSON.stringify(ingress.status?.loadBalancer?.ingress ?? []) === JSON.stringify(address)) return;
		await api
			.modify(
				'ingresses',
				ingress.metadata!.namespace,
				ingress.metadata!.name!,
				object => {
					if (object.metadata.uid !== ingress.metadata!.uid) return undefined;
					object['status'] = {loadBalancer: {ingress: address}};
					return object;
				},
				{status: true},
			)
			.catch(() => {});
	};

	let stopped = false;
	let queue = Promise.resolve();
	const watch: Watch = api.watch('ingresses', undefined, {}, events => {
		for (const event of events) {
			const ingress = event.object as Ingress;
			const key = `${ingress.metadata!.namespace}/${ingress.metadata!.name}`;
			table = undefined;
			if (event.type === 'DELETED') {
				ingresses.delete(key);
				continue;
			}
			ingresses.set(key, ingress);
			queue = queue.then(() => (stopped ? undefined : publish(ingress)));
		}
	});

	return {
		port,
		async stop() {
			stopped = true;
			watch.stop();
			server.close();
			server.closeAllConnections();
			await queue;
		},
	};
}
