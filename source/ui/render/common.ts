import type {KubeObject} from '../../cluster/api/object.js';
import {age} from './age.js';
import type {Column, Row, RowState} from './types.js';

/** namespace/name, or name for cluster-scoped objects: the key a row keeps across updates. */
export function objectKey(object: KubeObject): string {
	const {namespace, name} = object.metadata;
	return namespace ? `${namespace}/${name ?? ''}` : name ?? '';
}

export const namespaceColumn: Column = {id: 'namespace', title: 'NAMESPACE', priority: 3, maxWidth: 24};
export const nameColumn: Column = {id: 'name', title: 'NAME', priority: 0, flexible: true, maxWidth: 64};
export const ageColumn: Column = {
	id: 'age',
	title: 'AGE',
	priority: 2,
	live: {width: 7, value: (object, context) => age(createdAt(object), context.now)},
	// Youngest first reads as "ascending age".
	sortValue: object => -(Date.parse(createdAt(object) ?? '') || 0),
};

export function createdAt(object: KubeObject): string | undefined {
	return object.metadata.creationTimestamp as unknown as string | undefined;
}

export function makeRow(object: KubeObject, cells: string[], state: RowState = 'normal'): Row {
	return {key: objectKey(object), object, cells, state, search: cells.join(' ').toLowerCase()};
}

/** Prepends the namespace cell/column when the table shows all namespaces. */
export function withNamespace<T>(allNamespaces: boolean, namespace: T, rest: T[]): T[] {
	return allNamespaces ? [namespace, ...rest] : rest;
}
