import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import {connectionError, responseError} from './errors.js';
import {ClientError} from './types.js';

export type Query = Record<string, string | number | boolean | undefined>;

export type RequestOptions = {
	method?: string;
	query?: Query;
	/** Sent as JSON. */
	body?: unknown;
	/** Default application/json when there is a body. */
	contentType?: string;
	accept?: string;
	signal?: AbortSignal;
	/** Idle time after which a request fails; streams pass 0 (none). Default 30 s. */
	timeoutMs?: number;
};

/** Credentials for each request; a function because exec plugins hand out tokens that expire. */
export type HeaderSource = () => Promise<Record<string, string>>;

export type TlsOptions = {
	ca?: string | Buffer | Array<string | Buffer>;
	cert?: string | Buffer;
	key?: string | Buffer;
	rejectUnauthorized?: boolean;
	servername?: string;
};

export type TransportOptions = {
	/** https://127.0.0.1:6443, possibly with a path prefix (proxies such as Rancher's). */
	server: string;
	tls?: TlsOptions;
	headers?: HeaderSource;
	userAgent?: string;
	/** An agent to use instead of the transport's own (a proxy's); closed with the transport. */
	agent?: http.Agent;
};

const defaultTimeoutMs = 30_000;
const maxStaleRetries = 8;
const maxHeadLength = 64 * 1024;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** HTTP(S) to one API server over one keep-alive agent; every request can be aborted by close(). */
export class Transport {
	readonly server: string;
	private readonly url: URL;
	private readonly prefix: string;
	private readonly agent: http.Agent;
	private readonly headers: HeaderSource;
	private readonly userAgent: string;
	/** Over a real network a big list shrinks ~10x with gzip; on loopback it only costs CPU. */
	private readonly compress: boolean;
	private readonly open = new Set<http.ClientRequest>();
	private closed = false;

	constructor(options: TransportOptions) {
		this.server = options.server;
		this.url = new URL(options.server);
		this.prefix = this.url.pathname.replace(/\/+$/, '');
		const secure = this.url.protocol === 'https:';
		this.agent =
			options.agent ??
			(secure ? new https.Agent({keepAlive: true, scheduling: 'lifo', ...options.tls}) : new http.Agent({keepAlive: true, scheduling: 'lifo'}));
		this.headers = options.headers ?? (async () => ({}));
		this.userAgent = options.userAgent ?? 'kubedeck';
		this.compress = !loopbackHosts.has(this.url.hostname);
	}

