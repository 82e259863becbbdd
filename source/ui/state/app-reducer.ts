import type {AppState, Dialog, Flash, FlashLevel, Prompt} from './app-state.js';
import {emptyLine, lineOf, lineReducer, type LineAction} from './line-edit.js';
import {toggleSort} from './sort.js';
import {initialTableState, tableReducer, type TableAction, type TableContext} from './table.js';
import {viewId, type LogsView, type TableView, type View} from './views.js';

export type AppAction =
	| {type: 'view.reset'; view: View}
	| {type: 'view.push'; view: View}
	| {type: 'view.pop'}
	| {type: 'table'; action: TableAction; context: TableContext}
	| {type: 'text.scroll'; top: number}
	| {type: 'filter.set'; text: string}
	| {type: 'sort.toggle'; column: string}
	| {type: 'logs.set'; patch: Partial<Omit<LogsView, 'type' | 'id' | 'namespace' | 'pod'>>}
	| {type: 'namespace.set'; namespace: string | undefined}
	| {type: 'prompt.open'; prompt: Prompt}
	| {type: 'prompt.edit'; action: LineAction}
	| {type: 'prompt.set'; text: string; completions?: string[]}
	| {type: 'prompt.history'; direction: -1 | 1}
	| {type: 'prompt.close'}
	| {type: 'dialog.open'; dialog: Dialog}
	| {type: 'dialog.select'; delta: number}
	| {type: 'dialog.close'}
	| {type: 'flash'; level: FlashLevel; text: string}
	| {type: 'flash.clear'; id: number}
	| {type: 'history.add'; command: string}
	| {type: 'theme.set'; name: string}
	| {type: 'quit'; code: number};

/** How many favourite namespaces keys 1-9 reach, and how many commands the history keeps. */
const favouriteLimit = 9;
export const historyLimit = 50;

let flashCounter = 0;

function replaceTop(state: AppState, view: View): AppState {
	return {...state, stack: [...state.stack.slice(0, -1), view]};
}

function top(state: AppState): View {
	return state.stack.at(-1)!;
}

export function tableView(resource: string, namespace: string | undefined, extra: Partial<TableView> = {}): TableView {
	return {type: 'table', id: viewId(), resource, namespace, filter: '', table: initialTableState, ...extra};
}

export function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'view.reset': {
			return {...state, stack: [action.view], prompt: undefined};
		}

		case 'view.push': {
			return {...state, stack: [...state.stack, action.view]};
		}

		case 'view.pop': {
			return state.stack.length > 1 ? {...state, stack: state.stack.slice(0, -1)} : state;
		}

		case 'table': {
			const view = top(state);
			if (view.type !== 'table') return state;
			const table = tableReducer(view.table, action.action, action.context);
			return table === view.table ? state : replaceTop(state, {...view, table});
		}

		case 'text.scroll': {
			const view = top(state);
			if ((view.type !== 'describe' && view.type !== 'yaml' && view.type !== 'help') || view.top === action.top) return state;
			return replaceTop(state, {...view, top: Math.max(0, action.top)});
		}

		case 'filter.set': {
			const view = top(state);
			if (view.type === 'table') {
				if (view.filter === action.text) return state;
				return replaceTop(state, {...view, filter: action.text, table: {...view.table, selectedKey: undefined, selectedIndex: 0, top: 0}});
			}

			if (view.type === 'logs') return view.filter === action.text ? state : replaceTop(state, {...view, filter: action.text});
			return state;
		}

		case 'sort.toggle': {
			const view = top(state);
			if (view.type !== 'table') return state;
			return replaceTop(state, {...view, sort: toggleSort(view.sort, action.column)});
		}

		case 'logs.set': {
			const view = top(state);
			if (view.type !== 'logs') return state;
			return replaceTop(state, {...view, ...action.patch});
		}

		case 'namespace.set': {
			const favourites = action.namespace === undefined
				? state.favourites
				: [action.namespace, ...state.favourites.filter(name => name !== action.namespace)].slice(0, favouriteLimit);
			// The table on screen follows the namespace; views below it keep theirs, so esc goes back to what was there.
			const view = top(state);
			const stack = view.type === 'table' && !view.scope && view.namespace !== action.namespace
				? [...state.stack.slice(0, -1), {...view, id: viewId(), namespace: action.namespace, table: initialTableState}]
				: state.stack;
			return {...state, namespace: action.namespace, favourites, stack};
		}

		case 'prompt.open': {
			return {...state, prompt: action.prompt};
		}

		case 'prompt.edit': {
			if (!state.prompt) return state;
			const line = lineReducer(state.prompt.line, action.action);
			if (line === state.prompt.line) return state;
			const prompt = state.prompt.kind === 'command' ? {...state.prompt, line, completions: [], historyIndex: -1} : {...state.prompt, line};
			return {...state, prompt};
		}

		case 'prompt.set': {
			if (!state.prompt) return state;
			const prompt = state.prompt.kind === 'command'
				? {...state.prompt, line: lineOf(action.text), completions: action.completions ?? []}
				: {...state.prompt, line: lineOf(action.text)};
			return {...state, prompt};
		}

		case 'prompt.history': {
			const prompt = state.prompt;
			if (prompt?.kind !== 'command' || state.history.length === 0) return state;
			const draft = prompt.historyIndex === -1 ? prompt.line.text : prompt.draft;
			const start = prompt.historyIndex === -1 ? state.history.length : prompt.historyIndex;
			const index = start + action.direction;
			if (index < 0) return state;
			if (index >= state.history.length) {
				return {...state, prompt: {...prompt, historyIndex: -1, line: lineOf(draft), draft: '', completions: []}};
			}

			return {...state, prompt: {...prompt, historyIndex: index, draft, line: lineOf(state.history[index]), completions: []}};
		}

		case 'prompt.close': {
			return state.prompt ? {...state, prompt: undefined} : state;
		}

		case 'dialog.open': {
			return {...state, dialog: action.dialog};
		}

		case 'dialog.select': {
			const dialog = state.dialog;
			if (!dialog) return state;
			const count = dialog.choices.length;
			return {...state, dialog: {...dialog, selected: (dialog.selected + action.delta + count) % count}};
		}

		case 'dialog.close': {
			return state.dialog ? {...state, dialog: undefined} : state;
		}

		case 'flash': {
			const flash: Flash = {id: ++flashCounter, level: action.level, text: action.text};
			return {...state, flash};
		}

		case 'flash.clear': {
			return state.flash?.id === action.id ? {...state, flash: undefined} : state;
		}

		case 'history.add': {
			const command = action.command.trim();
			if (command === '') return state;
			const history = [...state.history.filter(entry => entry !== command), command].slice(-historyLimit);
			return {...state, history};
		}

		case 'theme.set': {
			return {...state, theme: action.name};
		}

		case 'quit': {
			return {...state, exitCode: action.code};
		}
	}
}

export function openCommandPrompt(text = ''): Prompt {
	return {kind: 'command', line: lineOf(text), historyIndex: -1, draft: '', completions: []};
}

export function openFilterPrompt(text: string): Prompt {
	return {kind: 'filter', line: text ? lineOf(text) : emptyLine};
}
