import {readFile} from 'node:fs/promises';
import {parseAllDocuments} from 'yaml';
import type {KubeObject} from '../../cluster/api/object.js';
import {ClientError} from '../../client/types.js';
import type {ActionContext, ActionResult} from './actions.js';
import {CommandError} from './command.js';
import {usage} from './usage.js';

/** The objects in a YAML (or JSON) file with one or more documents; `List` objects are unpacked. */
export function objectsOf(text: string, file: string): KubeObject[] {
	const objects: KubeObject[] = [];
	for (const document of parseAllDocuments(text)) {
		if (document.errors.length > 0) throw new CommandError(`${file}: ${document.errors[0].message}`, usage.apply);
		const value = document.toJSON() as KubeObject | null;
		if (!value) continue;
		if (value.kind === 'List' && Array.isArray(value['items'])) objects.push(...(value['items'] as KubeObject[]));
		else objects.push(value);
	}

	return objects;
}

function isNotFound(error: unknown): boolean {
	return (error instanceof ClientError && error.code === 404) || /not found/i.test((error as Error).message ?? '');
}

/**
 * kubectl apply -f, simplified: each object is created if it does not exist, else strategic-merge patched with
 * the file's contents. Reports each object like kubectl ('deployment.apps/web configured').
 */
export async function apply(context: ActionContext, file: string, defaultNamespace: string): Promise<ActionResult> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		throw new CommandError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, usage.apply);
	}

	const objects = objectsOf(text, file);
	if (objects.length === 0) throw new CommandError(`no objects passed to apply (${file} is empty)`, usage.apply);
	const messages: string[] = [];
	for (const object of objects) {
		const kind = context.kinds.entries.find(entry => entry.kind === object.kind && (object.apiVersion ?? '').startsWith(entry.group ? `${entry.group}/` : 'v'))
			?? context.kinds.entries.find(entry => entry.kind === object.kind);
		if (!kind) throw new CommandError(`no matches for kind "${object.kind ?? ''}" in version "${object.apiVersion ?? ''}"`);
		const name = object.metadata?.name;
		if (!name) throw new CommandError(`a ${object.kind ?? 'object'} in ${file} has no metadata.name`);
		const namespace = kind.namespaced ? object.metadata.namespace ?? defaultNamespace : undefined;
		const body = kind.namespaced ? {...object, metadata: {...object.metadata, namespace}} : object;
		const label = `${context.kinds.qualifiedName(kind.resource)}/${name}`;
		try {
			await context.client.get(kind.resource, namespace, name);
		} catch (error) {
			if (!isNotFound(error)) throw error;
			await context.client.create(kind.resource, namespace, body);
			messages.push(`${label} created`);
			continue;
		}

		const {status: _status, ...patch} = body;
		await context.client.patch(kind.resource, namespace, name, patch, 'strategic');
		messages.push(`${label} configured`);
	}

	return {message: messages.join('; ')};
}
