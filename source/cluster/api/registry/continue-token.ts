import {errors} from '../status.js';

/** The opaque `continue` of a paged list: the revision it was read at and the last key returned. */
export type ContinueToken = {revision: number; start: string};

export function encodeContinue(token: ContinueToken): string {
	return Buffer.from(JSON.stringify({v: 'meta.k8s.io/v1', rv: token.revision, start: token.start})).toString('base64url');
}

export function decodeContinue(text: string): ContinueToken {
	try {
		const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {rv?: unknown; start?: unknown};
		if (typeof parsed.rv === 'number' && typeof parsed.start === 'string') return {revision: parsed.rv, start: parsed.start};
	} catch {}
	throw errors.badRequest('continue key is not valid: invalid continue token');
}
