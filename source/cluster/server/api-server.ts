/**
 * The Kubernetes API over HTTPS, in front of a Cluster: what kubectl and client libraries talk to.
 * HTTPS because client-go sends a bearer token only over TLS.
 */
import {createServer, type Server} from 'node:https';
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Duplex} from 'node:stream';
import type {Cluster} from '../cluster-types.js';
import {errors} from '../api/status.js';
import {isPublicPath, tokenChecker} from './authentication.js';
import {defaultLimits, type OpenStreams, type RequestContext, type ServerLimits} from './context.js';
import {aggregatedContentType, aggregatedDiscovery, apiGroupDocument, apiGroupList, apiResourceList, apiVersions, hasGroupVersion, wantsAggregated} from './discovery.js';
import {openApiDocument, openApiIndex} from './openapi.js';
import {parseApiPath, type ApiPath} from './request-path.js';
import {pathNotFound, routeResource} from './resource-routes.js';
import {send, sendBody, sendError, wantsPretty} from './respond.js';
import {answerHealth} from './health.js';
import {upgradeHandler} from './upgrades.js';
import {serveMetrics} from './handlers/metrics.js';
import {answerReview} from './handlers/reviews.js';
import {createCredentials, loadOrCreateCredentials, loopbackAddresses, type ServerCredentials} from './tls/credentials.js';
import {versionInfo} from './version.js';
import {jsonContentType} from './negotiation.js';

export type ApiServerOptions = {
	/** Address to listen on (default 127.0.0.1); anything but loopback is warned about. */
	address?: string;
	/** Port (default 0: any free port). */
	port?: number;
	/** Keeps the CA, serving certificate and token here across restarts; without it they are made fresh. */
	dataDir?: string;
	/** Use this token instead of the kept or generated one. */
	token?: string;
	/** Use these credentials as they are (tests, benchmarks). */
	credentials?: ServerCredentials;
	limits?: Partial<ServerLimits>;
	/** Where warnings go (default stderr). */
	warn?: (message: string) => void;
};

export type ApiServer = {
	/** https://127.0.0.1:PORT */
	url: string;
	port: number;
	address: string;
	credentials: ServerCredentials;
	close(): Promise<void>;
};

function isLoopback(address: string): boolean {
	return loopbackAddresses.includes(address) || address === 'localhost' || address.startsWith('127.');
}

