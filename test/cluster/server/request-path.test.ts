import {describe, expect, it} from 'vitest';
import {parseApiPath} from '../../../source/cluster/server/request-path.js';

describe('parseApiPath', () => {
	it('reads namespaced objects, collections and subresources', () => {
		const pod = parseApiPath('/api/v1/namespaces/default/pods/web-1');
		expect(pod).toMatchObject({type: 'resource', namespace: 'default', name: 'web-1', subresource: undefined});
		expect(pod.type === 'resource' && pod.info.plural).toBe('pods');
		expect(parseApiPath('/apis/apps/v1/namespaces/default/deployments/web/scale')).toMatchObject({name: 'web', subresource: 'scale'});
		expect(parseApiPath('/api/v1/pods')).toMatchObject({type: 'resource', namespace: undefined, name: undefined});
		expect(parseApiPath('/api/v1/namespaces/default/pods/')).toMatchObject({type: 'resource', name: undefined});
	});

	it('tells a namespace object from a namespace scope', () => {
		const namespace = parseApiPath('/api/v1/namespaces/default');
		expect(namespace).toMatchObject({type: 'resource', namespace: undefined, name: 'default'});
		expect(namespace.type === 'resource' && namespace.info.plural).toBe('namespaces');
		expect(parseApiPath('/api/v1/namespaces/default/status')).toMatchObject({name: 'default', subresource: 'status'});
		expect(parseApiPath('/api/v1/namespaces')).toMatchObject({type: 'resource', name: undefined});
	});

	it('keeps the raw remainder of proxy paths', () => {
		expect(parseApiPath('/api/v1/namespaces/default/pods/web-1:8080/proxy/a/b%20c')).toMatchObject({name: 'web-1:8080', subresource: 'proxy', remainder: '/a/b%20c'});
		expect(parseApiPath('/api/v1/namespaces/default/services/web/proxy/')).toMatchObject({subresource: 'proxy', remainder: '/'});
		expect(parseApiPath('/api/v1/namespaces/default/services/web/proxy')).toMatchObject({subresource: 'proxy', remainder: ''});
	});

	it('reads the legacy watch prefix', () => {
		expect(parseApiPath('/api/v1/watch/namespaces/default/pods')).toMatchObject({type: 'resource', watchPrefix: true, namespace: 'default'});
	});

	it('rejects resources outside their group-version and paths too long', () => {
		expect(parseApiPath('/api/v1/deployments').type).toBe('other');
		expect(parseApiPath('/apis/apps/v1/pods').type).toBe('other');
		// A cluster-scoped kind under a namespace reads as a (missing) subresource of the namespace: 404 either way.
		expect(parseApiPath('/api/v1/namespaces/default/nodes')).toMatchObject({name: 'default', subresource: 'nodes'});
		expect(parseApiPath('/api/v1/namespaces/default/pods/a/b/c').type).toBe('other');
		expect(parseApiPath('/api/v1/namespaces/default/pods//x').type).toBe('other');
		expect(parseApiPath('/nope').type).toBe('other');
	});

	it('reads discovery and metrics paths', () => {
		expect(parseApiPath('/api')).toEqual({type: 'discovery', legacy: true});
		expect(parseApiPath('/apis')).toEqual({type: 'discovery', legacy: false});
		expect(parseApiPath('/api/v1')).toEqual({type: 'discovery', group: '', version: 'v1', legacy: true});
		expect(parseApiPath('/apis/apps/v1')).toEqual({type: 'discovery', group: 'apps', version: 'v1', legacy: false});
		expect(parseApiPath('/apis/metrics.k8s.io/v1beta1/nodes/node1')).toEqual({type: 'metrics', resource: 'nodes', namespace: undefined, name: 'node1'});
		expect(parseApiPath('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods')).toEqual({type: 'metrics', resource: 'pods', namespace: 'default', name: undefined});
	});
});
