import type {Line} from './line-edit.js';
import type {View} from './views.js';

export type FlashLevel = 'info' | 'warn' | 'error';
export type Flash = {id: number; level: FlashLevel; text: string};

export type Prompt =
	| {kind: 'command'; line: Line; /** Position in history while walking it with Up/Down; -1 when editing. */ historyIndex: number; draft: string; completions: string[]}
	| {kind: 'filter'; line: Line}
	/** A question whose answer completes a command: 'scale deploy/web {}' asks for the replicas. */
	| {kind: 'input'; label: string; line: Line; command: string};

export type DialogChoice = {label: string; command?: string; container?: string};

export type Dialog = {
	kind: 'confirm' | 'pick';
	title: string;
	message: string;
	choices: DialogChoice[];
	selected: number;
};

export type AppState = {
	/** Navigation stack: the last view is on screen. */
	stack: View[];
	/** Namespace of the dashboard; undefined means all. */
	namespace: string | undefined;
	/** Recently used namespaces, most recent first: keys 1-9. */
	favourites: string[];
	prompt?: Prompt;
	dialog?: Dialog;
	flash?: Flash;
	/** Command history, oldest first. */
	history: string[];
	theme: string;
	/** Set when the user quits. */
	exitCode?: number;
};

export function currentView(state: AppState): View {
	return state.stack.at(-1)!;
}
