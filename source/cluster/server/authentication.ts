import {createHash, timingSafeEqual} from 'node:crypto';
import type {IncomingMessage} from 'node:http';

/**
 * Bearer-token authentication. The comparison takes the same time whatever the token sent, so the token cannot be
 * guessed byte by byte from response times.
 */
export function tokenChecker(token: string): (request: IncomingMessage) => 'valid' | 'invalid' | 'missing' {
	const expected = createHash('sha256').update(token).digest();
	return request => {
		const header = request.headers.authorization;
		if (!header) return 'missing';
		const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
		if (!match) return 'invalid';
		const offered = createHash('sha256').update(match[1]!).digest();
		return timingSafeEqual(offered, expected) ? 'valid' : 'invalid';
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
