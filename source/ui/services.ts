import type {ClusterClient} from '../client/types.js';
import type {AppServices} from './app-context.js';
import {KindTable} from './commands/kinds.js';
import {createCommandRunner} from './commands/run.js';
import type {Selection} from './commands/target.js';
import {KeypressBus} from './keys/keypress-bus.js';
import {createKeymap} from './keys/keymap.js';
import {rememberView as rememberView_, rememberedView, type LastView} from './settings/last-view.js';
import {defaultLogBufferLines, defaultLogTailLines, type Settings} from './settings/settings.js';
import {appReducer, tableView, type AppAction} from './state/app-reducer.js';
import type {AppState} from './state/app-state.js';
import {createStore, type Store} from './state/store.js';
import {LineOverlay} from './screen/line-overlay.js';
import {colourDisabled, loadTheme} from './theme/load.js';
import {colorLevel, type ColorLevel} from './theme/sgr.js';

export type DashboardOptions = {
	client: ClusterClient;
	/** Namespace to open in; 'all' or '' for all namespaces. Default: the last one used, else 'default'. */
	namespace?: string;
	/** Theme name or JSON file. Default: monochrome under NO_COLOR or TERM=dumb, else the last one used, else dark. */
	theme?: string;
	/** Hide and refuse everything that changes the cluster. */
	readonly?: boolean;
	/** Shown in the header so a second terminal can use kubectl: a path or a whole `export KUBECONFIG=...` line. */
	kubeconfigHint?: string;
	settings: Settings;
	environment?: NodeJS.ProcessEnv;
	/** Colours of the terminal the rows go to. Default: decided from process.stdout and the environment. */
	colorLevel?: ColorLevel;
};

/** The selected row of the table on screen, published by the table view for commands that name no object. */
export type SelectionRef = {current?: Selection};

export type Dashboard = {services: AppServices; selection: SelectionRef; startupMessage?: string};

const topLevelPanes = new Set(['pods', 'deployments', 'services', 'nodes', 'replicasets', 'statefulsets', 'jobs', 'ingresses', 'configmaps', 'secrets', 'events', 'namespaces']);

function initialNamespace(requested: string | undefined, remembered: string | undefined): string | undefined {
	const name = requested ?? remembered ?? 'default';
	return name === '' || name === 'all' ? undefined : name;
}

/** Everything the dashboard runs on, built from the options and the settings: the store, bus, keymap and command runner. */
export function createDashboard(options: DashboardOptions): Dashboard {
	const {client, settings} = options;
	const environment = options.environment ?? process.env;
	let kinds: KindTable;
	try {
		kinds = new KindTable(client.kinds());
	} catch {
		kinds = new KindTable();
	}

	const readonly = options.readonly ?? settings.get('readonly') ?? false;
	let embedded = false;
	try {
		embedded = client.info().embedded;
	} catch {
		embedded = false;
	}

	const keymap = createKeymap({overrides: settings.get('keyBindings'), readonly, embedded});
	let theme = options.theme ?? (colourDisabled(environment) ? 'monochrome' : settings.get('theme') ?? 'dark');
	let startupMessage: string | undefined;
	try {
		loadTheme(theme);
	} catch (error) {
		startupMessage = (error as Error).message;
		theme = 'dark';
	}

	let context = 'kubedeck';
	try {
		context = client.info().context;
	} catch {
		// A client that cannot say where it points still gets a dashboard.
	}

	// A real cluster reopens where it was left; the embedded demo always opens on its pods, like the tutorial.
	const last = embedded ? {} : rememberedView(settings, context);
	const namespace = initialNamespace(options.namespace, last.namespace);
	const pane = last.pane && topLevelPanes.has(last.pane) ? last.pane : 'pods';
	const rememberView = (view: LastView) => rememberView_(settings, context, view);
	const favourites = settings.get('favourites') ?? [];
	const initial: AppState = {
		stack: [tableView(pane, namespace)],
		namespace,
		favourites: namespace && !favourites.includes(namespace) ? [namespace, ...favourites].slice(0, 9) : favourites,
		history: settings.get('history') ?? [],
		theme,
		flash: startupMessage ? {id: 0, level: 'error', text: startupMessage} : undefined,
	};
	const store: Store<AppState, AppAction> = createStore(appReducer, initial);
	const selection: SelectionRef = {};
	const runCommand = createCommandRunner({
		client,
		kinds,
		store,
		settings,
		rememberView: view => rememberView(view),
		readonly,
		selection: () => selection.current,
		checkTheme: name => {
			loadTheme(name);
		},
	});
	const services: AppServices = {
		client,
		store,
		bus: new KeypressBus(),
		keymap,
		kinds,
		settings,
		readonly,
		kubeconfigHint: options.kubeconfigHint,
		logBufferLines: Math.max(100, settings.get('logBufferLines') ?? defaultLogBufferLines),
		logTailLines: Math.max(1, settings.get('logTailLines') ?? defaultLogTailLines),
		runCommand,
		selection,
		rememberView,
		overlay: new LineOverlay(),
		colorLevel: options.colorLevel ?? colorLevel(process.stdout, environment),
	};
	return {services, selection, startupMessage};
}