/** The URL clients use: a wildcard address is reached through loopback. */
function urlFor(address: string, port: number): string {
	const host = address === '0.0.0.0' || address === '' ? '127.0.0.1' : address === '::' ? '::1' : address;
	return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

const rootPaths = [
	'/api',
	'/api/v1',
	'/apis',
	'/healthz',
	'/livez',
	'/openapi/v3',
	'/readyz',
	'/version',
];

export async function startApiServer(cluster: Cluster, options: ApiServerOptions = {}): Promise<ApiServer> {
	const address = options.address ?? '127.0.0.1';
	const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
	if (!isLoopback(address))
		warn(`kubedeck: warning: the Kubernetes API listens on ${address}; anyone who can reach it and holds the token controls the cluster`);
	const kept = options.credentials ?? (options.dataDir ? await loadOrCreateCredentials(options.dataDir, {address}) : createCredentials({address}));
	const credentials: ServerCredentials = {...kept, token: options.token ?? kept.token};
	const checkToken = tokenChecker(credentials.token);
	const limits: ServerLimits = {...defaultLimits, ...options.limits};
	const streams: OpenStreams = new Set();
	let ready = false;
	let closing = false;
	const cache = new Map<string, string>();
	const cached = (key: string, make: () => unknown) => {
		let text = cache.get(key);
		if (text === undefined) {
			text = JSON.stringify(make());
			cache.set(key, text);
		}
		return text;
	};

	const discovery = async (context: RequestContext, path: Extract<ApiPath, {type: 'discovery'}>) => {
		const {request, response} = context;
		if (request.method !== 'GET' && request.method !== 'HEAD') throw errors.methodNotAllowed();
		const host = request.headers.host ?? `127.0.0.1:${port}`;
		if (path.group === undefined) {
			const aggregated = wantsAggregated(request.headers.accept);
			if (aggregated) {
				const body = cached(`aggregated:${path.legacy}:${aggregated}`, () => aggregatedDiscovery(path.legacy, aggregated));
				return send(response, 200, aggregatedContentType(aggregated), body);
			}
			if (path.legacy) return sendBody(response, 200, apiVersions(host), {yaml: false, pretty: context.pretty});
			return send(response, 200, jsonContentType, cached('groups', apiGroupList));
		}
		if (path.version === undefined) {
			if (!hasGroupVersion(path.group)) throw pathNotFound();
			return send(response, 200, jsonContentType, cached(`group:${path.group}`, () => apiGroupDocument(path.group!)));
		}
		if (!hasGroupVersion(path.group, path.version)) throw pathNotFound();
		return send(response, 200, jsonContentType, cached(`resources:${path.group}/${path.version}`, () => apiResourceList(path.group!, path.version!)));
	};

	const route = async (context: RequestContext, pathname: string): Promise<void> => {
		const {response, query} = context;
		if (pathname === '/' || pathname === '') return sendBody(response, 200, {paths: rootPaths}, {yaml: false, pretty: context.pretty});
		if (pathname === '/version' || pathname === '/version/') return sendBody(response, 200, versionInfo(), {yaml: false, pretty: true});
		if (isPublicPath(pathname)) return answerHealth(response, pathname, query, ready && !closing);
		if (pathname === '/openapi/v3' || pathname === '/openapi/v3/') return send(response, 200, jsonContentType, openApiIndex());
		if (pathname.startsWith('/openapi/v3/')) {
			const document = openApiDocument(pathname.slice('/openapi/v3/'.length));
			if (!document) throw pathNotFound();
			return send(response, 200, jsonContentType, document);
		}
		const path = parseApiPath(pathname);
		switch (path.type) {
			case 'discovery':
				return discovery(context, path);
			case 'resource':
				return routeResource(context, path);
			case 'metrics':
				return serveMetrics(context, path);
			case 'review':
				return answerReview(context, path.review);
			default:
				throw pathNotFound();
		}
	};

	const splitUrl = (url: string | undefined) => {
		const raw = url ?? '/';
		const mark = raw.indexOf('?');
		return {pathname: mark >= 0 ? raw.slice(0, mark) : raw, query: new URLSearchParams(mark >= 0 ? raw.slice(mark + 1) : '')};
	};

	const authenticated = (request: IncomingMessage, pathname: string): boolean => {
		const result = checkToken(request);
		// A wrong token fails everywhere; no token at all may still read health and version.
		return result === 'valid' || (result === 'missing' && isPublicPath(pathname));
	};

	const handle = async (request: IncomingMessage, response: ServerResponse) => {
		let pretty = false;
		try {
			const {pathname, query} = splitUrl(request.url);
			pretty = wantsPretty(request, query);
			if (!authenticated(request, pathname)) throw errors.unauthorized();
			await route({request, response, query, cluster, pretty, limits, streams}, pathname);
		} catch (error) {
			sendError(response, error, pretty);
		}
	};

	const upgrades = upgradeHandler({cluster, streams, authenticated});

	const server: Server = createServer({key: credentials.key, cert: credentials.certificate, noDelay: true}, (request, response) => {
		void handle(request, response);
	});
	server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
		void upgrades.handle(request, socket, head);
	});
	server.on('clientError', (_error, socket: Duplex) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		else socket.destroy();
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, address, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const listening = server.address();
	const port = typeof listening === 'object' && listening ? listening.port : (options.port ?? 0);
	ready = true;

	let closed: Promise<void> | undefined;
	return {
		url: urlFor(address, port),
		port,
		address,
		credentials,
		close() {
			closed ??= new Promise<void>(resolve => {
				closing = true;
				for (const stream of [...streams]) stream.close();
				upgrades.close();
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closed;
		},
	};
}

