import type {FetchInit, HttpResponse, PodNetwork} from '../runtime/types.js';
import {NetworkError} from '../runtime/network-error.js';
import type {ServiceNetwork} from './index.js';

/** The network as one pod's programs see it: names resolve in the pod's namespace, as its resolv.conf says. */
export function podNetwork(network: () => ServiceNetwork | undefined, namespace: string): PodNetwork {
	return {
		async fetch(url: string, init: FetchInit = {}): Promise<HttpResponse> {
			const routes = network();
			if (!routes) {
				const host = safeHost(url);
				throw new NetworkError('ECONNREFUSED', host, host, 'Connection refused');
			}
			const response = await routes.fetchFromPod(namespace, url, {
				method: init.method ?? 'GET',
				path: '/',
				headers: init.headers ?? {},
				body: Buffer.from(init.body ?? ''),
			});
			return {status: response.status, headers: response.headers, body: Buffer.from(response.body).toString('utf8')};
		},
		async lookup(host: string): Promise<string | undefined> {
			return network()?.lookup(namespace, host);
		},
	};
}

function safeHost(url: string): string {
	try {
		return new URL(url).hostname;
	} catch {
		return url;
	}
}
