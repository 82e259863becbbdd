import type {FetchInit, HttpResponse, PodNetwork} from '../runtime/types.js';
import {NetworkError as RuntimeNetworkError} from '../runtime/network-error.js';
import type {ServiceNetwork} from './index.js';
import {NetworkError} from './index.js';

/** The network as one pod's programs see it: names resolve in the pod's namespace, as its resolv.conf says. */
export function podNetwork(network: () => ServiceNetwork | undefined, namespace: string): PodNetwork {
	return {
		async fetch(url: string, init: FetchInit = {}): Promise<HttpResponse> {
			const routes = network();
			const host = safeHost(url);
			if (!routes) throw new RuntimeNetworkError('ECONNREFUSED', host, host, 'Connection refused');
			try {
				const response = await routes.fetchFromPod(namespace, url, {
					method: init.method ?? 'GET',
					path: '/',
					headers: init.headers ?? {},
					body: Buffer.from(init.body ?? ''),
				});
				return {status: response.status, headers: response.headers, body: Buffer.from(response.body).toString('utf8')};
			} catch (error) {
				if (error instanceof NetworkError) throw new RuntimeNetworkError(error.code, host, host, error.message);
				throw error;
			}
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
