import type {KubeObject} from '../api/object.js';
import type {ObjectAPI} from '../api/object-api.js';

/** Writes an object's status subresource, unless the object was deleted and made again meanwhile (another uid). */
export async function writeStatus(api: ObjectAPI, resource: string, object: KubeObject, status: unknown): Promise<void> {
	await api.modify(
		resource,
		object.metadata.namespace,
		object.metadata.name!,
		current => {
			if (current.metadata.uid !== object.metadata.uid) return undefined;
			current['status'] = status;
			return current;
		},
		{status: true},
	);
}
