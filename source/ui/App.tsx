import {Box, Text, useApp} from 'ink';
import {useCallback, useEffect, useMemo, useRef} from 'react';
import {AppServicesContext, useServices, type AppServices} from './app-context.js';
import {complete} from './commands/complete.js';
import {NameSource} from './commands/name-source.js';
import {Crumbs} from './components/Crumbs.js';
import {OverlayContext} from './components/overlay-context.js';
import {DialogBox} from './components/DialogBox.js';
import {FlashLine} from './components/FlashLine.js';
import {Header} from './components/Header.js';
import {HintLine} from './components/HintLine.js';
import {PromptLine} from './components/PromptLine.js';
import {ViewBoundary} from './components/ViewBoundary.js';
import {useAppState} from './hooks/use-app-state.js';
import {useClock} from './hooks/use-clock.js';
import {useKeypress} from './hooks/use-keypress.js';
import {useMetrics} from './hooks/use-metrics.js';
import {useRawInput} from './hooks/use-raw-input.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import type {Pane} from './keys/bindings.js';
import type {Key} from './keys/key.js';
import {priority} from './keys/keypress-bus.js';
import {computeLayout, minimumSize} from './layout.js';
import type {LiveContext} from './render/types.js';
import {historyLimit, openCommandPrompt} from './state/app-reducer.js';
import {currentView, type AppState} from './state/app-state.js';
import type {LineAction} from './state/line-edit.js';
import {viewId, type View} from './state/views.js';
import {builtinThemeNames, loadTheme} from './theme/load.js';
import {ThemeContext} from './theme/theme-context.js';
import {HelpView} from './views/HelpView.js';
import {LogsView} from './views/LogsView.js';
import {ResourceView, tablePanes} from './views/ResourceView.js';
import {TextView} from './views/TextView.js';

const lineKeys: Record<string, LineAction> = {
	backspace: {type: 'backspace'},
	delete: {type: 'delete'},
	left: {type: 'left'},
	right: {type: 'right'},
	home: {type: 'home'},
	end: {type: 'end'},
	'ctrl-a': {type: 'home'},
	'ctrl-e': {type: 'end'},
	'ctrl-u': {type: 'clear'},
	'ctrl-w': {type: 'delete-word'},
	'alt-backspace': {type: 'delete-word'},
};

/** The panes the view on screen is in, for resolving keys. */
export function panesOf(view: View, namespaced: (resource: string) => boolean): Pane[] {
	switch (view.type) {
		case 'table': {
			return tablePanes(view, namespaced(view.resource));
		}

		case 'logs': {
			return ['logs'];
		}

		default: {
			return ['text'];
		}
	}
}

/** Global keys: quit, command mode, help, back. Lowest priority: any view or prompt may claim a key first. */
function useGlobalKeys(): void {
	const {store, keymap, kinds} = useServices();
	useKeypress(priority.global, key => {
		const state = store.getState();
		const view = currentView(state);
		const binding = keymap.resolve(key.name, panesOf(view, resource => kinds.byResource(resource)?.namespaced ?? true));
		switch (binding?.id) {
			case 'app.quit': {
				store.dispatch({type: 'quit', code: 0});
				return true;
			}

			case 'app.command': {
				store.dispatch({type: 'prompt.open', prompt: openCommandPrompt()});
				return true;
			}

			case 'app.help': {
				if (view.type !== 'help') store.dispatch({type: 'view.push', view: {type: 'help', id: viewId(), top: 0}});
				return true;
			}

			case 'app.back': {
				if ((view.type === 'table' || view.type === 'logs') && view.filter) store.dispatch({type: 'filter.set', text: ''});
				else store.dispatch({type: 'view.pop'});
				return true;
			}

			default: {
				return false;
			}
		}
	});
}

