import type {PodDisruptionBudget} from 'kubernetes-types/policy/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';

export const poddisruptionbudgets = printer<PodDisruptionBudget>(
	[
		nameColumn,
		{name: 'Min Available', type: 'string', description: 'The minimum number of pods that must be available.'},
		{name: 'Max Unavailable', type: 'string', description: 'The maximum number of pods that may be unavailable.'},
		{name: 'Allowed Disruptions', type: 'integer', description: 'Calculated number of pods that may be disrupted at this time.'},
		ageColumn,
	],
	(budget, now) => [
		budget.metadata?.name ?? '',
		budget.spec?.minAvailable !== undefined ? String(budget.spec.minAvailable) : 'N/A',
		budget.spec?.maxUnavailable !== undefined ? String(budget.spec.maxUnavailable) : 'N/A',
		budget.status?.disruptionsAllowed ?? 0,
		ageSince(budget.metadata?.creationTimestamp, now),
	],
);
