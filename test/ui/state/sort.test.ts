import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {ageColumn, makeRow, nameColumn} from '../../../source/ui/render/common.js';
import type {Column} from '../../../source/ui/render/types.js';
import {sortRows, toggleSort} from '../../../source/ui/state/sort.js';

const columns: Column[] = [nameColumn, {id: 'restarts', title: 'RESTARTS', priority: 1}, ageColumn];
function row(name: string, restarts: string, created: string) {
	const object: KubeObject = {metadata: {name, namespace: 'default', creationTimestamp: created as never}};
	return makeRow(object, [name, restarts, '']);
}

const rows = [row('b', '10', '2024-01-02T00:00:00Z'), row('a', '9', '2024-01-03T00:00:00Z'), row('c', '0', '2024-01-01T00:00:00Z')];
const order = (column: string, descending = false) => sortRows(rows, columns, {column, descending}).map(entry => entry.object.metadata.name);

describe('sort', () => {
	it('toggles: first press ascending, again reverses, another column starts ascending', () => {
		expect(toggleSort(undefined, 'name')).toEqual({column: 'name', descending: false});
		expect(toggleSort({column: 'name', descending: false}, 'name')).toEqual({column: 'name', descending: true});
		expect(toggleSort({column: 'name', descending: true}, 'age')).toEqual({column: 'age', descending: false});
	});

	it('sorts by name, numbers as numbers, and age youngest first', () => {
		expect(order('name')).toEqual(['a', 'b', 'c']);
		expect(order('name', true)).toEqual(['c', 'b', 'a']);
		expect(order('restarts')).toEqual(['c', 'a', 'b']);
		expect(order('age')).toEqual(['a', 'b', 'c']);
	});
});
