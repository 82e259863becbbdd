import type {IncomingMessage} from 'node:http';
import {errors} from '../api/status.js';
import {decodeKubernetesProtobuf} from './protobuf/decode-kubernetes-protobuf.js';
import {mediaType} from './negotiation.js';

/** The Kubernetes API server's limit on a request body. */
export const maxBodyBytes = 3 * 1024 * 1024;
/** Deeper than any Kubernetes object: deeper bodies are refused before anything recursive walks them. */
export const maxBodyDepth = 100;

export const protobufContentType = 'application/vnd.kubernetes.protobuf';

/** The whole body, refused with 413 past `limit` (checked on Content-Length first, then while reading). */
export function readBody(request: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
	const declared = Number(request.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) return Promise.reject(errors.tooLarge(`Request entity too large: limit is ${limit}`));
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let done = false;
		request.on('data', (chunk: Buffer) => {
			if (done) return;
			size += chunk.length;
			if (size > limit) {
				done = true;
				request.pause();
				reject(errors.tooLarge(`Request entity too large: limit is ${limit}`));
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => {
			if (done) return;
			done = true;
			resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
		});
		request.on('error', error => {
			if (done) return;
			done = true;
			reject(error);
		});
		request.on('close', () => {
			if (done) return;
			done = true;
			reject(errors.badRequest('the request body was cut short'));
		});
	});
}

/** Throws BadRequest when a parsed value nests deeper than maxBodyDepth. Iterative, so it cannot overflow itself. */
export function checkDepth(value: unknown, limit = maxBodyDepth): void {
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop()!;
		if (typeof current !== 'object' || current === null) continue;
		if (depth > limit) throw errors.badRequest(`the request body nests deeper than ${limit} levels`);
		const children = Array.isArray(current) ? current : Object.values(current);
		for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
	}
}

function syntaxMessage(error: unknown): string {
	return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

function tooDeep(limit: number) {
	return errors.badRequest(`the request body nests deeper than ${limit} levels`);
}

/**
 * Refuses JSON nested deeper than the limit before it is parsed: JSON.parse takes half a second on a 3 MiB body of
 * brackets, and everything after it would recurse. String-aware, one pass.
 */
function checkJsonNesting(text: string, limit = maxBodyDepth): void {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (inString) {
			if (code === 0x5c) index++; // backslash: skip the escaped character
			else if (code === 0x22) inString = false;
		} else if (code === 0x22) inString = true;
		else if (code === 0x5b || code === 0x7b) {
			if (++depth > limit) throw tooDeep(limit);
		} else if (code === 0x5d || code === 0x7d) depth--;
	}
}

/** Deepest indentation a YAML body may have: a block nesting this deep is no Kubernetes object. */
const maxYamlIndent = 512;

/**
 * Refuses YAML the YAML library handles badly before it parses it: deep flow collections ('[[[[...') make it compile
 * regular expressions until the process runs out of memory, and deep block nesting is slow. Quote-aware for flow
 * brackets; counts only opening brackets against closing ones, so balanced text in strings is harmless.
 */
function checkYamlNesting(text: string, limit = maxBodyDepth): void {
	let depth = 0;
	let quote = 0;
	let lineStart = true;
	let indent = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === 0x0a) {
			lineStart = true;
			indent = 0;
			continue;
		}
		if (lineStart) {
			if (code === 0x20) {
				if (++indent > maxYamlIndent) throw tooDeep(limit);
				continue;
			}
			lineStart = false;
		}
		if (quote) {
			if (code === quote) quote = 0;
			else if (quote === 0x22 && code === 0x5c) index++;
		} else if (code === 0x22 || code === 0x27) {
			// A quote opens a string only where a scalar starts, not inside a word (don't, O'Brien).
			const before = index > 0 ? text.charCodeAt(index - 1) : 0x20;
			if (before === 0x20 || before === 0x5b || before === 0x7b || before === 0x2c || before === 0x3a || before === 0x0a || before === 0x2d) quote = code;
		} else if (code === 0x5b || code === 0x7b) {
			if (++depth > limit) throw tooDeep(limit);
		} else if ((code === 0x5d || code === 0x7d) && depth > 0) depth--;
	}
}

export function parseJson(text: string): unknown {
	checkJsonNesting(text);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw errors.badRequest(`error decoding JSON: ${syntaxMessage(error)}`);
	}
	checkDepth(value);
	return value;
}

export async function parseYaml(text: string): Promise<unknown> {
	checkYamlNesting(text);
	const yaml = await import('yaml');
	let value: unknown;
	try {
		const documents = yaml.parseAllDocuments(text, {prettyErrors: false});
		if (!Array.isArray(documents)) throw new Error('not a YAML stream');
		const present = documents.filter(document => document.contents !== null);
		if (present.length > 1) throw new Error('a request body holds one object, not several YAML documents');
		const document = present[0] ?? documents[0];
		if (document?.errors.length) throw document.errors[0];
		value = document ? document.toJS({maxAliasCount: 50}) : null;
	} catch (error) {
		throw errors.badRequest(`error decoding YAML: ${syntaxMessage(error)}`);
	}
	checkDepth(value);
	return value;
}

/**
 * A body as a plain JSON value, decoded by its Content-Type: JSON (the default when none is given), YAML or
 * Kubernetes protobuf. Anything else is 415.
 */
export async function decodeBody(contentType: string | undefined, body: Buffer): Promise<unknown> {
	const type = mediaType(contentType);
	if (type === '' || type === 'application/json') return parseJson(body.toString('utf8'));
	if (type === 'application/yaml') return parseYaml(body.toString('utf8'));
	if (type === protobufContentType) {
		let value: unknown;
		try {
			value = decodeKubernetesProtobuf(body);
		} catch (error) {
			throw errors.badRequest(`error decoding protobuf: ${syntaxMessage(error)}`);
		}
		checkDepth(value);
		return value;
	}
	throw errors.unsupportedMediaType(type || 'none');
}

/** A body that must be one JSON object (a Kubernetes object, DeleteOptions, Scale ...). */
export async function decodeObjectBody(contentType: string | undefined, body: Buffer): Promise<Record<string, unknown>> {
	if (body.length === 0) throw errors.badRequest('the request body is empty; an object was expected');
	const value = await decodeBody(contentType, body);
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw errors.badRequest(`the request body must be an object, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
	return value as Record<string, unknown>;
}
