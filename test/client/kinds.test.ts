import {describe, expect, it} from 'vitest';
import {builtinKinds, resolveKind, resourcePath} from '../../source/client/kinds.js';
import type {ResourceKind} from '../../source/client/types.js';

const kind = (plural: string) => builtinKinds.find(entry => entry.plural === plural)!;

describe('resource URLs', () => {
	it('put core resources under /api/v1 and groups under /apis', () => {
		expect(resourcePath(kind('pods'), 'default')).toBe('/api/v1/namespaces/default/pods');
		expect(resourcePath(kind('pods'), undefined)).toBe('/api/v1/pods');
		expect(resourcePath(kind('pods'), 'default', 'web-1', 'log')).toBe('/api/v1/namespaces/default/pods/web-1/log');
		expect(resourcePath(kind('deployments'), 'prod', 'web')).toBe('/apis/apps/v1/namespaces/prod/deployments/web');
		expect(resourcePath(kind('ingresses'), undefined)).toBe('/apis/networking.k8s.io/v1/ingresses');
	});

	it('leave the namespace out for cluster-scoped resources', () => {
		expect(resourcePath(kind('nodes'), 'default', 'node-1')).toBe('/api/v1/nodes/node-1');
		expect(resourcePath(kind('namespaces'), undefined, 'kube-system')).toBe('/api/v1/namespaces/kube-system');
	});
});

describe('resolving what a user typed', () => {
	it('accepts plural, singular, short name and Kind, in any case', () => {
		for (const name of ['deployments', 'deployment', 'deploy', 'Deployment', 'DEPLOY']) {
			expect(resolveKind(builtinKinds, name)?.plural).toBe('deployments');
		}
		expect(resolveKind(builtinKinds, 'po')?.plural).toBe('pods');
		expect(resolveKind(builtinKinds, 'no')?.plural).toBe('nodes');
		expect(resolveKind(builtinKinds, 'frobs')).toBeUndefined();
	});

	it('tells groups apart when a name is served twice', () => {
		const kinds: ResourceKind[] = [
			{plural: 'events', kind: 'Event', group: '', version: 'v1', namespaced: true, shortNames: ['ev']},
			{plural: 'events', kind: 'Event', group: 'events.k8s.io', version: 'v1', namespaced: true, shortNames: []},
		];
		expect(resolveKind(kinds, 'events')?.group).toBe('');
		expect(resolveKind(kinds, 'events.events.k8s.io')?.group).toBe('events.k8s.io');
		expect(resolveKind(kinds, 'events.v1.events.k8s.io')?.group).toBe('events.k8s.io');
	});

	it('knows the standard kinds beyond kubedeck\'s own', () => {
		expect(resolveKind(builtinKinds, 'ds')?.group).toBe('apps');
		expect(resolveKind(builtinKinds, 'cj')?.group).toBe('batch');
		expect(resolveKind(builtinKinds, 'crd')?.namespaced).toBe(false);
	});
});
