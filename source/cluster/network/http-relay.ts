import type http from 'node:http';
import type {HttpRequest, HttpResponse} from '../kubelet/engine.js';

const empty = new Uint8Array(0);

/** Headers that belong to one connection, not to the message: the relay's own connection decides them. */
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'proxy-connection']);

/** An incoming request, body included, as a pod's program takes it. */
export function readRequest(incoming: http.IncomingMessage): Promise<HttpRequest> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('error', reject);
		incoming.on('end', () =>
			resolve({
				method: incoming.method ?? 'GET',
				path: incoming.url ?? '/',
				headers: flatHeaders(incoming.headers),
				body: chunks.length === 0 ? empty : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
			}),
		);
	});
}

/** Writes a program's answer; Node frames it (Content-Length) for the client's connection. */
export function sendResponse(outgoing: http.ServerResponse, response: HttpResponse): void {
	outgoing.statusCode = response.status;
	for (const [name, value] of Object.entries(response.headers)) if (!hopByHop.has(name.toLowerCase())) outgoing.setHeader(name, value);
	outgoing.end(response.body);
}

/** A plain-text answer from the relay itself (Ingress 404 and 503 pages). */
export function sendText(outgoing: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
	outgoing.statusCode = status;
	outgoing.setHeader('content-type', 'text/html');
	for (const [name, value] of Object.entries(headers)) outgoing.setHeader(name, value);
	outgoing.end(text);
}

export function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const name in headers) {
		const value = headers[name];
		if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}
