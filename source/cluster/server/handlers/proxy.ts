/**
 * pods/proxy and services/proxy: any method, the rest of the path and the query passed on to the pod's program or
 * the service's endpoints. The name may carry a port, `web-1:8080` or `https:web:443`, as in Kubernetes.
 */
import type {KubeObject} from '../../api/object.js';
import {errors} from '../../api/status.js';
import type {ProxyRequest} from '../../cluster-types.js';
import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {readBody} from '../request-body.js';
import {send} from '../respond.js';

/** Headers that belong to one connection, not to the request, and the credentials meant for the API server. */
const notForwarded = new Set([
	'authorization',
	'connection',
	'keep-alive',
	'proxy-authenticate',
	'proxy-authorization',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade',
	'content-length',
	'host',
]);

export type ProxyTarget = {name: string; port?: string};

/** `name`, `name:port` or `scheme:name:port`. */
export function parseProxyName(raw: string): ProxyTarget {
	const parts = raw.split(':');
	if (parts.length === 1) return {name: raw};
	if (parts.length === 2) return {name: parts[0]!, port: parts[1] || undefined};
	if (parts.length === 3 && (parts[0] === 'http' || parts[0] === 'https' || parts[0] === '')) return {name: parts[1]!, port: parts[2] || undefined};
	throw errors.badRequest(`invalid proxy target "${raw}"`);
}

function podPort(pod: KubeObject, port: string | undefined): number | undefined {
	if (port === undefined) return undefined;
	if (/^\d+$/.test(port)) {
		const number = Number(port);
		if (number < 1 || number > 65535) throw errors.badRequest(`invalid port ${port}`);
		return number;
	}
	const containers = ((pod['spec'] as {containers?: Array<{ports?: Array<{name?: string; containerPort: number}>}>} | undefined)?.containers ?? []);
	for (const container of containers) for (const entry of container.ports ?? []) if (entry.name === port) return entry.containerPort;
	throw errors.badRequest(`pod ${pod.metadata.name ?? ''} has no port named "${port}"`);
}

export async function proxyToObject(context: RequestContext, path: ResourcePath, rawName: string): Promise<void> {
	const {request, response, cluster} = context;
	const namespace = path.namespace!;
	const target = parseProxyName(rawName);
	const object = cluster.api.get(path.info.plural, namespace, target.name);
	const method = (request.method ?? 'GET').toUpperCase();
	const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(request);
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(request.headers)) {
		if (value === undefined || notForwarded.has(key)) continue;
		headers[key] = Array.isArray(value) ? value.join(', ') : value;
	}
	const forwardedFor = request.socket.remoteAddress;
	if (forwardedFor) headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${forwardedFor}` : forwardedFor;
	const queryStart = (request.url ?? '').indexOf('?');
	const search = queryStart >= 0 ? (request.url ?? '').slice(queryStart) : '';
	const proxied: ProxyRequest = {method, path: (path.remainder || '/') + search, headers, body};
	const answer =
		path.info.plural === 'pods'
			? await cluster.runtime.proxy(namespace, target.name, podPort(object, target.port), proxied)
			: await cluster.runtime.serviceProxy(namespace, target.name, target.port, proxied);
	const outgoing: Record<string, string> = {};
	for (const [key, value] of Object.entries(answer.headers)) if (!notForwarded.has(key.toLowerCase())) outgoing[key] = value;
	const contentType = outgoing['content-type'] ?? outgoing['Content-Type'] ?? 'text/plain; charset=utf-8';
	delete outgoing['content-type'];
	delete outgoing['Content-Type'];
	send(response, answer.status, contentType, method === 'HEAD' ? Buffer.alloc(0) : answer.body, outgoing);
}
