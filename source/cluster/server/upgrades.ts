/**
 * Requests that leave HTTP behind (Connection: Upgrade): pods/exec over WebSocket or SPDY/3.1 and pods/portforward
 * over SPDY/3.1, tunnelled in a WebSocket or not. Refusals are answered on the raw socket as Status JSON, which
 * kubectl prints (and on which it falls back from WebSocket to SPDY).
 */
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import type {WebSocketServer} from 'ws';
import {errors, type Status} from '../api/status.js';
import type {Cluster} from '../cluster-types.js';
import type {OpenStreams} from './context.js';
import {channelProtocols, execUpgrade} from './handlers/exec.js';
import {spdyExecUpgrade} from './handlers/exec-spdy.js';
import {portForwardUpgrade, portForwardWebSocketProtocol} from './handlers/port-forward.js';
import {parseApiPath} from './request-path.js';
import {pathNotFound} from './resource-routes.js';
import {statusOf} from './respond.js';

const reasons: Record<number, string> = {400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed'};

function rawStatus(socket: Duplex, status: Status): void {
	if (socket.destroyed) return;
	const body = JSON.stringify(status);
	socket.end(
		`HTTP/1.1 ${status.code} ${reasons[status.code] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
	);
}

export type UpgradeContext = {
	cluster: Cluster;
	streams: OpenStreams;
	authenticated(request: IncomingMessage, pathname: string): boolean;
};

export function upgradeHandler(context: UpgradeContext): {handle(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>; close(): void} {
	const {cluster, streams} = context;
	let channels: WebSocketServer | undefined;
	let tunnels: WebSocketServer | undefined;
	// The ws module loads on the first upgrade, not at start.
	const channelServer = async () => {
		if (!channels) {
			const {WebSocketServer} = await import('ws');
			channels = new WebSocketServer({
				noServer: true,
				perMessageDeflate: false,
				maxPayload: 4 * 1024 * 1024,
				handleProtocols: protocols => channelProtocols.find(protocol => protocols.has(protocol)) ?? false,
			});
		}
		return channels;
	};
	const tunnelServer = async () => {
		if (!tunnels) {
			const {WebSocketServer} = await import('ws');
			tunnels = new WebSocketServer({noServer: true, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024});
			tunnels.on('headers', headers => headers.push(`Sec-WebSocket-Protocol: ${portForwardWebSocketProtocol}`));
		}
		return tunnels;
	};

	return {
		async handle(request, socket, head) {
			socket.on('error', () => socket.destroy());
			try {
				const raw = request.url ?? '/';
				const mark = raw.indexOf('?');
				const pathname = mark >= 0 ? raw.slice(0, mark) : raw;
				const query = new URLSearchParams(mark >= 0 ? raw.slice(mark + 1) : '');
				if (!context.authenticated(request, pathname)) throw errors.unauthorized();
				const path = parseApiPath(pathname);
				if (path.type !== 'resource' || path.info.plural !== 'pods' || !path.name || !path.namespace) throw pathNotFound();
				const protocol = (request.headers.upgrade ?? '').toLowerCase();
				const name = path.name;
				if (path.subresource === 'exec' && protocol === 'websocket') {
					await execUpgrade({request, socket, head, path, name, query, cluster, streams, webSockets: await channelServer()});
					return;
				}
				if (path.subresource === 'exec' && protocol === 'spdy/3.1') {
					spdyExecUpgrade({request, socket, head, path, name, query, cluster, streams});
					return;
				}
				if (path.subresource === 'portforward') {
					await portForwardUpgrade({request, socket, head, path, name, cluster, streams, tunnel: tunnelServer});
					return;
				}
				if (path.subresource === 'exec') throw errors.badRequest('exec needs an upgrade to WebSocket or SPDY/3.1');
				if (path.subresource === 'attach') throw errors.badRequest('kubedeck does not serve attach: use exec');
				throw pathNotFound();
			} catch (error) {
				rawStatus(socket, statusOf(error));
			}
		},
		close() {
			channels?.close();
			tunnels?.close();
		},
	};
}
