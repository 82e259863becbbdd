import type {KubeObject} from '../../cluster/api/object.js';
import {makeRow} from '../render/common.js';
import {rendererFor} from '../render/registry.js';
import type {Column, Renderer, Row} from '../render/types.js';
import {applyFilter, parseFilter, type Filter} from '../state/filter.js';
import {matchesLabels} from '../state/label-selector.js';
import {sortRows, type Sort} from '../state/sort.js';
import type {Scope} from '../state/views.js';

/**
 * Rows are computed once per object version: objects from the cache are immutable and replaced on change, so a
 * WeakMap keyed by the object holds the row until the object is gone. One map per renderer and namespace mode.
 */
const rowCaches = new Map<string, WeakMap<KubeObject, Row>>();

/** A row even for an object its renderer chokes on (a field of an unexpected type): its name, marked failing. */
function safeRow(renderer: Renderer, object: KubeObject, allNamespaces: boolean): Row {
	try {
		return renderer.row(object, {allNamespaces});
	} catch {
		const columns = renderer.columns({allNamespaces});
		const cells = columns.map(column => {
			if (column.id === 'name') return object.metadata?.name ?? '?';
			if (column.id === 'namespace') return object.metadata?.namespace ?? '';
			return column.live ? '' : '?';
		});
		return makeRow(object, cells, 'failing');
	}
}

export function renderRows(items: readonly KubeObject[], renderer: Renderer, cacheKey: string, allNamespaces: boolean): Row[] {
	let cache = rowCaches.get(cacheKey);
	if (!cache) {
		cache = new WeakMap();
		rowCaches.set(cacheKey, cache);
	}

	const rows: Row[] = new Array(items.length);
	for (const [index, object] of items.entries()) {
		let row = cache.get(object);
		if (!row) {
			row = safeRow(renderer, object, allNamespaces);
			cache.set(object, row);
		}

		rows[index] = row;
	}

	return rows;
}

/** The objects a drill-down shows: matching the owner's selector, on the node, or owned by the uid. */
export function scopeItems(items: readonly KubeObject[], scope: Scope | undefined): readonly KubeObject[] {
	if (!scope) return items;
	return items.filter(object => {
		if (scope.requirements && !matchesLabels(object.metadata.labels, scope.requirements)) return false;
		if (scope.nodeName !== undefined && (object['spec'] as {nodeName?: string} | undefined)?.nodeName !== scope.nodeName) return false;
		if (scope.ownerUid !== undefined && !object.metadata.ownerReferences?.some(owner => owner.uid === scope.ownerUid)) return false;
		return true;
	});
}

export type TableModel = {
	columns: Column[];
	rows: readonly Row[];
	keys: readonly string[];
	indexOf: (key: string) => number;
	filter: Filter;
};

/** Rows in order: the user's sort, else the renderer's default, else by name. */
export function sortedRows(rows: readonly Row[], columns: readonly Column[], renderer: Renderer, sort: Sort | undefined): readonly Row[] {
	return sortRows(rows, columns, sort ?? renderer.defaultSort ?? {column: 'name', descending: false});
}

/** Keys and a fast index lookup for the table reducer. */
export function indexRows(rows: readonly Row[]): {keys: string[]; indexOf: (key: string) => number} {
	const keys = rows.map(row => row.key);
	let index: Map<string, number> | undefined;
	return {
		keys,
		indexOf(key) {
			// Built on first use: most frames never look a key up.
			index ??= new Map(keys.map((entry, position) => [entry, position]));
			return index.get(key) ?? -1;
		},
	};
}

export type TableInput = {
	items: readonly KubeObject[];
	resource: string;
	renderAs?: string;
	allNamespaces: boolean;
	scope?: Scope;
	filterText: string;
	sort?: Sort;
};

/**
 * The whole pipeline in one call: objects → rows → sorted → filtered. Sorting comes before filtering so typing a
 * filter only filters (an ordered list stays ordered); a fuzzy filter orders by match instead.
 */
export function tableModel(input: TableInput): TableModel {
	const renderer = rendererFor(input.renderAs ?? input.resource);
	const columns = renderer.columns({allNamespaces: input.allNamespaces});
	const rendered = renderRows(scopeItems(input.items, input.scope), renderer, `${input.renderAs ?? input.resource}:${input.allNamespaces}`, input.allNamespaces);
	const sorted = sortedRows(rendered, columns, renderer, input.sort);
	const filter = parseFilter(input.filterText);
	const rows = applyFilter(sorted, filter);
	return {columns, rows, ...indexRows(rows), filter};
}
