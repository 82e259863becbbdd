import {describe, expect, it} from 'vitest';
import {appReducer, openCommandPrompt, tableView, type AppAction} from '../../../source/ui/state/app-reducer.js';
import type {AppState} from '../../../source/ui/state/app-state.js';

function initial(): AppState {
	return {stack: [tableView('pods', 'default')], namespace: 'default', favourites: ['default'], history: [], theme: 'dark'};
}

const run = (state: AppState, ...actions: AppAction[]) => actions.reduce(appReducer, state);

describe('app reducer', () => {
	it('pushes, pops and never pops the last view', () => {
		let state = run(initial(), {type: 'view.push', view: {type: 'help', id: 99, top: 0}});
		expect(state.stack.map(view => view.type)).toEqual(['table', 'help']);
		state = run(state, {type: 'view.pop'}, {type: 'view.pop'});
		expect(state.stack.map(view => view.type)).toEqual(['table']);
	});

	it('resets the stack for a new pane and closes the prompt', () => {
		const state = run(initial(), {type: 'prompt.open', prompt: openCommandPrompt()}, {type: 'view.reset', view: tableView('deployments', 'default')});
		expect(state.stack).toHaveLength(1);
		expect(state.prompt).toBeUndefined();
	});

	it('switches namespace: the table follows and the namespace becomes a favourite', () => {
		const state = run(initial(), {type: 'namespace.set', namespace: 'kube-system'}, {type: 'namespace.set', namespace: undefined});
		expect(state.namespace).toBeUndefined();
		expect(state.favourites).toEqual(['kube-system', 'default']);
		const view = state.stack[0];
		expect(view.type === 'table' && view.namespace).toBeUndefined();
	});

	it('sets a filter on the table and resets its selection', () => {
		const state = run(initial(), {type: 'filter.set', text: 'web'});
		const view = state.stack[0];
		expect(view.type === 'table' && view.filter).toBe('web');
	});

	it('walks command history with a draft kept', () => {
		let state = run(initial(), {type: 'history.add', command: 'pods'}, {type: 'history.add', command: 'deploy'}, {type: 'history.add', command: 'pods'});
		expect(state.history).toEqual(['deploy', 'pods']);
		state = run(state, {type: 'prompt.open', prompt: openCommandPrompt('sc')}, {type: 'prompt.history', direction: -1});
		expect(state.prompt?.line.text).toBe('pods');
		state = run(state, {type: 'prompt.history', direction: -1});
		expect(state.prompt?.line.text).toBe('deploy');
		state = run(state, {type: 'prompt.history', direction: 1}, {type: 'prompt.history', direction: 1});
		expect(state.prompt?.line.text).toBe('sc');
	});

	it('cycles dialog choices and clears only its own flash', () => {
		let state = run(initial(), {type: 'dialog.open', dialog: {kind: 'confirm', title: 'Delete', message: '', choices: [{label: 'Delete'}, {label: 'Cancel'}], selected: 0}});
		state = run(state, {type: 'dialog.select', delta: -1});
		expect(state.dialog?.selected).toBe(1);
		state = run(state, {type: 'flash', level: 'info', text: 'done'});
		const id = state.flash!.id;
		expect(run(state, {type: 'flash.clear', id: id + 1}).flash).toBeDefined();
		expect(run(state, {type: 'flash.clear', id}).flash).toBeUndefined();
	});
});
