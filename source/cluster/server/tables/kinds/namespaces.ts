import type {Namespace} from 'kubernetes-types/core/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';

export const namespaces = printer<Namespace>(
	[nameColumn, {name: 'Status', type: 'string', description: 'The status of the namespace'}, ageColumn],
	(namespace, now) => [namespace.metadata?.name ?? '', namespace.status?.phase ?? '', ageSince(namespace.metadata?.creationTimestamp, now)],
);
