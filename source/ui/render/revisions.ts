import type {ReplicaSet} from 'kubernetes-types/apps/v1.js';
import type {KubeObject} from '../../cluster/api/object.js';
import {ageColumn, makeRow} from './common.js';
import type {Column, Renderer} from './types.js';

export const revisionAnnotation = 'deployment.kubernetes.io/revision';
export const changeCauseAnnotation = 'kubernetes.io/change-cause';

export function revisionOf(object: KubeObject): number {
	return Number(object.metadata.annotations?.[revisionAnnotation] ?? 0) || 0;
}

const columns: Column[] = [
	{id: 'revision', title: 'REVISION', priority: 0, align: 'right', sortValue: revisionOf},
	{id: 'name', title: 'REPLICASET', priority: 2, maxWidth: 50},
	{id: 'images', title: 'IMAGES', priority: 0, flexible: true, maxWidth: 60},
	{id: 'replicas', title: 'REPLICAS', priority: 3, align: 'right'},
	{id: 'change-cause', title: 'CHANGE-CAUSE', priority: 4, maxWidth: 40},
	ageColumn,
];

/** A deployment's ReplicaSets as `kubectl rollout history` lists revisions, with each one's images. */
export const revisionsRenderer: Renderer = {
	columns: () => columns,
	row(object) {
		const replicaSet = object as unknown as ReplicaSet;
		const images = (replicaSet.spec?.template?.spec?.containers ?? []).map(container => container.image ?? '').join(',');
		const cells = [
			String(revisionOf(object)),
			replicaSet.metadata?.name ?? '',
			images,
			String(replicaSet.status?.replicas ?? 0),
			replicaSet.metadata?.annotations?.[changeCauseAnnotation] ?? '<none>',
			'',
		];
		return makeRow(object, cells, (replicaSet.status?.replicas ?? 0) > 0 ? 'running' : 'completed');
	},
	defaultSort: {column: 'revision', descending: true},
};
