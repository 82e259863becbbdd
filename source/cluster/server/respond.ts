import type {IncomingMessage, ServerResponse} from 'node:http';
import {ApiError, errors, type Status} from '../api/status.js';
import {jsonContentType, yamlContentType} from './negotiation.js';

/** Indented JSON for curl and `?pretty=true`, as the Kubernetes API server does; compact for programs. */
export function wantsPretty(request: IncomingMessage, query: URLSearchParams): boolean {
	const pretty = query.get('pretty');
	if (pretty !== null) return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(pretty);
	const agent = request.headers['user-agent'] ?? '';
	return agent.startsWith('curl/') || agent.startsWith('Wget/') || agent.startsWith('Mozilla/');
}

export type Encoding = {yaml: boolean; pretty: boolean; contentType?: string};

export function encode(value: unknown, encoding: Encoding): Promise<string> | string {
	if (encoding.yaml) return import('yaml').then(yaml => yaml.stringify(value));
	return encoding.pretty ? `${JSON.stringify(value, null, 2)}\n` : JSON.stringify(value);
}

export async function sendBody(response: ServerResponse, code: number, value: unknown, encoding: Encoding): Promise<void> {
	const body = await encode(value, encoding);
	send(response, code, encoding.yaml ? yamlContentType : (encoding.contentType ?? jsonContentType), body);
}

export function send(response: ServerResponse, code: number, contentType: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
	if (response.headersSent || response.destroyed) return;
	const bytes = typeof body === 'string' ? Buffer.from(body) : body;
	response.writeHead(code, {
		'Content-Type': contentType,
		'Content-Length': String(bytes.length),
		'Cache-Control': 'no-cache, private',
		...headers,
	});
	response.end(bytes);
}

/** Any thrown value as the Status the client gets: an ApiError as it is, anything else as an internal error. */
export function statusOf(error: unknown): Status {
	if (error instanceof ApiError) return error.status;
	const message = error instanceof Error ? error.message : String(error);
	return errors.internal(message).status;
}

export function sendStatus(response: ServerResponse, status: Status, pretty = false, headers: Record<string, string> = {}): void {
	const extra = {...headers};
	if (status.code === 429 && status.details?.retryAfterSeconds) extra['Retry-After'] = String(status.details.retryAfterSeconds);
	send(response, status.code, jsonContentType, pretty ? `${JSON.stringify(status, null, 2)}\n` : JSON.stringify(status), extra);
}

/** Answers with the error's Status; when the answer has already begun, the connection is cut instead. */
export function sendError(response: ServerResponse, error: unknown, pretty = false): void {
	const status = statusOf(error);
	if (status.code >= 500 && !(error instanceof ApiError)) process.stderr.write(`kubedeck api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	if (response.headersSent) {
		response.destroy();
		return;
	}
	sendStatus(response, status, pretty);
}
