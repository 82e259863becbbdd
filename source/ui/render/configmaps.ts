import type {ConfigMap} from 'kubernetes-types/core/v1.js';
import {ageColumn, makeRow, nameColumn, namespaceColumn, withNamespace} from './common.js';
import type {Column, Renderer} from './types.js';

const columns: Column[] = [nameColumn, {id: 'data', title: 'DATA', priority: 1, align: 'right'}, ageColumn];

export const configMapsRenderer: Renderer = {
	columns: ({allNamespaces}) => withNamespace(allNamespaces, namespaceColumn, columns),
	row(object, {allNamespaces}) {
		const configMap = object as unknown as ConfigMap;
		const count = Object.keys(configMap.data ?? {}).length + Object.keys(configMap.binaryData ?? {}).length;
		return makeRow(object, withNamespace(allNamespaces, configMap.metadata?.namespace ?? '', [configMap.metadata?.name ?? '', String(count), '']));
	},
};
