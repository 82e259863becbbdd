import type {KubeObject} from '../cluster/api/object.js';
import type {Query, Transport} from './transport.js';
import {ClientError} from './types.js';

export type ListOptions = {
	query?: Query;
	/** Objects per page; 0 asks for the whole list in one answer. */
	pageSize: number;
	signal?: AbortSignal;
};

export type ListResult = {items: KubeObject[]; resourceVersion: string};

type ListBody = {metadata?: {resourceVersion?: string; continue?: string}; items?: KubeObject[]};
type Page = {body: Promise<ListBody>; next?: {token: string; page: Page}};

const pageTimeoutMs = 120_000;

/**
 * Reads a whole list, page after page with continue. An API server writes a list's metadata before its items, so
 * the next page is asked for as soon as its token shows at the start of the body: the server works on page n+1
 * while page n is still on the wire and being parsed. The token read early is checked against the parsed page.
 */
export async function readList(transport: Transport, path: string, options: ListOptions): Promise<ListResult> {
	const items: KubeObject[] = [];
	let resourceVersion = '';
	let page = requestPage(transport, path, options, undefined);
	for (;;) {
		const body = await page.body;
		if (!body || typeof body !== 'object') throw new ClientError(`the server sent no list for ${path}`, undefined, 'BadResponse');
		resourceVersion = body.metadata?.resourceVersion ?? resourceVersion;
		for (const item of body.items ?? []) items.push(item);
		const token = body.metadata?.continue || undefined;
		if (!token || options.signal?.aborted) break;
		page = page.next?.token === token ? page.next.page : requestPage(transport, path, options, token);
	}
	return {items, resourceVersion};
}

function requestPage(transport: Transport, path: string, options: ListOptions, token: string | undefined): Page {
	const paged = options.pageSize > 0;
	const page: Page = {body: Promise.resolve({})};
	const onHead = (head: string): boolean => {
		const found = continueInHead(head);
		if (found === undefined) return false;
		if (found) {
			const next = requestPage(transport, path, options, found);
			// Read only if this page's parsed token matches; a failure then surfaces there.
			next.body.catch(() => undefined);
			page.next = {token: found, page: next};
		}
		return true;
	};
	page.body = transport
		.text(path, {query: {...options.query, limit: paged ? options.pageSize : undefined, continue: token}, signal: options.signal, timeoutMs: pageTimeoutMs}, paged ? onHead : undefined)
		.then(text => {
			try {
				return JSON.parse(text) as ListBody;
			} catch {
				throw new ClientError(`the server sent a list that is not JSON for ${path}`, undefined, 'BadResponse');
			}
		});
	return page;
}

/** The continue token if the head shows one before the items, '' if it shows the items start without one, else undefined. */
function continueInHead(head: string): string | undefined {
	const items = head.indexOf('"items":');
	if (items === -1) return undefined;
	const match = /"continue":"((?:[^"\\]|\\.)*)"/.exec(head.slice(0, items));
	if (!match) return '';
	try {
		return JSON.parse(`"${match[1]}"`) as string;
	} catch {
		return '';
	}
}