	/** A whole JSON answer. Non-2xx answers reject with the server's message. */
	async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
		const body = await this.text(path, {accept: 'application/json', ...options});
		try {
			return JSON.parse(body) as T;
		} catch {
			throw new ClientError(`the server sent an answer that is not JSON for ${path}`, undefined, 'BadResponse');
		}
	}

	/**
	 * The whole answer as text. onHead, when given, sees the start of the body as it arrives, until it returns true
	 * or 64 KB have come: a list's continue token can be read there before the rest of the page.
	 */
	async text(path: string, options: RequestOptions = {}, onHead?: (head: string) => boolean): Promise<string> {
		const response = await this.send(path, options, this.compress);
		return readBody(response, onHead);
	}

	/** A 2xx answer whose body the caller reads as it arrives (watches, logs); destroy it to stop. */
	async stream(path: string, options: RequestOptions = {}): Promise<http.IncomingMessage> {
		return this.send(path, {timeoutMs: 0, ...options}, false);
	}

	/** Aborts every request and stream and lets the sockets go. */
	close(): void {
		this.closed = true;
		for (const request of this.open) request.destroy(new ClientError('client closed', undefined, 'Closed'));
		this.open.clear();
		this.agent.destroy();
	}

	get isClosed(): boolean {
		return this.closed;
	}

	private async send(path: string, options: RequestOptions, gzip: boolean): Promise<http.IncomingMessage> {
		// A kept-alive socket the server already closed fails at once; a read is safe to send again on another.
		for (let attempt = 1; ; attempt++) {
			try {
				return await this.sendOnce(path, options, gzip);
			} catch (error) {
				if (!(error instanceof StaleSocket)) throw error;
				if (attempt >= maxStaleRetries) throw connectionError(error.cause);
			}
		}
	}

	private async sendOnce(path: string, options: RequestOptions, gzip: boolean): Promise<http.IncomingMessage> {
		if (this.closed) throw new ClientError('client closed', undefined, 'Closed');
		const headers: Record<string, string | number> = {
			...(await this.headers()),
			Accept: options.accept ?? 'application/json',
			'User-Agent': this.userAgent,
		};
		let body: Buffer | undefined;
		if (options.body !== undefined) {
			body = Buffer.from(JSON.stringify(options.body));
			headers['Content-Type'] = options.contentType ?? 'application/json';
			headers['Content-Length'] = body.length;
		}
		if (gzip) headers['Accept-Encoding'] = 'gzip';
		const target = this.prefix + path + queryString(options.query);
		const module = this.url.protocol === 'https:' ? https : http;
		const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
			const request = module.request(
				{
					protocol: this.url.protocol,
					hostname: this.url.hostname.replace(/^\[|\]$/g, ''),
					port: this.url.port || undefined,
					path: target,
					method: options.method ?? 'GET',
					headers,
					agent: this.agent,
					signal: options.signal,
				},
				resolve,
			);
			this.open.add(request);
			request.on('close', () => this.open.delete(request));
			request.on('error', error => {
				const method = options.method ?? 'GET';
				const retry = request.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET' && (method === 'GET' || method === 'HEAD');
				reject(retry ? new StaleSocket(error) : abortOrConnectionError(error));
			});
			const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
			if (timeoutMs > 0) {
				request.setTimeout(timeoutMs, () =>
					request.destroy(new ClientError(`the server did not answer ${options.method ?? 'GET'} ${path} within ${timeoutMs / 1000} s`, 504, 'Timeout')),
				);
			}
			request.end(body);
		});
		const status = response.statusCode ?? 0;
		if (status >= 200 && status < 300) return response;
		throw responseError(status, await readBody(response).catch(() => ''));
	}
}

class StaleSocket extends Error {
	constructor(override readonly cause: unknown) {
		super('stale socket');
	}
}

/** The whole body as text, gunzipped when the server compressed it. */
function readBody(response: http.IncomingMessage, onHead?: (head: string) => boolean): Promise<string> {
	const source = response.headers['content-encoding'] === 'gzip' ? response.pipe(zlib.createGunzip()) : response;
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let head = onHead ? '' : undefined;
		source.on('data', (chunk: Buffer) => {
			chunks.push(chunk);
			if (head === undefined) return;
			// A chunk may end inside a multi-byte character; the head only looks for ASCII, so that is harmless.
			head += chunk.toString('utf8');
			if (onHead!(head) || head.length > maxHeadLength) head = undefined;
		});
		source.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		source.on('error', error => reject(abortOrConnectionError(error)));
		response.on('error', error => reject(abortOrConnectionError(error)));
		response.on('close', () => {
			if (!response.complete) reject(new ClientError('the server closed the connection before the answer was complete', undefined, 'ConnectionError'));
		});
	});
}

function abortOrConnectionError(error: unknown): ClientError {
	if (error instanceof ClientError) return error;
	if ((error as Error)?.name === 'AbortError') return new ClientError('request aborted', undefined, 'Aborted');
	return connectionError(error);
}

function queryString(query: Query | undefined): string {
	if (!query) return '';
	const parameters = new URLSearchParams();
	for (const [name, value] of Object.entries(query)) {
		if (value === undefined || value === false || value === '') continue;
		parameters.append(name, String(value));
	}
	const text = parameters.toString();
	return text ? `?${text}` : '';
}
