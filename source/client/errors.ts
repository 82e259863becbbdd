import {ClientError} from './types.js';

/** What an API server answers on failure: a Status object (status.ts in the cluster), or anything else. */
type StatusBody = {kind?: string; message?: string; reason?: string; code?: number};

const connectionErrors = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/** The error for a non-2xx answer: the server's own Status message when it sent one, as kubectl shows it. */
export function responseError(code: number, body: string): ClientError {
	const status = parseStatus(body);
	if (status?.message) return new ClientError(status.message, status.code ?? code, status.reason);
	const text = body.trim();
	// kubectl prints a body that is no Status as "the server ... (get pods)" with the text; the text is what helps.
	const message = text && text.length < 500 && !text.startsWith('<') ? text : `the server responded with status ${code}`;
	return new ClientError(message, code, reasonForCode(code));
}

/** A Status carried inside a watch ERROR event. */
export function statusError(object: unknown): ClientError {
	const status = object as StatusBody | undefined;
	return new ClientError(status?.message ?? 'watch error', status?.code, status?.reason);
}

/** A socket-level failure, worded like kubectl's "Unable to connect to the server: ...". */
export function connectionError(error: unknown): ClientError {
	if (error instanceof ClientError) return error;
	const cause = error as NodeJS.ErrnoException;
	const detail = cause?.message ?? String(error);
	if (cause?.code && (connectionErrors.has(cause.code) || cause.code.startsWith('ERR_TLS') || cause.code.includes('CERT'))) {
		return new ClientError(`Unable to connect to the server: ${detail}`, undefined, 'ConnectionError');
	}
	return new ClientError(detail, undefined, 'ConnectionError');
}

/** `Error from server (NotFound): deployments.apps "x" not found`, the line kubectl prints, for any error. */
export function describeError(error: unknown): string {
	if (error instanceof ClientError) {
		if (error.code === undefined) return error.message;
		return error.reason ? `Error from server (${error.reason}): ${error.message}` : `Error from server: ${error.message}`;
	}
	return error instanceof Error ? error.message : String(error);
}

/** True for 410 Gone: the resourceVersion is too old and the list must be read again. */
export function isGone(error: unknown): boolean {
	return error instanceof ClientError && (error.code === 410 || error.reason === 'Expired' || error.reason === 'Gone');
}

function parseStatus(body: string): StatusBody | undefined {
	if (!body.startsWith('{')) return undefined;
	try {
		const parsed = JSON.parse(body) as StatusBody;
		return parsed && typeof parsed === 'object' ? parsed : undefined;
	} catch {
		return undefined;
	}
}

function reasonForCode(code: number): string | undefined {
	const reasons: Record<number, string> = {
		400: 'BadRequest',
		401: 'Unauthorized',
		403: 'Forbidden',
		404: 'NotFound',
		405: 'MethodNotAllowed',
		409: 'Conflict',
		410: 'Gone',
		415: 'UnsupportedMediaType',
		422: 'Invalid',
		429: 'TooManyRequests',
		500: 'InternalError',
		503: 'ServiceUnavailable',
		504: 'Timeout',
	};
	return reasons[code];
}
