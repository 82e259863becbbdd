/**
 * HTTP/1.1 requests read from a byte stream and answers written back, for port-forward: the pods of this cluster
 * speak HTTP, so a forwarded connection is read as HTTP and passed to the pod's program.
 */
import {STATUS_CODES} from 'node:http';
import type {ProxyRequest, ProxyResponse} from '../cluster-types.js';

const maxHeadBytes = 64 * 1024;
const maxBodyBytes = 16 * 1024 * 1024;

export class NotHttpError extends Error {}

/** Collects bytes and yields each complete request. */
export class HttpRequestReader {
	private buffer: Buffer = Buffer.alloc(0);

	push(bytes: Buffer): ProxyRequest[] {
		this.buffer = this.buffer.length === 0 ? bytes : Buffer.concat([this.buffer, bytes]);
		const requests: ProxyRequest[] = [];
		for (;;) {
			const request = this.next();
			if (!request) break;
			requests.push(request);
		}
		return requests;
	}

	private next(): ProxyRequest | undefined {
		const headEnd = this.buffer.indexOf('\r\n\r\n');
		if (headEnd < 0) {
			if (this.buffer.length > maxHeadBytes) throw new NotHttpError('the request head is too large');
			if (this.buffer.length >= 8 && !/^[A-Z]{3,10} /.test(this.buffer.subarray(0, 11).toString('latin1')))
				throw new NotHttpError('the connection does not speak HTTP');
			return undefined;
		}
		const lines = this.buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
		const requestLine = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
		if (!requestLine) throw new NotHttpError('the connection does not speak HTTP');
		const headers: Record<string, string> = {};
		for (const line of lines.slice(1)) {
			const colon = line.indexOf(':');
			if (colon <= 0) throw new NotHttpError(`a malformed header line: ${line.slice(0, 40)}`);
			const name = line.slice(0, colon).trim().toLowerCase();
			const value = line.slice(colon + 1).trim();
			headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
		}
		let offset = headEnd + 4;
		let body: Buffer;
		if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
			const chunks: Buffer[] = [];
			for (;;) {
				const lineEnd = this.buffer.indexOf('\r\n', offset);
				if (lineEnd < 0) return undefined;
				const size = Number.parseInt(this.buffer.subarray(offset, lineEnd).toString('latin1'), 16);
				if (!Number.isFinite(size) || size < 0 || size > maxBodyBytes) throw new NotHttpError('a malformed chunk');
				if (this.buffer.length < lineEnd + 2 + size + 2) return undefined;
				chunks.push(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
				offset = lineEnd + 2 + size + 2;
				if (size === 0) break;
			}
			body = Buffer.concat(chunks);
			delete headers['transfer-encoding'];
		} else {
			const length = Number(headers['content-length'] ?? 0);
			if (!Number.isInteger(length) || length < 0 || length > maxBodyBytes) throw new NotHttpError('a malformed content-length');
			if (this.buffer.length < offset + length) return undefined;
			body = Buffer.from(this.buffer.subarray(offset, offset + length));
			offset += length;
		}
		this.buffer = this.buffer.subarray(offset);
		return {method: requestLine[1]!, path: requestLine[2]!, headers, body};
	}
}

const framing = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** The answer as bytes on the wire; the connection closes after it. */
export function encodeResponse(response: ProxyResponse, method: string): Buffer {
	const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? 'Unknown'}`];
	for (const [name, value] of Object.entries(response.headers)) if (!framing.has(name.toLowerCase())) lines.push(`${name}: ${value}`);
	const body = method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(response.body);
	lines.push(`content-length: ${response.body.length}`, 'connection: close');
	return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
