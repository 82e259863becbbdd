import type {ServiceAccount} from 'kubernetes-types/core/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';

export const serviceaccounts = printer<ServiceAccount>(
	[nameColumn, {name: 'Secrets', type: 'string', description: 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'}, ageColumn],
	(account, now) => [account.metadata?.name ?? '', account.secrets?.length ?? 0, ageSince(account.metadata?.creationTimestamp, now)],
);
