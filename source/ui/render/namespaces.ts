import type {Namespace} from 'kubernetes-types/core/v1.js';
import {ageColumn, makeRow, nameColumn} from './common.js';
import type {Column, Renderer} from './types.js';

const columns: Column[] = [nameColumn, {id: 'status', title: 'STATUS', priority: 1}, ageColumn];

export const namespacesRenderer: Renderer = {
	columns: () => columns,
	row(object) {
		const namespace = object as unknown as Namespace;
		const phase = namespace.status?.phase ?? 'Active';
		return makeRow(object, [namespace.metadata?.name ?? '', phase, ''], phase === 'Terminating' ? 'terminating' : 'normal');
	},
};