/** The command line, filter and questions: while one is open it takes every key but ctrl-c. */
function usePromptKeys(names: NameSource): void {
	const {store, settings, kinds, runCommand} = useServices();
	useKeypress(priority.prompt, (key: Key) => {
		const {prompt} = store.getState();
		if (!prompt) return false;
		if (key.name === 'ctrl-c') return false;
		const close = () => {
			store.dispatch({type: 'prompt.close'});
			names.release();
		};

		const edit = (action: LineAction) => {
			store.dispatch({type: 'prompt.edit', action});
			const after = store.getState().prompt;
			if (after?.kind === 'filter') store.dispatch({type: 'filter.set', text: after.line.text});
		};

		switch (key.name) {
			case 'enter': {
				const text = prompt.line.text.trim();
				close();
				if (prompt.kind === 'command' && text) {
					store.dispatch({type: 'history.add', command: text});
					settings.set('history', store.getState().history.slice(-historyLimit));
					void runCommand(text);
				} else if (prompt.kind === 'input' && text) {
					void runCommand(prompt.command.replace('{}', text));
				}

				return true;
			}

			case 'esc': {
				if (prompt.kind === 'filter') store.dispatch({type: 'filter.set', text: ''});
				close();
				return true;
			}

			case 'tab': {
				if (prompt.kind !== 'command') return true;
				const result = complete(prompt.line.text, {
					kinds,
					themes: builtinThemeNames,
					names: resource => names.names(resource, kinds.byResource(resource)?.namespaced ?? true),
				});
				store.dispatch({type: 'prompt.set', text: result.text, completions: result.candidates});
				return true;
			}

			case 'up':
			case 'down': {
				if (prompt.kind === 'command') store.dispatch({type: 'prompt.history', direction: key.name === 'up' ? -1 : 1});
				return true;
			}

			case 'backspace': {
				// Backspace on an empty line leaves it, as in k9s and vim.
				if (prompt.line.text === '') {
					close();
					return true;
				}

				edit({type: 'backspace'});
				return true;
			}

			default: {
				const action = lineKeys[key.name];
				if (action) edit(action);
				else if (key.text) edit({type: 'insert', text: key.text});
				return true;
			}
		}
	});
}

/** A dialog takes every key but ctrl-c: arrows or tab choose, enter confirms, esc cancels. */
function useDialogKeys(): void {
	const {store, runCommand} = useServices();
	useKeypress(priority.dialog, key => {
		const {dialog} = store.getState();
		if (!dialog) return false;
		if (key.name === 'ctrl-c') return false;
		switch (key.name) {
			case 'left':
			case 'up':
			case 'shift-tab':
			case 'k':
			case 'h': {
				store.dispatch({type: 'dialog.select', delta: -1});
				break;
			}

			case 'right':
			case 'down':
			case 'tab':
			case 'j':
			case 'l': {
				store.dispatch({type: 'dialog.select', delta: 1});
				break;
			}

			case 'enter': {
				const choice = dialog.choices[dialog.selected];
				store.dispatch({type: 'dialog.close'});
				if (choice?.command) void runCommand(choice.command);
				if (choice?.container) store.dispatch({type: 'logs.set', patch: {container: choice.container}});
				break;
			}

			case 'esc':
			case 'q':
			case 'n': {
				store.dispatch({type: 'dialog.close'});
				break;
			}

			default: {
				break;
			}
		}

		return true;
	});
}

const selectStack = (state: AppState) => state.stack;
const selectPrompt = (state: AppState) => state.prompt;
const selectDialog = (state: AppState) => state.dialog;
const selectFlash = (state: AppState) => state.flash;
const selectTheme = (state: AppState) => state.theme;
const selectNamespace = (state: AppState) => state.namespace;
const selectExit = (state: AppState) => state.exitCode;

