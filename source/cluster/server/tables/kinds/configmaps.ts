import type {ConfigMap} from 'kubernetes-types/core/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';

export const configmaps = printer<ConfigMap>(
	[nameColumn, {name: 'Data', type: 'string', description: 'Data contains the configuration data.'}, ageColumn],
	(configMap, now) => [
		configMap.metadata?.name ?? '',
		Object.keys(configMap.data ?? {}).length + Object.keys(configMap.binaryData ?? {}).length,
		ageSince(configMap.metadata?.creationTimestamp, now),
	],
);
