/** Objects as the API writes them on the wire: typed, listed, reduced to metadata, or turned into Tables. */
import type {KubeObject} from '../api/object.js';
import type {ListResult} from '../api/object-api.js';
import {apiVersionOf, type ResourceInfo} from '../api/resources.js';
import {tableFor, type Table} from './tables/table-for.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';
import {errors} from '../api/status.js';

/** The object with apiVersion and kind first, as every single object and watch object must carry them. */
export function typed(info: ResourceInfo, object: KubeObject): KubeObject {
	const apiVersion = apiVersionOf(info);
	if (object.apiVersion === apiVersion && object.kind === info.kind) return object;
	return {...object, apiVersion, kind: info.kind};
}

export type ListMetadata = {resourceVersion: string; continue?: string; remainingItemCount?: number};

export function listMetadata(result: ListResult): ListMetadata {
	const metadata: ListMetadata = {resourceVersion: result.resourceVersion};
	if (result.continue) metadata.continue = result.continue;
	if (result.remainingItemCount !== undefined) metadata.remainingItemCount = result.remainingItemCount;
	return metadata;
}

export function listOf(info: ResourceInfo, items: readonly KubeObject[], metadata: ListMetadata | Record<string, never>): Record<string, unknown> {
	return {kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata, items: items.map(item => typed(info, item))};
}

export function partialObject(object: KubeObject): Record<string, unknown> {
	return {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata};
}

export function partialList(items: readonly KubeObject[], metadata: ListMetadata): Record<string, unknown> {
	return {kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: items.map(partialObject)};
}

export function includeObjectParameter(query: URLSearchParams): IncludeObject {
	const value = query.get('includeObject');
	if (value === null || value === '') return 'Metadata';
	if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
	throw errors.badRequest(`includeObject must be one of None, Metadata or Object, not "${value}"`);
}

/** A Table of the objects; `withColumns` false leaves out the column definitions (watch events after the first). */
export function tableOf(
	info: ResourceInfo,
	objects: readonly KubeObject[],
	includeObject: IncludeObject,
	now: number,
	metadata: Table['metadata'],
	withColumns = true,
): Partial<Table> {
	const table: Partial<Table> = tableFor(info.plural, objects.map(object => typed(info, object)), {includeObject, now, noHeaders: !withColumns});
	table.metadata = metadata;
	if (!withColumns) delete table.columnDefinitions;
	return table;
}
