import {createContext, useContext} from 'react';
import type {ClusterClient} from '../client/types.js';
import type {KindTable} from './commands/kinds.js';
import type {Selection} from './commands/target.js';
import type {KeypressBus} from './keys/keypress-bus.js';
import type {Keymap} from './keys/keymap.js';
import type {LineOverlay} from './screen/line-overlay.js';
import type {Settings} from './settings/settings.js';
import type {AppAction} from './state/app-reducer.js';
import type {AppState} from './state/app-state.js';
import type {Store} from './state/store.js';
import type {ColorLevel} from './theme/sgr.js';

/** Everything a component needs that is not React state: made once in run.tsx (or a test) and provided at the root. */
export type AppServices = {
	client: ClusterClient;
	store: Store<AppState, AppAction>;
	bus: KeypressBus;
	keymap: Keymap;
	kinds: KindTable;
	settings: Settings;
	readonly: boolean;
	kubeconfigHint?: string;
	/** Lines a log view keeps. */
	logBufferLines: number;
	logTailLines: number;
	/** Runs a command line as if typed after ':' (row actions build commands too). */
	runCommand(line: string): Promise<void>;
	/** The selected row of the table on screen, for commands that name no object. */
	selection: {current?: Selection};
	/** Remembers the namespace or pane for this cluster's context, for the next start. */
	rememberView(view: {namespace?: string; pane?: string}): void;
	/** Rows drawn over Ink's frame (table rows), and the colours the terminal shows for them. */
	overlay: LineOverlay;
	colorLevel: ColorLevel;
};

export const AppServicesContext = createContext<AppServices | undefined>(undefined);

export function useServices(): AppServices {
	const services = useContext(AppServicesContext);
	if (!services) throw new Error('useServices outside the dashboard');
	return services;
}
