import {Box, Text} from 'ink';
import {useEffect, useMemo} from 'react';
import type {KubeObject} from '../../cluster/api/object.js';
import {useServices} from '../app-context.js';
import {Table} from '../components/Table.js';
import {useAppState} from '../hooks/use-app-state.js';
import {useKeypress} from '../hooks/use-keypress.js';
import {useResource} from '../hooks/use-resource.js';
import type {Pane} from '../keys/bindings.js';
import {priority} from '../keys/keypress-bus.js';
import {rendererFor} from '../render/registry.js';
import type {LiveContext} from '../render/types.js';
import {openFilterPrompt, type AppAction} from '../state/app-reducer.js';
import type {AppState} from '../state/app-state.js';
import {applyFilter, parseFilter} from '../state/filter.js';
import {resolveTable, type TableAction} from '../state/table.js';
import type {TableView} from '../state/views.js';
import {useStyle} from '../theme/use-style.js';
import {drillDown} from './drill-down.js';
import {runRowAction} from './row-actions.js';
import {indexRows, renderRows, scopeItems, sortedRows} from './table-rows.js';

export type ResourceViewProps = {
	view: TableView;
	width: number;
	/** Lines for the whole view: title, column header and rows. */
	height: number;
	live: LiveContext;
	onNamespaceKey: (digit: number) => void;
	/** Screen row of the view's first line, for drawing rows over Ink's frame. */
	screenTop?: number;
};

const tableActions: Record<string, TableAction> = {
	'cursor.down': {type: 'move', delta: 1},
	'cursor.up': {type: 'move', delta: -1},
	'cursor.top': {type: 'top'},
	'cursor.bottom': {type: 'bottom'},
	'page.down': {type: 'page', direction: 1},
	'page.up': {type: 'page', direction: -1},
};

const sortColumns: Record<string, string> = {
	'sort.name': 'name',
	'sort.age': 'age',
	'sort.status': 'status',
	'sort.namespace': 'namespace',
	'sort.restarts': 'restarts',
};

const selectFavourites = (state: AppState) => state.favourites;

/** The panes a table is in, most specific first, for the key map. */
export function tablePanes(view: TableView, namespaced: boolean): Pane[] {
	const panes: Pane[] = [view.renderAs === 'revisions' ? 'history' : view.resource as Pane];
	if (namespaced) panes.push('namespaced');
	panes.push('table');
	return panes;
}

function contextObjects(info: {context: string; server: string; version: string}): KubeObject[] {
	return [{apiVersion: 'v1', kind: 'Context', metadata: {name: info.context}, spec: {server: info.server, version: info.version}}];
}

