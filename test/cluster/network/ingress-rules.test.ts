import type {Ingress, IngressRule} from 'kubernetes-types/networking/v1.js';
import {describe, expect, it} from 'vitest';
import {IngressTable} from '../../../source/cluster/network/ingress-rules.js';

type PathSpec = [type: 'Exact' | 'Prefix' | 'ImplementationSpecific', path: string, service: string];

function ingress(name: string, rules: Array<{host?: string; paths: PathSpec[]}>, extra: {created?: string; defaultBackend?: string} = {}): Ingress {
	return {
		apiVersion: 'networking.k8s.io/v1',
		kind: 'Ingress',
		metadata: {name, namespace: 'default', creationTimestamp: extra.created ?? '2026-03-01T09:00:00Z'},
		spec: {
			...(extra.defaultBackend ? {defaultBackend: {service: {name: extra.defaultBackend, port: {number: 80}}}} : {}),
			rules: rules.map(
				(rule): IngressRule => ({
					...(rule.host ? {host: rule.host} : {}),
					http: {paths: rule.paths.map(([pathType, path, service]) => ({pathType, path, backend: {service: {name: service, port: {number: 80}}}}))},
				}),
			),
		},
	};
}

function routeOf(table: IngressTable, host: string | undefined, path: string): string | undefined {
	return table.match(host, path)?.service;
}

describe('ingress rules', () => {
	it('match Prefix paths by whole path elements, ignoring a trailing slash', () => {
		const table = new IngressTable([ingress('app', [{paths: [['Prefix', '/foo', 'foo'], ['Prefix', '/', 'root']]}])]);
		expect(routeOf(table, 'x', '/foo')).toBe('foo');
		expect(routeOf(table, 'x', '/foo/')).toBe('foo');
		expect(routeOf(table, 'x', '/foo/bar?q=1')).toBe('foo');
		expect(routeOf(table, 'x', '/foobar')).toBe('root');
		expect(routeOf(table, 'x', '/')).toBe('root');
		const slashed = new IngressTable([ingress('app', [{paths: [['Prefix', '/aaa/bbb/', 'ab']]}])]);
		expect(routeOf(slashed, 'x', '/aaa/bbb')).toBe('ab');
		expect(routeOf(slashed, 'x', '/aaa/bbbxyz')).toBeUndefined();
	});

	it('match Exact paths only exactly, and prefer them over a Prefix of the same length', () => {
		const table = new IngressTable([ingress('app', [{paths: [['Prefix', '/foo', 'prefix'], ['Exact', '/foo', 'exact']]}])]);
		expect(routeOf(table, 'x', '/foo')).toBe('exact');
		expect(routeOf(table, 'x', '/foo/')).toBe('prefix');
		expect(routeOf(table, 'x', '/foo/bar')).toBe('prefix');
	});

	it('take the longest matching path', () => {
		const table = new IngressTable([ingress('app', [{paths: [['Prefix', '/', 'root'], ['Prefix', '/api', 'api'], ['Prefix', '/api/v2', 'v2']]}])]);
		expect(routeOf(table, 'x', '/api/v2/users')).toBe('v2');
		expect(routeOf(table, 'x', '/api/v1/users')).toBe('api');
		expect(routeOf(table, 'x', '/static/a.css')).toBe('root');
	});

	it('read ImplementationSpecific as a plain string prefix', () => {
		const table = new IngressTable([ingress('app', [{paths: [['ImplementationSpecific', '/img', 'images']]}])]);
		expect(routeOf(table, 'x', '/img/a.png')).toBe('images');
		expect(routeOf(table, 'x', '/imgs/a.png')).toBe('images');
		expect(routeOf(table, 'x', '/im')).toBeUndefined();
	});

	it('choose rules by host: exact, then a one-label wildcard, then rules without a host', () => {
		const table = new IngressTable([
			ingress('app', [
				{host: 'shop.example.com', paths: [['Prefix', '/', 'shop']]},
				{host: '*.example.com', paths: [['Prefix', '/', 'wild']]},
				{paths: [['Prefix', '/', 'any']]},
			]),
		]);
		expect(routeOf(table, 'shop.example.com', '/')).toBe('shop');
		expect(routeOf(table, 'SHOP.example.com:8080', '/')).toBe('shop');
		expect(routeOf(table, 'blog.example.com', '/')).toBe('wild');
		expect(routeOf(table, 'a.blog.example.com', '/')).toBe('any');
		expect(routeOf(table, 'example.com', '/')).toBe('any');
		expect(routeOf(table, undefined, '/')).toBe('any');
		expect(routeOf(table, '127.0.0.1:8080', '/')).toBe('any');
	});

	it('send a host’s unmatched paths to the default backend, not to rules of other hosts', () => {
		const table = new IngressTable([
			ingress('app', [{host: 'a.test', paths: [['Exact', '/only', 'a']]}, {paths: [['Prefix', '/', 'any']]}]),
			ingress('fallback', [], {defaultBackend: 'default-http', created: '2026-03-01T10:00:00Z'}),
		]);
		expect(routeOf(table, 'a.test', '/only')).toBe('a');
		expect(routeOf(table, 'a.test', '/other')).toBe('default-http');
		expect(table.match('a.test', '/other')).toMatchObject({namespace: 'default', ingress: 'fallback', port: {number: 80}});
	});

	it('merge Ingresses, the older one winning a tie, and answer nothing (404) without a default backend', () => {
		const table = new IngressTable([
			ingress('newer', [{host: 'a.test', paths: [['Prefix', '/', 'newer']]}], {created: '2026-03-02T00:00:00Z'}),
			ingress('older', [{host: 'a.test', paths: [['Prefix', '/', 'older'], ['Prefix', '/x', 'x']]}], {created: '2026-03-01T00:00:00Z'}),
		]);
		expect(routeOf(table, 'a.test', '/')).toBe('older');
		expect(routeOf(table, 'a.test', '/x/y')).toBe('x');
		expect(routeOf(table, 'b.test', '/')).toBeUndefined();
	});
});
