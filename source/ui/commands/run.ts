import type {ClusterClient} from '../../client/types.js';
import type {Settings} from '../settings/settings.js';
import {tableView, type AppAction} from '../state/app-reducer.js';
import type {AppState} from '../state/app-state.js';
import type {Store} from '../state/store.js';
import {viewId} from '../state/views.js';
import * as actions from './actions.js';
import {apply} from './apply.js';
import {CommandError, isMutating, type Command} from './command.js';
import type {KindTable} from './kinds.js';
import {parseCommand} from './parse.js';
import {resolveTarget, type Selection} from './target.js';
import {usage} from './usage.js';

export type CommandRunnerOptions = {
	client: ClusterClient;
	kinds: KindTable;
	store: Store<AppState, AppAction>;
	settings: Settings;
	/** Remembers the namespace or pane for the next start. */
	rememberView: (view: {namespace?: string; pane?: string}) => void;
	readonly: boolean;
	/** The selected row of the table on screen. */
	selection: () => Selection | undefined;
	/** Checks a theme name or file; throws a message when it cannot be loaded. */
	checkTheme: (name: string) => void;
	now?: () => Date;
};

const workloads = ['deployments', 'replicasets', 'statefulsets'];

/**
 * Runs command lines: parses, refuses mutations in read-only mode, resolves the object (the selected row when the
 * command names none), calls the cluster, and reports the outcome or the API's own error in the flash line.
 * Never throws: every failure becomes a message.
 */
export function createCommandRunner(options: CommandRunnerOptions): (line: string) => Promise<void> {
	const {client, kinds, store} = options;
	const flash = (level: 'info' | 'warn' | 'error', text: string) => store.dispatch({type: 'flash', level, text});
	const context = () => ({kinds, selection: options.selection(), namespace: store.getState().namespace});
	const actionContext = {client, kinds, now: options.now};

	async function execute(command: Command): Promise<string | undefined> {
		switch (command.verb) {
			case 'quit': {
				store.dispatch({type: 'quit', code: 0});
				return undefined;
			}

			case 'help': {
				store.dispatch({type: 'view.push', view: {type: 'help', id: viewId(), top: 0}});
				return undefined;
			}

			case 'context': {
				store.dispatch({type: 'view.reset', view: tableView('contexts', undefined)});
				return undefined;
			}

			case 'theme': {
				if (!command.name) return `theme: ${store.getState().theme}`;
				options.checkTheme(command.name);
				store.dispatch({type: 'theme.set', name: command.name});
				options.settings.set('theme', command.name);
				return `theme ${command.name}`;
			}

			case 'namespace': {
				store.dispatch({type: 'namespace.set', namespace: command.namespace});
				options.rememberView({namespace: command.namespace ?? ''});
				options.settings.set('favourites', store.getState().favourites);
				return `namespace ${command.namespace ?? 'all'}`;
			}

			case 'view': {
				const kind = kinds.byResource(command.resource);
				let namespace = store.getState().namespace;
				if (command.allNamespaces) namespace = undefined;
				else if (command.namespace) namespace = command.namespace;
				if (kind?.namespaced && namespace !== store.getState().namespace) {
					store.dispatch({type: 'namespace.set', namespace});
					options.rememberView({namespace: namespace ?? ''});
				}

				store.dispatch({type: 'view.reset', view: tableView(command.resource, namespace, command.selector ? {filter: `-l ${command.selector}`} : {})});
				options.rememberView({pane: command.resource});
				return undefined;
			}

			case 'scale': {
				const target = resolveTarget(command.target, context(), 'scale', usage.scale, workloads);
				return (await actions.scale(actionContext, target, command.replicas)).message;
			}

			case 'label': {
				const target = resolveTarget(command.target, context(), 'label', usage.label);
				return (await actions.label(actionContext, target, command.changes, command.overwrite)).message;
			}

			case 'expose': {
				const target = resolveTarget(command.target, context(), 'expose', usage.expose, [...workloads, 'pods', 'services']);
				return (await actions.expose(actionContext, target, command)).message;
			}

			case 'set-image': {
				const target = resolveTarget(command.target, context(), 'set image', usage.set, [...workloads, 'pods', 'jobs']);
				return (await actions.setImage(actionContext, target, command.images)).message;
			}

			case 'rollout': {
				const allowed = command.action === 'restart' ? ['deployments', 'statefulsets'] : ['deployments'];
				const target = resolveTarget(command.target, context(), `rollout ${command.action}`, usage.rollout, allowed);
				switch (command.action) {
					case 'restart': {
						return (await actions.rolloutRestart(actionContext, target)).message;
					}

					case 'undo': {
						return (await actions.rolloutUndo(actionContext, target, command.toRevision)).message;
					}

					case 'status': {
						return (await actions.rolloutStatus(actionContext, target)).message;
					}

					case 'history': {
						const deployment = await client.get('deployments', target.namespace, target.name);
						store.dispatch({type: 'view.push', view: tableView('replicasets', target.namespace, {
							renderAs: 'revisions',
							scope: {title: `deployment/${target.name}`, ownerUid: deployment.metadata.uid, owner: {resource: 'deployments', name: target.name, namespace: target.namespace}},
						})});
						return undefined;
					}
				}

				return undefined;
			}

			case 'delete': {
				const target = resolveTarget(command.target, context(), 'delete', usage.delete);
				return (await actions.deleteObject(actionContext, target, command.cascade)).message;
			}

			case 'create-deployment': {
				const namespace = command.namespace ?? store.getState().namespace ?? 'default';
				return (await actions.createDeployment(actionContext, {...command, namespace})).message;
			}

			case 'apply': {
				return (await apply(actionContext, command.file, command.namespace ?? store.getState().namespace ?? 'default')).message;
			}

			case 'cordon':
			case 'uncordon': {
				const target = resolveTarget(command.target, context(), command.verb, usage[command.verb], ['nodes']);
				return (await actions.cordon(actionContext, target, command.verb === 'cordon')).message;
			}

			case 'drain': {
				const target = resolveTarget(command.target, context(), 'drain', usage.drain, ['nodes']);
				return (await actions.drain(actionContext, target)).message;
			}

			case 'power': {
				const target = resolveTarget(command.target, context(), 'node', usage.node, ['nodes']);
				return (await actions.power(actionContext, target, command.state)).message;
			}
		}
	}

	return async function runCommand(line: string): Promise<void> {
		try {
			const command = parseCommand(line, kinds);
			if (options.readonly && isMutating(command)) {
				flash('warn', `read-only mode: "${line.trim().split(/\s+/)[0]}" would change the cluster`);
				return;
			}

			const message = await execute(command);
			if (message) flash('info', message);
		} catch (error) {
			if (error instanceof CommandError) flash('error', error.usage ? `${error.message} — usage: ${error.usage}` : error.message);
			else flash('error', `Error: ${(error as Error).message}`);
		}
	};
}
