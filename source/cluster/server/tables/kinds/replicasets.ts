import type {ReplicaSet} from 'kubernetes-types/apps/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, containersColumn, imagesColumn, nameColumn, printer} from '../printer.js';
import {containerCells, formatLabelSelector} from '../format.js';

export const replicasets = printer<ReplicaSet>(
	[
		nameColumn,
		{name: 'Desired', type: 'integer', description: 'Replicas is the number of desired pods.'},
		{name: 'Current', type: 'integer', description: 'Replicas is the most recently observed number of non-terminating pods.'},
		{name: 'Ready', type: 'integer', description: 'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.'},
		ageColumn,
		containersColumn,
		imagesColumn,
		{name: 'Selector', type: 'string', priority: 1, description: 'Selector is a label query over pods that should match the replica count.'},
	],
	(replicaSet, now) => {
		const [containers, images] = containerCells(replicaSet.spec?.template?.spec?.containers);
		return [
			replicaSet.metadata?.name ?? '',
			replicaSet.spec?.replicas ?? 1,
			replicaSet.status?.replicas ?? 0,
			replicaSet.status?.readyReplicas ?? 0,
			ageSince(replicaSet.metadata?.creationTimestamp, now),
			containers,
			images,
			formatLabelSelector(replicaSet.spec?.selector),
		];
	},
);
