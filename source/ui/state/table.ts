/**
 * Selection and viewport of a table, as a pure reducer. The rows themselves are not state: they come from the
 * cluster and change under the cursor, so the selection is held by key and re-found in the current rows.
 */
export type TableState = {
	/** Key of the selected row; the selection follows this object when rows move. */
	selectedKey?: string;
	/** Index to fall back to when the selected object disappears. */
	selectedIndex: number;
	/** First visible row. */
	top: number;
};

export const initialTableState: TableState = {selectedIndex: 0, top: 0};

/** What the reducer needs to know about the rows on screen when it runs. */
export type TableContext = {
	keys: readonly string[];
	/** Index of a key in keys, or -1 (a Map lookup for large tables). */
	indexOf: (key: string) => number;
	/** Visible rows. */
	height: number;
};

export type TableAction =
	| {type: 'move'; delta: number}
	| {type: 'page'; direction: 1 | -1}
	| {type: 'top'}
	| {type: 'bottom'}
	| {type: 'select'; key: string}
	| {type: 'reset'};

/** The selection and first row actually shown for the current rows: clamped, and with the selection in view. */
export function resolveTable(state: TableState, context: TableContext): {selected: number; top: number} {
	const count = context.keys.length;
	if (count === 0) return {selected: 0, top: 0};
	let selected = state.selectedKey === undefined ? -1 : context.indexOf(state.selectedKey);
	if (selected < 0) selected = Math.min(Math.max(state.selectedIndex, 0), count - 1);
	const height = Math.max(1, context.height);
	let top = Math.min(Math.max(state.top, 0), Math.max(0, count - height));
	if (selected < top) top = selected;
	if (selected >= top + height) top = selected - height + 1;
	return {selected, top};
}

function selectIndex(index: number, top: number, context: TableContext): TableState {
	const count = context.keys.length;
	if (count === 0) return initialTableState;
	const selected = Math.min(Math.max(index, 0), count - 1);
	return resolveState({selectedKey: context.keys[selected], selectedIndex: selected, top}, context);
}

function resolveState(state: TableState, context: TableContext): TableState {
	const {selected, top} = resolveTable(state, context);
	return {selectedKey: context.keys[selected], selectedIndex: selected, top};
}

export function tableReducer(state: TableState, action: TableAction, context: TableContext): TableState {
	const {selected, top} = resolveTable(state, context);
	const height = Math.max(1, context.height);
	switch (action.type) {
		case 'move': {
			return selectIndex(selected + action.delta, top, context);
		}

		case 'page': {
			// Like less: the page moves by a screenful and the cursor keeps its place on screen.
			return selectIndex(selected + action.direction * height, top + action.direction * height, context);
		}

		case 'top': {
			return selectIndex(0, 0, context);
		}

		case 'bottom': {
			return selectIndex(context.keys.length - 1, top, context);
		}

		case 'select': {
			const index = context.indexOf(action.key);
			return index < 0 ? state : selectIndex(index, top, context);
		}

		case 'reset': {
			return initialTableState;
		}
	}
}
