import type {Deployment} from 'kubernetes-types/apps/v1.js';
import type {KubeObject} from '../../cluster/api/object.js';
import type {AppServices} from '../app-context.js';
import {tableView} from '../state/app-reducer.js';
import type {Dialog} from '../state/app-state.js';
import {lineOf} from '../state/line-edit.js';
import type {TableView} from '../state/views.js';
import {describeView, logsView} from './drill-down.js';

/** `deployments/web -n default`: how row actions name their object in the command they run. */
export function objectRef(resource: string, object: KubeObject): string {
	const namespace = object.metadata.namespace;
	return `${resource}/${object.metadata.name ?? ''}${namespace ? ` -n ${namespace}` : ''}`;
}

function confirm(title: string, message: string, choices: Dialog['choices']): Dialog {
	return {kind: 'confirm', title, message, choices: [...choices, {label: 'Cancel'}], selected: 0};
}

function displayName(object: KubeObject): string {
	const {namespace, name} = object.metadata;
	return namespace ? `${namespace}/${name ?? ''}` : name ?? '';
}

/**
 * What a row key does. Everything that changes the cluster becomes a command line (the same path as typing it),
 * behind a prompt or a confirmation when the action is destructive or needs a value.
 */
export function runRowAction(id: string, view: TableView, object: KubeObject, services: AppServices): boolean {
	const {store, kinds} = services;
	const dispatch = store.dispatch;
	const resource = view.renderAs === 'revisions' ? 'replicasets' : view.resource;
	const ref = objectRef(resource, object);
	const kind = kinds.qualifiedName(resource);
	const spec = object['spec'] as Deployment['spec'];
	switch (id) {
		case 'object.describe': {
			dispatch({type: 'view.push', view: describeView('describe', resource, object)});
			return true;
		}

		case 'object.yaml': {
			dispatch({type: 'view.push', view: describeView('yaml', resource, object)});
			return true;
		}

		case 'object.delete': {
			const command = (cascade: string) => `delete ${ref} --cascade=${cascade}`;
			dispatch({type: 'dialog.open', dialog: confirm(
				'Delete',
				`Delete ${kind} ${displayName(object)}?\nBackground deletes dependents after the object, Foreground before it, Orphan leaves them.`,
				[{label: 'Delete', command: command('background')}, {label: 'Foreground', command: command('foreground')}, {label: 'Orphan', command: command('orphan')}],
			)});
			return true;
		}

		case 'pod.logs':
		case 'pod.previous-logs': {
			dispatch({type: 'view.push', view: logsView(object, {previous: id === 'pod.previous-logs', tailLines: services.logTailLines})});
			return true;
		}

		case 'workload.scale': {
			const replicas = spec?.replicas ?? 1;
			dispatch({type: 'prompt.open', prompt: {kind: 'input', label: `Scale ${object.metadata.name ?? ''} to:`, line: lineOf(String(replicas)), command: `scale ${ref} {}`}});
			return true;
		}

		case 'workload.set-image': {
			const container = spec?.template?.spec?.containers?.[0];
			const current = container ? `${container.name}=${container.image ?? ''}` : '';
			dispatch({type: 'prompt.open', prompt: {kind: 'input', label: 'Set image (CONTAINER=IMAGE):', line: lineOf(current), command: `set image ${ref} {}`}});
			return true;
		}

		case 'workload.restart': {
			dispatch({type: 'dialog.open', dialog: confirm('Restart', `Rollout restart ${kind} ${displayName(object)}?`, [{label: 'Restart', command: `rollout restart ${ref}`}])});
			return true;
		}

		case 'deployment.undo': {
			dispatch({type: 'dialog.open', dialog: confirm('Undo', `Roll ${kind} ${displayName(object)} back to its previous revision?`, [{label: 'Undo', command: `rollout undo ${ref}`}])});
			return true;
		}

		case 'deployment.history': {
			void services.runCommand(`rollout history ${ref}`);
			return true;
		}

		case 'deployment.replicasets': {
			const uid = object.metadata.uid;
			dispatch({type: 'view.push', view: tableView('replicasets', object.metadata.namespace, {scope: {title: `deployment/${object.metadata.name ?? ''}`, ownerUid: uid}})});
			return true;
		}

		case 'revision.rollback': {
			const owner = view.scope?.owner;
			const revision = object.metadata.annotations?.['deployment.kubernetes.io/revision'];
			if (!owner || !revision) return true;
			const ownerRef = `${owner.resource}/${owner.name}${owner.namespace ? ` -n ${owner.namespace}` : ''}`;
			dispatch({type: 'dialog.open', dialog: confirm('Roll back', `Roll deployment ${owner.name} back to revision ${revision}?`, [{label: 'Roll back', command: `rollout undo ${ownerRef} --to-revision=${revision}`}])});
			return true;
		}

		case 'node.cordon':
		case 'node.uncordon': {
			void services.runCommand(`${id === 'node.cordon' ? 'cordon' : 'uncordon'} ${object.metadata.name ?? ''}`);
			return true;
		}

		case 'node.drain': {
			dispatch({type: 'dialog.open', dialog: confirm('Drain', `Drain node ${object.metadata.name ?? ''}? It is cordoned and each of its pods evicted.`, [{label: 'Drain', command: `drain ${object.metadata.name ?? ''}`}])});
			return true;
		}

		case 'node.power': {
			const off = object.metadata.annotations?.['kubedeck.io/power'] === 'off';
			const name = object.metadata.name ?? '';
			if (off) {
				void services.runCommand(`node start ${name}`);
			} else {
				dispatch({type: 'dialog.open', dialog: confirm('Power off', `Power off node ${name}? Its pods stop answering until it is powered on.`, [{label: 'Power off', command: `node stop ${name}`}])});
			}

			return true;
		}

		default: {
			return false;
		}
	}
}
