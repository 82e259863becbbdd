/** A small HTTPS client for API server tests: trusts the server's CA and sends its token unless told otherwise. */
import {request as httpsRequest, Agent} from 'node:https';
import type {IncomingHttpHeaders} from 'node:http';
import type {Cluster} from '../../source/cluster/cluster-types.js';
import {startApiServer, type ApiServer, type ApiServerOptions} from '../../source/cluster/server/api-server.js';

export type Reply = {status: number; headers: IncomingHttpHeaders; text: string; json<T = Record<string, any>>(): T};

export type RequestOptions = {
	body?: string | Uint8Array | object;
	headers?: Record<string, string>;
	/** A token to send instead of the server's; null sends none. */
	token?: string | null;
};

export type TestServer = {
	server: ApiServer;
	url: string;
	token: string;
	request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
	/** Opens a streaming GET; lines arrive in `lines` as they come. */
	stream(path: string, options?: RequestOptions): Promise<Stream>;
	close(): Promise<void>;
};

export type Stream = {
	status: number;
	headers: IncomingHttpHeaders;
	/** Text received so far. */
	text(): string;
	/** JSON lines received so far. */
	lines(): Array<Record<string, any>>;
	/** Resolves once `predicate` holds over the lines received (checked on every chunk). */
	until(predicate: (lines: Array<Record<string, any>>) => boolean): Promise<Array<Record<string, any>>>;
	ended: Promise<void>;
	close(): void;
};

export async function serveForTest(cluster: Cluster, options: ApiServerOptions = {}): Promise<TestServer> {
	const server = await startApiServer(cluster, options);
	const agent = new Agent({ca: server.credentials.caCertificate, keepAlive: true});
	const token = server.credentials.token;
	const prepare = (method: string, path: string, options: RequestOptions = {}) => {
		const headers: Record<string, string> = {...options.headers};
		const sent = options.token === undefined ? token : options.token;
		if (sent !== null) headers['authorization'] ??= `Bearer ${sent}`;
		let body: Buffer | undefined;
		if (options.body !== undefined) {
			body =
				typeof options.body === 'string'
					? Buffer.from(options.body)
					: options.body instanceof Uint8Array
						? Buffer.from(options.body)
						: Buffer.from(JSON.stringify(options.body));
			headers['content-type'] ??= 'application/json';
			headers['content-length'] = String(body.length);
		}
		const request = httpsRequest(new URL(path, server.url), {method, headers, agent});
		return {request, body};
	};
	return {
		server,
		url: server.url,
		token,
		request(method, path, options) {
			return new Promise((resolve, reject) => {
				const {request, body} = prepare(method, path, options);
				request.on('response', response => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => {
						const text = Buffer.concat(chunks).toString();
						resolve({status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text)});
					});
					response.on('error', reject);
				});
				request.on('error', reject);
				request.end(body);
			});
		},
		stream(path, options) {
			return new Promise((resolve, reject) => {
				const {request, body} = prepare('GET', path, options);
				request.on('response', response => {
					let text = '';
					const waiters = new Set<() => void>();
					const lines = () =>
						text
							.split('\n')
							.filter(line => line.trim() !== '')
							.map(line => JSON.parse(line) as Record<string, any>);
					const ended = new Promise<void>(done => {
						response.on('end', () => {
							for (const waiter of waiters) waiter();
							done();
						});
						response.on('close', () => done());
					});
					response.on('data', (chunk: Buffer) => {
						text += chunk.toString();
						for (const waiter of [...waiters]) waiter();
					});
					response.on('error', () => {});
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						text: () => text,
						lines,
						ended,
						close: () => request.destroy(),
						until(predicate) {
							return new Promise((done, fail) => {
								const check = () => {
									let current: Array<Record<string, any>>;
									try {
										current = lines();
									} catch {
										return; // a line still arriving
									}
									if (predicate(current)) {
										waiters.delete(check);
										done(current);
									} else if (response.complete) {
										waiters.delete(check);
										fail(new Error(`stream ended without the expected lines: ${text}`));
									}
								};
								waiters.add(check);
								check();
							});
						},
					});
				});
				request.on('error', reject);
				request.end(body);
			});
		},
		async close() {
			agent.destroy();
			await server.close();
		},
	};
}
