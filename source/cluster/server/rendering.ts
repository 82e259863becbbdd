import {ApiError} from '../api/status.js';
import type {RequestContext} from './context.js';
import {chooseRendering, tableContentType, type Rendering} from './negotiation.js';
import {sendBody} from './respond.js';

function notAcceptable(accept: string): ApiError {
	return new ApiError({
		kind: 'Status',
		apiVersion: 'v1',
		metadata: {},
		status: 'Failure',
		message: `only the following media types are accepted: application/json, application/yaml (the server does not write ${accept})`,
		reason: 'NotAcceptable',
		code: 406,
	});
}

/** The rendering the client asked for; `transforms` for endpoints that can answer as Table or metadata only. */
export function renderingFor(context: RequestContext, transforms: boolean): Rendering {
	const accept = context.request.headers.accept;
	const rendering = chooseRendering(accept, transforms);
	if (!rendering) throw notAcceptable(accept ?? '');
	return rendering;
}

/** Sends a value already shaped for `rendering` (a Table for 'table'). */
export function sendRendered(context: RequestContext, code: number, value: unknown, rendering: Rendering): Promise<void> {
	return sendBody(context.response, code, value, {
		yaml: rendering === 'yaml',
		pretty: context.pretty,
		contentType: rendering === 'table' ? tableContentType : undefined,
	});
}
