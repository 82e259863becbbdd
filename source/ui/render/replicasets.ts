import type {ReplicaSet} from 'kubernetes-types/apps/v1.js';
import {ageColumn, makeRow, nameColumn, namespaceColumn, withNamespace} from './common.js';
import type {Column, Renderer, RowState} from './types.js';

const columns: Column[] = [
	nameColumn,
	{id: 'desired', title: 'DESIRED', priority: 1, align: 'right'},
	{id: 'current', title: 'CURRENT', priority: 1, align: 'right'},
	{id: 'ready', title: 'READY', priority: 1, align: 'right'},
	{id: 'images', title: 'IMAGES', priority: 5, maxWidth: 50},
	ageColumn,
];

export const replicaSetsRenderer: Renderer = {
	columns: ({allNamespaces}) => withNamespace(allNamespaces, namespaceColumn, columns),
	row(object, {allNamespaces}) {
		const replicaSet = object as unknown as ReplicaSet;
		const desired = replicaSet.spec?.replicas ?? 1;
		const current = replicaSet.status?.replicas ?? 0;
		const ready = replicaSet.status?.readyReplicas ?? 0;
		let state: RowState = 'running';
		if (replicaSet.metadata?.deletionTimestamp) state = 'terminating';
		else if (desired === 0 && current === 0) state = 'completed';
		else if (ready !== desired || current !== desired) state = 'pending';
		const images = (replicaSet.spec?.template?.spec?.containers ?? []).map(container => container.image ?? '').join(',');
		const cells = [replicaSet.metadata?.name ?? '', String(desired), String(current), String(ready), images, ''];
		return makeRow(object, withNamespace(allNamespaces, replicaSet.metadata?.namespace ?? '', cells), state);
	},
};
