/**
 * pods/portforward as kubectl 1.32 speaks it: SPDY/3, either tunnelled in a WebSocket
 * (`SPDY/3.1+portforward.k8s.io`) or on the raw connection after an `Upgrade: SPDY/3.1` (its fallback).
 * Each local connection is a pair of streams, error and data, tied by `requestid`. The pods of this cluster speak
 * HTTP, so the data stream is read as HTTP requests and answered through the pod runtime; the connection closes
 * after each answer (curl and browsers reconnect). A connection that is not HTTP gets an error on its error stream.
 */
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import type {WebSocketServer} from 'ws';
import {errors} from '../../api/status.js';
import type {Cluster} from '../../cluster-types.js';
import type {OpenStreams} from '../context.js';
import {encodeResponse, HttpRequestReader} from '../http-message.js';
import type {ResourcePath} from '../request-path.js';
import {SpdySession, type SpdyStream, type Transport} from '../spdy/session.js';

export const portForwardWebSocketProtocol = 'SPDY/3.1+portforward.k8s.io';
const portForwardProtocol = 'portforward.k8s.io';

type Pair = {error?: SpdyStream; data?: SpdyStream};

function forwardStreams(cluster: Cluster, namespace: string, pod: string): (stream: SpdyStream) => void {
	const pairs = new Map<string, Pair>();
	return stream => {
		const requestId = stream.headers['requestid'] ?? String(stream.id);
		const pair = pairs.get(requestId) ?? {};
		pairs.set(requestId, pair);
		const port = Number(stream.headers['port']);
		const finish = (message?: string) => {
			if (message && pair.error) pair.error.write(Buffer.from(message));
			pair.data?.end();
			pair.error?.end();
			pairs.delete(requestId);
		};
		if (stream.headers['streamtype'] === 'error') {
			pair.error = stream;
			return;
		}
		if (stream.headers['streamtype'] !== 'data') {
			stream.end();
			return;
		}
		pair.data = stream;
		if (!Number.isInteger(port) || port < 1 || port > 65535) {
			finish(`invalid port ${JSON.stringify(stream.headers['port'] ?? '')}`);
			return;
		}
		const reader = new HttpRequestReader();
		let answering: Promise<void> | undefined;
		stream.onData = bytes => {
			if (answering) return;
			let request;
			try {
				request = reader.push(bytes)[0];
			} catch (error) {
				finish(`an error occurred forwarding port ${port} to pod ${pod}: kubedeck forwards HTTP only (${error instanceof Error ? error.message : String(error)})`);
				return;
			}
			if (!request) return;
			answering = cluster.runtime.proxy(namespace, pod, port, request).then(
				response => {
					stream.write(encodeResponse(response, request.method));
					finish();
				},
				(error: unknown) => finish(`error forwarding port ${port} to pod ${pod}: ${error instanceof Error ? error.message : String(error)}`),
			);
		};
		stream.onEnd = () => {
			if (!answering) finish();
		};
	};
}

export type PortForwardUpgrade = {
	request: IncomingMessage;
	socket: Duplex;
	head: Buffer;
	path: ResourcePath;
	name: string;
	cluster: Cluster;
	streams: OpenStreams;
	/** Made on first use: a WebSocket server for the tunnel, which answers with the SPDY subprotocol. */
	tunnel: () => Promise<WebSocketServer>;
};

function attach(transport: Transport, upgrade: PortForwardUpgrade): SpdySession {
	const {cluster, path, name, streams} = upgrade;
	const handle = {close: () => session.close()};
	const session: SpdySession = new SpdySession(transport, forwardStreams(cluster, path.namespace!, name), () => streams.delete(handle));
	streams.add(handle);
	return session;
}

/** Throws ApiError before the upgrade (missing pod, a protocol kubedeck does not speak) for the caller to answer. */
export async function portForwardUpgrade(upgrade: PortForwardUpgrade): Promise<void> {
	const {request, socket, head, path, name, cluster} = upgrade;
	cluster.api.get('pods', path.namespace!, name);
	const upgradeTo = (request.headers.upgrade ?? '').toLowerCase();
	if (upgradeTo === 'websocket') {
		const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map(protocol => protocol.trim());
		if (!offered.includes(portForwardWebSocketProtocol))
			throw errors.badRequest(`the WebSocket subprotocol must be ${portForwardWebSocketProtocol}`);
		const webSockets = await upgrade.tunnel();
		// The ws package refuses '/' in a subprotocol; the tunnel's server adds the header back to its answer.
		delete request.headers['sec-websocket-protocol'];
		webSockets.handleUpgrade(request, socket, head, webSocket => {
			const session = attach({write: bytes => webSocket.send(bytes), close: () => webSocket.close(1000)}, upgrade);
			webSocket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) =>
				session.receive(Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)),
			);
			webSocket.on('close', () => session.close());
			webSocket.on('error', () => session.close());
		});
		return;
	}
	if (upgradeTo === 'spdy/3.1') {
		const versions = String(request.headers['x-stream-protocol-version'] ?? '')
			.split(',')
			.map(version => version.trim());
		if (!versions.includes(portForwardProtocol)) throw errors.badRequest(`X-Stream-Protocol-Version must offer ${portForwardProtocol}`);
		socket.write(
			`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${portForwardProtocol}\r\n\r\n`,
		);
		const session = attach({write: bytes => socket.write(bytes), close: () => socket.destroy()}, upgrade);
		if (head.length > 0) session.receive(head);
		socket.on('data', (bytes: Buffer) => session.receive(bytes));
		socket.on('close', () => session.close());
		return;
	}
	throw errors.badRequest('port forwarding needs an upgrade to WebSocket or SPDY/3.1');
}
