import type {Deployment} from 'kubernetes-types/apps/v1.js';
import type {Service} from 'kubernetes-types/core/v1.js';
import type {KubeObject} from '../../cluster/api/object.js';
import type {KindTable} from '../commands/kinds.js';
import {tableView, type AppAction} from '../state/app-reducer.js';
import {requirementsOf} from '../state/label-selector.js';
import {viewId, type LogsView, type TableView, type TextView} from '../state/views.js';

/** What enter does on a row. */
export type DrillDown = {actions: AppAction[]} | {flash: string};

export function logsView(pod: KubeObject, options: {previous?: boolean; tailLines?: number; container?: string} = {}): LogsView {
	const annotations = pod.metadata.annotations ?? {};
	const containers = ((pod['spec'] as {containers?: Array<{name: string}>} | undefined)?.containers ?? []).map(container => container.name);
	const container = options.container ?? annotations['kubectl.kubernetes.io/default-container'] ?? containers[0];
	return {
		type: 'logs',
		id: viewId(),
		namespace: pod.metadata.namespace ?? 'default',
		pod: pod.metadata.name ?? '',
		container,
		previous: options.previous ?? false,
		tailLines: options.tailLines,
		autoscroll: true,
		wrap: false,
		timestamps: false,
		filter: '',
		offset: 0,
		generation: 0,
	};
}

export function describeView(type: 'describe' | 'yaml', resource: string, object: KubeObject): TextView {
	return {type, id: viewId(), resource, namespace: object.metadata.namespace, name: object.metadata.name ?? '', top: 0};
}

/**
 * Enter on a row, as k9s does it: workloads and services open their pods (by selector), a node its pods
 * (spec.nodeName), a namespace switches to it, a pod opens its logs; anything else is described.
 */
export function drillDown(view: TableView, object: KubeObject, kinds: KindTable, tailLines: number): DrillDown {
	const name = object.metadata.name ?? '';
	const namespace = object.metadata.namespace;
	const singular = kinds.byResource(view.resource)?.kind.toLowerCase() ?? view.resource;
	const push = (next: TableView | LogsView | TextView): DrillDown => ({actions: [{type: 'view.push', view: next}]});
	if (view.renderAs === 'revisions') return push(describeView('describe', 'replicasets', object));
	switch (view.resource) {
		case 'pods': {
			return push(logsView(object, {tailLines}));
		}

		case 'deployments':
		case 'replicasets':
		case 'statefulsets':
		case 'jobs':
		case 'daemonsets': {
			const selector = (object as unknown as Deployment).spec?.selector;
			if (!selector) return {flash: `${singular}/${name} has no selector`};
			return push(tableView('pods', namespace, {scope: {title: `${singular}/${name}`, requirements: requirementsOf(selector)}}));
		}

		case 'services': {
			const selector = (object as unknown as Service).spec?.selector;
			if (!selector || Object.keys(selector).length === 0) return {flash: `service/${name} has no selector: no pods behind it`};
			return push(tableView('pods', namespace, {scope: {title: `service/${name}`, requirements: requirementsOf(selector)}}));
		}

		case 'nodes': {
			return push(tableView('pods', undefined, {scope: {title: `node/${name}`, nodeName: name}}));
		}

		case 'namespaces': {
			return {actions: [{type: 'namespace.set', namespace: name}, {type: 'view.reset', view: tableView('pods', name)}]};
		}

		case 'contexts': {
			return {flash: `already on context ${name}`};
		}

		default: {
			return push(describeView('describe', view.resource, object));
		}
	}
}
