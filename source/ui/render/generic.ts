import {ageColumn, makeRow, nameColumn, namespaceColumn, withNamespace} from './common.js';
import type {Column, Renderer} from './types.js';

const columns: Column[] = [nameColumn, ageColumn];

/** Any kind without its own renderer: NAME and AGE, like `kubectl get` for an unknown type. */
export const genericRenderer: Renderer = {
	columns: ({allNamespaces}) => withNamespace(allNamespaces, namespaceColumn, columns),
	row: (object, {allNamespaces}) => makeRow(object, withNamespace(allNamespaces, object.metadata.namespace ?? '', [object.metadata.name ?? '', '']),
		object.metadata.deletionTimestamp ? 'terminating' : 'normal'),
};
