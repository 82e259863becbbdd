import type {Secret} from 'kubernetes-types/core/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';

export const secrets = printer<Secret>(
	[
		nameColumn,
		{name: 'Type', type: 'string', description: 'Used to facilitate programmatic handling of secret data.'},
		{name: 'Data', type: 'string', description: 'Data contains the secret data.'},
		ageColumn,
	],
	(secret, now) => [
		secret.metadata?.name ?? '',
		secret.type ?? '',
		// stringData is write-only and lands in data; count a key once either way.
		new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})]).size,
		ageSince(secret.metadata?.creationTimestamp, now),
	],
);
