import {describe, expect, it} from 'vitest';
import {fit, formatLine, naturalWidths, placeColumns} from '../../../source/ui/components/table-layout.js';
import {podsRenderer} from '../../../source/ui/render/pods.js';
import {podObject} from '../../helpers/ui-objects.js';

const columns = podsRenderer.columns({allNamespaces: true});
const rows = [podObject('kubernetes-bootcamp-fb5c67579-abcde', {namespace: 'default'})].map(object => podsRenderer.row(object, {allNamespaces: true}));

describe('table layout', () => {
	it('shows every column when there is room', () => {
		const placed = placeColumns(columns, naturalWidths(columns, rows), 120);
		expect(placed.map(entry => entry.column.title)).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'CPU', 'MEM', 'IP', 'NODE', 'AGE']);
	});

	it('drops the least important columns first as the width shrinks', () => {
		const at = (width: number) => placeColumns(columns, naturalWidths(columns, rows), width).map(entry => entry.column.title);
		expect(at(90)).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
		expect(at(80)).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'AGE']);
		expect(at(60)).toEqual(['NAME', 'READY', 'STATUS', 'AGE']);
		expect(placeColumns(columns, naturalWidths(columns, rows), 60)[0].width).toBe(34);
		expect(at(45)).toEqual(['NAME', 'READY', 'STATUS']);
		expect(at(20)).toEqual(['NAME']);
	});

	it('shrinks NAME with an ellipsis when even it does not fit, and fits cells', () => {
		const placed = placeColumns(columns, naturalWidths(columns, rows), 20);
		expect(placed[0].width).toBe(19);
		expect(fit('kubernetes-bootcamp', 10)).toBe('kubernete…');
		expect(fit('7', 3, 'right')).toBe('  7');
		expect(formatLine(placed, () => 'x'.repeat(30), 20)).toHaveLength(20);
		expect(formatLine(placed, () => 'x', 20)).toBe(' x');
	});
});
