import {describe, expect, it} from 'vitest';
import {parseLabelSelector} from '../../../source/ui/state/label-selector.js';
import {tableModel} from '../../../source/ui/views/table-rows.js';
import {podObject} from '../../helpers/ui-objects.js';

const items = [
	podObject('web-b', {labels: {app: 'web'}, node: 'node-1', restarts: 2}),
	podObject('web-a', {labels: {app: 'web'}, node: 'node-2', restarts: 9}),
	podObject('db-0', {labels: {app: 'db'}, node: 'node-1'}),
	podObject('cache-0', {labels: {app: 'cache'}, namespace: 'other', node: 'node-2'}),
];
const names = (model: ReturnType<typeof tableModel>) => model.rows.map(row => row.object.metadata.name);

describe('table model', () => {
	it('orders by name by default, or by the chosen column', () => {
		expect(names(tableModel({items, resource: 'pods', allNamespaces: true, filterText: ''}))).toEqual(['cache-0', 'db-0', 'web-a', 'web-b']);
		expect(names(tableModel({items, resource: 'pods', allNamespaces: true, filterText: '', sort: {column: 'restarts', descending: true}}))).toEqual(['web-a', 'web-b', 'db-0', 'cache-0']);
	});

	it('narrows to a drill-down scope, then filters', () => {
		const scoped = tableModel({items, resource: 'pods', allNamespaces: true, filterText: '', scope: {title: 'node/node-1', nodeName: 'node-1'}});
		expect(names(scoped)).toEqual(['db-0', 'web-b']);
		const bySelector = tableModel({items, resource: 'pods', allNamespaces: true, filterText: '-b', scope: {title: 'deployment/web', requirements: parseLabelSelector('app=web')}});
		expect(names(bySelector)).toEqual(['web-b']);
	});

	it('indexes the rows by key for the selection', () => {
		const model = tableModel({items, resource: 'pods', allNamespaces: true, filterText: ''});
		expect(model.keys).toEqual(['other/cache-0', 'default/db-0', 'default/web-a', 'default/web-b']);
		expect(model.indexOf('default/web-a')).toBe(2);
		expect(model.indexOf('default/none')).toBe(-1);
	});
});
