import type {Deployment} from 'kubernetes-types/apps/v1.js';
import {ageColumn, makeRow, nameColumn, namespaceColumn, withNamespace} from './common.js';
import type {Column, Renderer, RowState} from './types.js';

const columns: Column[] = [
	nameColumn,
	{id: 'ready', title: 'READY', priority: 1},
	{id: 'up-to-date', title: 'UP-TO-DATE', priority: 2, align: 'right'},
	{id: 'available', title: 'AVAILABLE', priority: 2, align: 'right'},
	ageColumn,
];

export const deploymentsRenderer: Renderer = {
	columns: ({allNamespaces}) => withNamespace(allNamespaces, namespaceColumn, columns),
	row(object, {allNamespaces}) {
		const deployment = object as unknown as Deployment;
		const desired = deployment.spec?.replicas ?? 1;
		const ready = deployment.status?.readyReplicas ?? 0;
		const updated = deployment.status?.updatedReplicas ?? 0;
		const available = deployment.status?.availableReplicas ?? 0;
		let state: RowState = 'running';
		if (deployment.metadata?.deletionTimestamp) state = 'terminating';
		else if (desired === 0) state = 'completed';
		else if (ready !== desired || updated !== desired || available !== desired) state = 'pending';
		const cells = [deployment.metadata?.name ?? '', `${ready}/${desired}`, String(updated), String(available), ''];
		return makeRow(object, withNamespace(allNamespaces, deployment.metadata?.namespace ?? '', cells), state);
	},
};
