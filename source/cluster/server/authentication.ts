import {timingSafeEqual} from 'node:crypto';
import type {IncomingMessage} from 'node:http';

/**
 * Bearer-token authentication. The header is compared in constant time, so the token cannot be guessed byte by
 * byte from response times (only its length, which is fixed and not secret, shows).
 */
export function tokenChecker(token: string): (request: IncomingMessage) => 'valid' | 'invalid' | 'missing' {
	const expected = Buffer.from(`Bearer ${token}`);
	return request => {
		const header = request.headers.authorization;
		if (!header) return 'missing';
		const offered = Buffer.from(header);
		if (offered.length === expected.length && timingSafeEqual(offered, expected)) return 'valid';
		// Other spellings of the scheme and spacing, as the HTTP grammar allows.
		const match = /^bearer\s+(\S+)\s*$/i.exec(header);
		if (!match || match[1]!.length !== token.length) return 'invalid';
		return timingSafeEqual(Buffer.from(match[1]!), Buffer.from(token)) ? 'valid' : 'invalid';
	};
}

/** Paths Kubernetes lets anyone read (the system:public-info-viewer role): health and version. */
export function isPublicPath(pathname: string): boolean {
	return (
		pathname === '/version' ||
		pathname === '/version/' ||
		pathname === '/healthz' ||
		pathname === '/livez' ||
		pathname === '/readyz' ||
		pathname.startsWith('/healthz/') ||
		pathname.startsWith('/livez/') ||
		pathname.startsWith('/readyz/')
	);
}
