import {describe, expect, it} from 'vitest';
import {KindTable} from '../../../source/ui/commands/kinds.js';
import {createCommandRunner} from '../../../source/ui/commands/run.js';
import type {Selection} from '../../../source/ui/commands/target.js';
import {rememberView} from '../../../source/ui/settings/last-view.js';
import {createMemorySettings} from '../../../source/ui/settings/memory-settings.js';
import {appReducer, tableView} from '../../../source/ui/state/app-reducer.js';
import {createStore} from '../../../source/ui/state/store.js';
import {FakeClusterClient} from '../../helpers/ui-fake-client.js';
import {bootcampObjects} from '../../helpers/ui-objects.js';

async function setup(options: {readonly?: boolean; selection?: Selection} = {}) {
	const client = new FakeClusterClient({objects: bootcampObjects(1)});
	const store = createStore(appReducer, {stack: [tableView('pods', 'default')], namespace: 'default', favourites: [], history: [], theme: 'dark'});
	const settings = createMemorySettings();
	const run = createCommandRunner({
		client,
		kinds: new KindTable(client.kinds()),
		store,
		settings,
		rememberView: view => rememberView(settings, 'kubedeck', view),
		readonly: options.readonly ?? false,
		selection: () => options.selection,
		checkTheme(name) {
			if (name !== 'light') throw new Error(`unknown theme "${name}"`);
		},
	});
	return {client, store, settings, run};
}

describe('command runner', () => {
	it('flashes the outcome of a cluster command', async () => {
		const {store, run} = await setup();
		await run('scale deploy/kubernetes-bootcamp 2');
		expect(store.getState().flash).toMatchObject({level: 'info', text: 'deployment.apps/kubernetes-bootcamp scaled'});
	});

	it('flashes the API error as the server wrote it', async () => {
		const {store, run} = await setup();
		await run('scale deploy/nope 2');
		expect(store.getState().flash).toMatchObject({level: 'error', text: 'Error: deployments.apps "nope" not found'});
	});

	it('acts on the selected row when the command names no object', async () => {
		const {client, run} = await setup({selection: {resource: 'deployments', object: await new FakeClusterClient({objects: bootcampObjects(1)}).get('deployments', 'default', 'kubernetes-bootcamp')}});
		await run('scale 4');
		expect(client.calls.find(call => call.verb === 'patch')).toMatchObject({resource: 'deployments', name: 'kubernetes-bootcamp', namespace: 'default'});
	});

	it('says so when no row is selected or the row is the wrong kind', async () => {
		const {store, run} = await setup();
		await run('scale 4');
		expect(store.getState().flash?.text).toMatch(/scale: name the object or select a row/);
	});

	it('refuses mutations in read-only mode but still navigates', async () => {
		const {client, store, run} = await setup({readonly: true});
		await run('delete deploy/kubernetes-bootcamp');
		expect(store.getState().flash).toMatchObject({level: 'warn', text: 'read-only mode: "delete" would change the cluster'});
		expect(client.calls.some(call => call.verb === 'delete')).toBe(false);
		await run('deploy');
		expect(store.getState().stack[0]).toMatchObject({resource: 'deployments'});
	});

	it('switches namespace and theme, remembering both', async () => {
		const {store, settings, run} = await setup();
		await run('ns kube-system');
		expect(store.getState().namespace).toBe('kube-system');
		expect(settings.get('views')).toEqual({kubedeck: {namespace: 'kube-system'}});
		await run('theme light');
		expect(store.getState().theme).toBe('light');
		expect(settings.get('theme')).toBe('light');
		await run('theme plaid');
		expect(store.getState().flash?.text).toMatch(/unknown theme "plaid"/);
		expect(store.getState().theme).toBe('light');
	});

	it('opens rollout history as a table of revisions', async () => {
		const {store, run} = await setup();
		await run('rollout history deploy/kubernetes-bootcamp');
		expect(store.getState().stack.at(-1)).toMatchObject({type: 'table', resource: 'replicasets', renderAs: 'revisions', scope: {title: 'deployment/kubernetes-bootcamp'}});
	});

	it('quits', async () => {
		const {store, run} = await setup();
		await run('q');
		expect(store.getState().exitCode).toBe(0);
	});
});
