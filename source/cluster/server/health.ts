import type {ServerResponse} from 'node:http';
import {send} from './respond.js';

const checks = ['ping', 'log', 'store', 'informer-sync'];

/** /healthz, /livez, /readyz (and their /<check> forms), with `?verbose` listing the checks as Kubernetes does. */
export function answerHealth(response: ServerResponse, pathname: string, query: URLSearchParams, ready: boolean): void {
	const which = pathname.split('/')[1]!;
	const ok = which !== 'readyz' || ready;
	if (query.has('verbose')) {
		const lines = checks.map(check => `[+]${check} ok`);
		if (!ok) lines.push('[-]shutdown failed: reason withheld');
		lines.push(ok ? `${which} check passed` : `${which} check failed`);
		send(response, ok ? 200 : 500, 'text/plain; charset=utf-8', `${lines.join('\n')}\n`);
		return;
	}
	send(response, ok ? 200 : 500, 'text/plain; charset=utf-8', ok ? 'ok' : `[-]shutdown failed: reason withheld\n${which} check failed`);
}
