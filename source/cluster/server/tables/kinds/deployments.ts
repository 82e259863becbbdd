import type {Deployment} from 'kubernetes-types/apps/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, containersColumn, imagesColumn, nameColumn, printer} from '../printer.js';
import {containerCells, labelSelectorString} from '../format.js';

export const deployments = printer<Deployment>(
	[
		nameColumn,
		{name: 'Ready', type: 'string', description: 'Number of the pod with ready state'},
		{name: 'Up-to-date', type: 'string', description: 'Total number of non-terminating pods targeted by this deployment that have the desired template spec.'},
		{name: 'Available', type: 'string', description: 'Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.'},
		ageColumn,
		containersColumn,
		imagesColumn,
		{name: 'Selector', type: 'string', priority: 1, description: 'Label selector for pods.'},
	],
	(deployment, now) => {
		const status = deployment.status;
		const [containers, images] = containerCells(deployment.spec?.template?.spec?.containers);
		return [
			deployment.metadata?.name ?? '',
			`${status?.readyReplicas ?? 0}/${deployment.spec?.replicas ?? 1}`,
			status?.updatedReplicas ?? 0,
			status?.availableReplicas ?? 0,
			ageSince(deployment.metadata?.creationTimestamp, now),
			containers,
			images,
			labelSelectorString(deployment.spec?.selector),
		];
	},
);