/** A table of one resource: live rows from the client's cache, scoped, sorted, filtered, with the row keys. */
export function ResourceView({view, width, height, live, onNamespaceKey, screenTop}: ResourceViewProps) {
	const services = useServices();
	const {client, store, keymap, kinds} = services;
	const kind = kinds.byResource(view.resource);
	const namespaced = view.resource !== 'contexts' && (kind?.namespaced ?? true);
	const allNamespaces = namespaced && view.namespace === undefined;
	const data = useResource(client, view.resource === 'contexts' ? undefined : view.resource, namespaced ? view.namespace : undefined);
	const pods = useResource(client, view.resource === 'nodes' ? 'pods' : undefined, undefined);
	const items = useMemo(() => (view.resource === 'contexts' ? contextObjects(client.info()) : data.items), [view.resource, data.items, client]);

	const renderer = rendererFor(view.renderAs ?? view.resource);
	const columns = useMemo(() => renderer.columns({allNamespaces}), [renderer, allNamespaces]);
	const rendered = useMemo(
		() => renderRows(scopeItems(items, view.scope), renderer, `${view.renderAs ?? view.resource}:${allNamespaces}`, allNamespaces),
		[items, view.scope, renderer, view.renderAs, view.resource, allNamespaces],
	);
	const sorted = useMemo(() => sortedRows(rendered, columns, renderer, view.sort), [rendered, columns, renderer, view.sort]);
	const filter = useMemo(() => parseFilter(view.filter), [view.filter]);
	const rows = useMemo(() => applyFilter(sorted, filter), [sorted, filter]);
	const index = useMemo(() => indexRows(rows), [rows]);

	const podCounts = useMemo(() => {
		if (view.resource !== 'nodes') return undefined;
		const counts = new Map<string, number>();
		for (const pod of pods.items) {
			const node = (pod['spec'] as {nodeName?: string} | undefined)?.nodeName;
			if (node) counts.set(node, (counts.get(node) ?? 0) + 1);
		}

		return counts;
	}, [view.resource, pods.items]);
	const liveContext = useMemo(() => (podCounts ? {...live, podCounts} : live), [live, podCounts]);

	const rowsHeight = Math.max(1, height - 2);
	const tableContext = {keys: index.keys, indexOf: index.indexOf, height: rowsHeight};
	const {selected, top} = resolveTable(view.table, tableContext);
	const selectedRow = rows[selected];
	const panes = tablePanes(view, namespaced);
	const selectionResource = view.renderAs === 'revisions' ? 'replicasets' : view.resource;
	useEffect(() => {
		services.selection.current = selectedRow ? {resource: selectionResource, object: selectedRow.object} : undefined;
	});
	useEffect(() => () => {
		services.selection.current = undefined;
	}, [services]);

	useKeypress(priority.view, key => {
		const binding = keymap.resolve(key.name, panes);
		if (!binding || binding.panes.includes('global')) return false;
		if (binding.dangerous && keymap.readonly) {
			store.dispatch({type: 'flash', level: 'warn', text: `read-only mode: ${binding.description.toLowerCase()} is disabled`});
			return true;
		}

		const move = tableActions[binding.id];
		if (move) {
			store.dispatch({type: 'table', action: move, context: tableContext});
			return true;
		}

		const sortColumn = sortColumns[binding.id];
		if (sortColumn) {
			if (columns.some(column => column.id === sortColumn)) store.dispatch({type: 'sort.toggle', column: sortColumn});
			return true;
		}

		switch (binding.id) {
			case 'table.filter': {
				store.dispatch({type: 'prompt.open', prompt: openFilterPrompt(view.filter)});
				return true;
			}

			case 'namespace.all':
			case 'namespace.favourite': {
				onNamespaceKey(Number(key.name));
				return true;
			}

			case 'table.enter': {
				if (!selectedRow) return true;
				const result = drillDown(view, selectedRow.object, kinds, services.logTailLines);
				if ('flash' in result) store.dispatch({type: 'flash', level: 'info', text: result.flash});
				else for (const action of result.actions) store.dispatch(action as AppAction);
				return true;
			}

			default: {
				if (!selectedRow) return true;
				return runRowAction(binding.id, view, selectedRow.object, services);
			}
		}
	});

	const favourites = useAppState(selectFavourites);
	const favouritesText = `   <0> all${favourites.map((name, index) => ` <${index + 1}> ${name}`).join('')}`;
	const titleStyle = useStyle('title');
	const countStyle = useStyle('title.count');
	const filterStyle = useStyle('title.filter');
	const mutedStyle = useStyle('text.muted');
	const scopeText = view.scope ? ` ${view.scope.title}` : '';
	const namespaceText = namespaced ? `(${view.namespace ?? 'all'}${scopeText ? ':' : ''}${scopeText.trim()})` : scopeText ? `(${scopeText.trim()})` : '';
	const title = view.renderAs === 'revisions' ? 'history' : view.resource;
	let status = '';
	if (data.error) status = ` ${data.error}`;
	else if (!data.synced) status = ' loading…';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">
				<Text {...titleStyle}>{` ${title}${namespaceText}`}</Text>
				<Text {...countStyle}>{`[${rows.length}]`}</Text>
				{view.filter ? <Text {...filterStyle}>{` </${view.filter}>`}</Text> : undefined}
				{filter.kind === 'invalid' ? <Text {...filterStyle}>{` ${filter.message}`}</Text> : undefined}
				{status ? <Text {...mutedStyle}>{status}</Text> : undefined}
				{namespaced && !view.scope ? <Text {...mutedStyle}>{favouritesText}</Text> : undefined}
			</Text>
			<Table
				columns={columns}
				rows={rows}
				selected={selected}
				top={top}
				height={rowsHeight}
				width={width}
				live={liveContext}
				emptyText={data.synced ? (view.filter ? 'no rows match the filter' : 'nothing here') : 'loading…'}
				screenTop={screenTop === undefined ? undefined : screenTop + 2}
			/>
		</Box>
	);
}
