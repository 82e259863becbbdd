import {describe, expect, it} from 'vitest';
import {createDashboard} from '../../source/ui/services.js';
import {createMemorySettings} from '../../source/ui/settings/memory-settings.js';
import {FakeClusterClient} from '../helpers/ui-fake-client.js';

function start(options: {embedded: boolean; settings?: Parameters<typeof createMemorySettings>[0]; namespace?: string; theme?: string; environment?: NodeJS.ProcessEnv}) {
	const client = new FakeClusterClient({info: {embedded: options.embedded, context: 'prod'}});
	return createDashboard({client, settings: createMemorySettings(options.settings), namespace: options.namespace, theme: options.theme, environment: options.environment ?? {}}).services.store.getState();
}

describe('dashboard start', () => {
	it('reopens a real cluster on the pane and namespace last used with its context', () => {
		const state = start({embedded: false, settings: {views: {prod: {pane: 'deployments', namespace: 'shop'}}}});
		expect(state.stack[0]).toMatchObject({resource: 'deployments', namespace: 'shop'});
		expect(state.namespace).toBe('shop');
	});

	it('opens the embedded demo on its pods in default, whatever was used last', () => {
		const state = start({embedded: true, settings: {views: {prod: {pane: 'deployments', namespace: 'shop'}}}});
		expect(state.stack[0]).toMatchObject({resource: 'pods', namespace: 'default'});
	});

	it('takes a namespace asked for, "all" meaning all namespaces', () => {
		expect(start({embedded: true, namespace: 'kube-system'}).namespace).toBe('kube-system');
		expect(start({embedded: true, namespace: 'all'}).namespace).toBeUndefined();
	});

	it('picks the theme: asked for, else monochrome without colour, else the last one, else dark', () => {
		expect(start({embedded: true, theme: 'light', environment: {NO_COLOR: '1'}}).theme).toBe('light');
		expect(start({embedded: true, settings: {theme: 'light'}, environment: {NO_COLOR: '1'}}).theme).toBe('monochrome');
		expect(start({embedded: true, settings: {theme: 'light'}}).theme).toBe('light');
		expect(start({embedded: true}).theme).toBe('dark');
	});

	it('falls back to dark with a message for a theme that cannot be loaded', () => {
		const state = start({embedded: true, theme: '/no/such/theme.json'});
		expect(state.theme).toBe('dark');
		expect(state.flash?.text).toMatch(/cannot read theme/);
	});
});
