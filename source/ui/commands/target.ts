import type {KubeObject} from '../../cluster/api/object.js';
import {CommandError, type Target} from './command.js';
import type {KindTable} from './kinds.js';

/** An object a command will act on, fully named. */
export type ResolvedTarget = {resource: string; name: string; namespace: string | undefined};

export type Selection = {resource: string; object: KubeObject};

export type TargetContext = {
	kinds: KindTable;
	/** The selected row of the table on screen, if any. */
	selection?: Selection;
	/** The dashboard's namespace (undefined: all). */
	namespace: string | undefined;
};

/**
 * Fills in what a command left out: no name means the selected row; no namespace means the row's, or the
 * dashboard's, or 'default'. `allowed` lists the resources the verb works on.
 */
export function resolveTarget(target: Target, context: TargetContext, verb: string, usageLine: string, allowed?: readonly string[]): ResolvedTarget {
	const {selection, kinds} = context;
	let resource = target.resource;
	let name = target.name;
	let namespace = target.namespace;
	if (name === undefined) {
		if (!selection) throw new CommandError(`${verb}: name the object or select a row`, usageLine);
		if (resource && resource !== selection.resource) {
			throw new CommandError(`${verb}: the selected row is a ${kinds.qualifiedName(selection.resource)}, not a ${kinds.qualifiedName(resource)}`, usageLine);
		}

		resource = selection.resource;
		name = selection.object.metadata.name ?? '';
		namespace ??= selection.object.metadata.namespace;
	}

	if (!resource) throw new CommandError(`${verb}: which kind of object?`, usageLine);
	if (allowed && !allowed.includes(resource)) {
		throw new CommandError(`${verb} does not work on ${resource} (only ${allowed.join(', ')})`, usageLine);
	}

	const namespaced = kinds.byResource(resource)?.namespaced ?? true;
	if (!namespaced) return {resource, name, namespace: undefined};
	if (namespace === undefined && selection?.resource === resource && selection.object.metadata.name === name) {
		namespace = selection.object.metadata.namespace;
	}

	return {resource, name, namespace: namespace ?? context.namespace ?? 'default'};
}
