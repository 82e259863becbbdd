import type {StatefulSet} from 'kubernetes-types/apps/v1.js';
import {ageColumn, makeRow, nameColumn, namespaceColumn, withNamespace} from './common.js';
import type {Column, Renderer, RowState} from './types.js';

const columns: Column[] = [
	nameColumn,
	{id: 'ready', title: 'READY', priority: 1},
	{id: 'service', title: 'SERVICE', priority: 4},
	ageColumn,
];

export const statefulSetsRenderer: Renderer = {
	columns: ({allNamespaces}) => withNamespace(allNamespaces, namespaceColumn, columns),
	row(object, {allNamespaces}) {
		const statefulSet = object as unknown as StatefulSet;
		const desired = statefulSet.spec?.replicas ?? 1;
		const ready = statefulSet.status?.readyReplicas ?? 0;
		let state: RowState = ready === desired ? 'running' : 'pending';
		if (statefulSet.metadata?.deletionTimestamp) state = 'terminating';
		else if (desired === 0) state = 'completed';
		const cells = [statefulSet.metadata?.name ?? '', `${ready}/${desired}`, statefulSet.spec?.serviceName ?? '', ''];
		return makeRow(object, withNamespace(allNamespaces, statefulSet.metadata?.namespace ?? '', cells), state);
	},
};