function Dashboard() {
	const services = useServices();
	const {client, store, bus, keymap, kinds, settings} = services;
	useRawInput(bus);
	const {exit} = useApp();
	const size = useTerminalSize();
	const stack = useAppState(selectStack);
	const prompt = useAppState(selectPrompt);
	const dialog = useAppState(selectDialog);
	const flash = useAppState(selectFlash);
	const namespace = useAppState(selectNamespace);
	const exitCode = useAppState(selectExit);
	const view = stack.at(-1)!;
	const now = useClock(bus);
	const metrics = useMetrics(client, bus, namespace, view.type === 'table' && view.resource === 'pods');
	const names = useRef<NameSource | undefined>(undefined);
	names.current ??= new NameSource(client, () => store.getState().namespace);

	useGlobalKeys();
	usePromptKeys(names.current);
	useDialogKeys();
	useEffect(() => () => names.current?.release(), []);
	useEffect(() => {
		if (exitCode !== undefined) exit(exitCode);
	}, [exitCode, exit]);

	const onNamespaceKey = useCallback((digit: number) => {
		const state = store.getState();
		const target = digit === 0 ? undefined : state.favourites[digit - 1];
		if (digit !== 0 && target === undefined) {
			store.dispatch({type: 'flash', level: 'info', text: `no favourite namespace ${digit} yet (namespaces you switch to become favourites)`});
			return;
		}

		store.dispatch({type: 'namespace.set', namespace: target});
		services.rememberView({namespace: target ?? ''});
		settings.set('favourites', store.getState().favourites);
	}, [store, settings]);
	const onFlashExpire = useCallback((id: number) => store.dispatch({type: 'flash.clear', id}), [store]);
	const live = useMemo<LiveContext>(() => ({now, podMetrics: metrics.podMap, nodeMetrics: metrics.nodeMap}), [now, metrics]);

	const panes = panesOf(view, resource => kinds.byResource(resource)?.namespaced ?? true);
	const panesKey = panes.join(' ');
	// The panes' text stands for the array, which is rebuilt each render.
	const hints = useMemo(() => keymap.visible(panes), [keymap, panesKey]);
	const layout = computeLayout(size.columns, size.rows);
	// Nothing is drawn over Ink's frame while a dialog sits on top of the view.
	const overlayEnabled = !dialog;
	const overlaySettings = useMemo(() => ({overlay: services.overlay, colorLevel: services.colorLevel, enabled: overlayEnabled}), [services, overlayEnabled]);
	if (layout.tooSmall) {
		return (
			<Text>
				{`kubedeck needs a terminal of at least ${minimumSize.columns}x${minimumSize.rows}; this one is ${size.columns}x${size.rows}.`}
			</Text>
		);
	}

	const width = layout.columns;
	let body;
	switch (view.type) {
		case 'table': {
			body = (
				<ResourceView
					key={view.id}
					view={view}
					width={width}
					height={layout.body}
					live={live}
					onNamespaceKey={onNamespaceKey}
					screenTop={layout.header}
				/>
			);
			break;
		}

		case 'describe':
		case 'yaml': {
			body = <TextView key={view.id} view={view} width={width} height={layout.body} screenTop={layout.header}/>;
			break;
		}

		case 'logs': {
			body = <LogsView key={view.id} view={view} width={width} height={layout.body} screenTop={layout.header}/>;
			break;
		}

		case 'help': {
			body = <HelpView key={view.id} view={view} width={width} height={layout.body} screenTop={layout.header}/>;
			break;
		}
	}

	let bottom;
	if (prompt) bottom = <PromptLine prompt={prompt}/>;
	else if (flash) bottom = <FlashLine flash={flash} onExpire={onFlashExpire}/>;
	else bottom = <HintLine bindings={hints}/>;

	return (
		<OverlayContext.Provider value={overlaySettings}>
			<Box flexDirection="column" width={width} height={layout.frameHeight}>
				<Header
					client={client}
					namespace={namespace}
					width={width}
					lines={layout.header}
					kubeconfigHint={services.kubeconfigHint}
					nodeMetrics={metrics.nodes}
					readonly={keymap.readonly}
				/>
				<Box height={layout.body} width={width} flexDirection="column">
					<ViewBoundary key={view.id} width={width} height={layout.body}>{body}</ViewBoundary>
					{dialog
						? (
							<Box position="absolute" width={width} height={layout.body} justifyContent="center" alignItems="center">
								<DialogBox dialog={dialog} width={width}/>
							</Box>
						)
						: undefined}
				</Box>
				<Crumbs stack={stack}/>
				<Box height={1} width={width}>{bottom}</Box>
			</Box>
		</OverlayContext.Provider>
	);
}

/** The dashboard: services in context, the theme from the state (switchable live with :theme). */
export function App({services}: {services: AppServices}) {
	return (
		<AppServicesContext.Provider value={services}>
			<Themed/>
		</AppServicesContext.Provider>
	);
}

function Themed() {
	const name = useAppState(selectTheme);
	const theme = useMemo(() => {
		try {
			return loadTheme(name);
		} catch {
			return loadTheme('dark');
		}
	}, [name]);
	return (
		<ThemeContext.Provider value={theme}>
			<Dashboard/>
		</ThemeContext.Provider>
	);
}
