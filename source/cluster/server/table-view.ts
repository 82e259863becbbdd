import type {KubeObject} from '../api/object.js';
import {ageSince} from './age.js';

/** A server-side Table (meta.k8s.io/v1), as `kubectl get` prints it. */
export type TableColumn = {name: string; type: string; format: string; description: string; priority: number};
export type TableRow = {cells: unknown[]; object?: unknown};
export type Table = {
	kind: 'Table';
	apiVersion: 'meta.k8s.io/v1';
	metadata: {resourceVersion?: string; continue?: string; remainingItemCount?: number};
	columnDefinitions?: TableColumn[];
	rows: TableRow[];
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Placeholder until the per-resource tables land in ./tables/: Name and Age. */
export function tableFor(resource: string, objects: readonly KubeObject[], options: {includeObject: IncludeObject; now: number}): Table {
	void resource;
	return {
		kind: 'Table',
		apiVersion: 'meta.k8s.io/v1',
		metadata: {},
		columnDefinitions: [
			{name: 'Name', type: 'string', format: 'name', description: 'Name', priority: 0},
			{name: 'Age', type: 'string', format: '', description: 'Age', priority: 0},
		],
		rows: objects.map(object => ({
			cells: [object.metadata.name, ageSince(object.metadata.creationTimestamp as string | undefined, options.now)],
			object: options.includeObject === 'None' ? undefined : options.includeObject === 'Object' ? object : {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata},
		})),
	};
}
