import type {Column, Row} from '../render/types.js';

export type Sort = {column: string; descending: boolean};

/** Pressing a sort key: the first press sorts ascending by that column, the next press reverses. */
export function toggleSort(current: Sort | undefined, column: string): Sort {
	if (current?.column === column) return {column, descending: !current.descending};
	return {column, descending: false};
}

const numeric = /^-?\d+(?:\.\d+)?/;

function compareValues(left: string | number, right: string | number): number {
	if (typeof left === 'number' && typeof right === 'number') return left - right;
	const leftText = String(left);
	const rightText = String(right);
	const leftNumber = numeric.exec(leftText);
	const rightNumber = numeric.exec(rightText);
	if (leftNumber && rightNumber) {
		const difference = Number(leftNumber[0]) - Number(rightNumber[0]);
		if (difference !== 0) return difference;
	}

	return leftText < rightText ? -1 : (leftText > rightText ? 1 : 0);
}

/**
 * Rows ordered by one column; ties keep namespace/name order so the table does not shuffle between updates.
 * Sort values are computed once per row (13k rows sort in a few milliseconds).
 */
export function sortRows(rows: readonly Row[], columns: readonly Column[], sort: Sort | undefined): readonly Row[] {
	const column = sort ? columns.findIndex(candidate => candidate.id === sort.column) : -1;
	const spec = column >= 0 ? columns[column] : undefined;
	const values = rows.map(row => {
		let value: string | number = row.key;
		if (spec?.sortValue) value = spec.sortValue(row.object);
		else if (spec) value = row.cells[column] ?? '';
		return {row, value};
	});
	const direction = sort?.descending ? -1 : 1;
	values.sort((left, right) => {
		const order = spec ? compareValues(left.value, right.value) * direction : 0;
		if (order !== 0) return order;
		return left.row.key < right.row.key ? -1 : (left.row.key > right.row.key ? 1 : 0);
	});
	return values.map(entry => entry.row);
}
