import type {StatefulSet} from 'kubernetes-types/apps/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, containersColumn, imagesColumn, nameColumn, printer} from '../printer.js';
import {containerCells} from '../format.js';

export const statefulsets = printer<StatefulSet>(
	[nameColumn, {name: 'Ready', type: 'string', description: 'Number of the pod with ready state'}, ageColumn, containersColumn, imagesColumn],
	(statefulSet, now) => {
		const [containers, images] = containerCells(statefulSet.spec?.template?.spec?.containers);
		return [
			statefulSet.metadata?.name ?? '',
			`${statefulSet.status?.readyReplicas ?? 0}/${statefulSet.spec?.replicas ?? 1}`,
			ageSince(statefulSet.metadata?.creationTimestamp, now),
			containers,
			images,
		];
	},
);
