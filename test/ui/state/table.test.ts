import {describe, expect, it} from 'vitest';
import {initialTableState, resolveTable, tableReducer, type TableContext, type TableState} from '../../../source/ui/state/table.js';

function context(count: number, height = 5): TableContext {
	const keys = Array.from({length: count}, (_, index) => `row-${index}`);
	return {keys, indexOf: key => keys.indexOf(key), height};
}

function run(state: TableState, actions: Parameters<typeof tableReducer>[1][], table = context(20)): TableState {
	return actions.reduce((current, action) => tableReducer(current, action, table), state);
}

describe('table reducer', () => {
	it('moves down and up within the rows', () => {
		const state = run(initialTableState, [{type: 'move', delta: 1}, {type: 'move', delta: 1}, {type: 'move', delta: -1}]);
		expect(state).toMatchObject({selectedKey: 'row-1', selectedIndex: 1, top: 0});
		expect(run(initialTableState, [{type: 'move', delta: -1}])).toMatchObject({selectedIndex: 0});
		expect(run(initialTableState, [{type: 'move', delta: 100}])).toMatchObject({selectedIndex: 19});
	});

	it('scrolls the viewport to keep the selection visible', () => {
		const state = run(initialTableState, Array.from({length: 6}, () => ({type: 'move' as const, delta: 1})));
		expect(state).toMatchObject({selectedIndex: 6, top: 2});
	});

	it('pages by a screenful and jumps to top and bottom', () => {
		expect(run(initialTableState, [{type: 'page', direction: 1}])).toMatchObject({selectedIndex: 5, top: 5});
		expect(run(initialTableState, [{type: 'page', direction: 1}, {type: 'page', direction: -1}])).toMatchObject({selectedIndex: 0, top: 0});
		expect(run(initialTableState, [{type: 'bottom'}])).toMatchObject({selectedIndex: 19, top: 15});
		expect(run(initialTableState, [{type: 'bottom'}, {type: 'top'}])).toMatchObject({selectedIndex: 0, top: 0});
	});

	it('follows the selected object when rows move under it', () => {
		const state = run(initialTableState, [{type: 'move', delta: 3}]);
		const shuffled = context(20);
		const keys = ['row-3', ...shuffled.keys.filter(key => key !== 'row-3')];
		expect(resolveTable(state, {keys, indexOf: key => keys.indexOf(key), height: 5}).selected).toBe(0);
	});

	it('keeps the index when the selected object disappears, clamped to the rows left', () => {
		const state = run(initialTableState, [{type: 'move', delta: 3}]);
		const keys = ['row-0', 'row-1'];
		expect(resolveTable(state, {keys, indexOf: key => keys.indexOf(key), height: 5}).selected).toBe(1);
	});

	it('selects a key, and is harmless on an empty table', () => {
		expect(run(initialTableState, [{type: 'select', key: 'row-12'}])).toMatchObject({selectedIndex: 12});
		expect(run(initialTableState, [{type: 'move', delta: 1}], context(0))).toEqual(initialTableState);
		expect(resolveTable(initialTableState, context(0))).toEqual({selected: 0, top: 0});
	});
});
