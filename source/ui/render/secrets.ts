import type {Secret} from 'kubernetes-types/core/v1.js';
import {ageColumn, makeRow, nameColumn, namespaceColumn, withNamespace} from './common.js';
import type {Column, Renderer} from './types.js';

const columns: Column[] = [
	nameColumn,
	{id: 'type', title: 'TYPE', priority: 1, maxWidth: 40},
	{id: 'data', title: 'DATA', priority: 1, align: 'right'},
	ageColumn,
];

export const secretsRenderer: Renderer = {
	columns: ({allNamespaces}) => withNamespace(allNamespaces, namespaceColumn, columns),
	row(object, {allNamespaces}) {
		const secret = object as unknown as Secret;
		const count = Object.keys(secret.data ?? {}).length + Object.keys(secret.stringData ?? {}).length;
		const cells = [secret.metadata?.name ?? '', secret.type ?? 'Opaque', String(count), ''];
		return makeRow(object, withNamespace(allNamespaces, secret.metadata?.namespace ?? '', cells));
	},
};
