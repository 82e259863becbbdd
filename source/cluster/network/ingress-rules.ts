/**
 * Ingress routing as an ingress controller reads it: all Ingresses merged into one table, a request matched by host
 * (exact, then one-label wildcard, then rules without a host) and then by path (longest first; Exact before Prefix
 * before ImplementationSpecific; the older Ingress on a tie), with the oldest default backend for the rest.
 */
import type {Ingress, IngressBackend} from 'kubernetes-types/networking/v1.js';

export type IngressTarget = {namespace: string; ingress: string; service: string; port: {number?: number; name?: string}};

type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';
type Route = {type: PathType; path: string; target: IngressTarget; order: number};

const typeRank: Record<PathType, number> = {Exact: 0, Prefix: 1, ImplementationSpecific: 2};

export class IngressTable {
	private readonly exact = new Map<string, Route[]>();
	private readonly wildcard = new Map<string, Route[]>();
	private readonly anyHost: Route[] = [];
	private readonly fallback: IngressTarget | undefined;

	constructor(ingresses: readonly Ingress[]) {
		const ordered = [...ingresses].sort(
			(a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || keyOf(a).localeCompare(keyOf(b)),
		);
		let fallback: IngressTarget | undefined;
		ordered.forEach((ingress, order) => {
			const namespace = ingress.metadata?.namespace ?? 'default';
			const name = ingress.metadata?.name ?? '';
			const target = (backend: IngressBackend | undefined) => (backend?.service ? {namespace, ingress: name, service: backend.service.name, port: {...backend.service.port}} : undefined);
			fallback ??= target(ingress.spec?.defaultBackend);
			for (const rule of ingress.spec?.rules ?? []) {
				const host = rule.host?.toLowerCase();
				let routes = this.anyHost;
				if (host?.startsWith('*.')) routes = getOrAdd(this.wildcard, host.slice(1));
				else if (host) routes = getOrAdd(this.exact, host);
				for (const path of rule.http?.paths ?? []) {
					const to = target(path.backend);
					if (to) routes.push({type: (path.pathType ?? 'ImplementationSpecific') as PathType, path: path.path || '/', target: to, order});
				}
			}
		});
		this.fallback = fallback;
		for (const routes of [this.anyHost, ...this.exact.values(), ...this.wildcard.values()])
			routes.sort((a, b) => b.path.length - a.path.length || typeRank[a.type] - typeRank[b.type] || a.order - b.order);
	}

	/** Where a request for host and path (query included or not) goes; undefined for the 404 page. */
	match(hostHeader: string | undefined, pathWithQuery: string): IngressTarget | undefined {
		const host = (hostHeader ?? '').toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
		const path = pathWithQuery.split('?')[0] || '/';
		const dot = host.indexOf('.');
		const routes = this.exact.get(host) ?? (dot > 0 ? this.wildcard.get(host.slice(dot)) : undefined) ?? this.anyHost;
		return routes.find(route => matches(route, path))?.target ?? this.fallback;
	}
}

function matches(route: Route, path: string): boolean {
	if (route.type === 'Exact') return path === route.path;
	if (route.type === 'ImplementationSpecific') return path.startsWith(route.path);
	// Prefix: whole path elements, and a trailing slash on either side does not matter.
	const prefix = route.path.replace(/\/+$/, '');
	return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

function getOrAdd(map: Map<string, Route[]>, key: string): Route[] {
	let routes = map.get(key);
	if (!routes) map.set(key, (routes = []));
	return routes;
}

function keyOf(ingress: Ingress): string {
	return `${ingress.metadata?.namespace}/${ingress.metadata?.name}`;
}
