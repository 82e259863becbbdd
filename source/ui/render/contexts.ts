import {makeRow} from './common.js';
import type {Column, Renderer} from './types.js';

const columns: Column[] = [
	{id: 'name', title: 'NAME', priority: 0, flexible: true},
	{id: 'cluster', title: 'CLUSTER', priority: 1, maxWidth: 60},
	{id: 'version', title: 'VERSION', priority: 2},
];

/** The contexts pane: pseudo-objects built from ClusterClient.info(). */
export const contextsRenderer: Renderer = {
	columns: () => columns,
	row(object) {
		const spec = object['spec'] as {server?: string; version?: string} | undefined;
		return makeRow(object, [object.metadata.name ?? '', spec?.server ?? '', spec?.version ?? ''], 'running');
	},
};
