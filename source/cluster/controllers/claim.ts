import type {KubeObject} from '../api/object.js';
import type {ObjectAPI} from '../api/object-api.js';
import type {Selector} from '../api/selectors/labels.js';
import {controllerOf, controllerReference, ownerReferences} from './owners.js';

/** Index of objects that have no controller, by namespace: the candidates for adoption. */
export function orphanNamespace(object: KubeObject): string[] {
	return controllerOf(object) ? [] : [object.metadata.namespace ?? ''];
}

export type ClaimOptions = {
	api: ObjectAPI;
	resource: string;
	owner: KubeObject;
	ownerApiVersion: string;
	ownerKind: string;
	selector: Selector;
	/** Objects whose controller reference points at owner. */
	owned: KubeObject[];
	/** Objects in owner's namespace with no controller. */
	orphans: KubeObject[];
};

/**
 * What an owner controls after adopting matching orphans and releasing owned objects that no longer match its
 * selector, as kube-controller-manager's ControllerRefManager does. An owner being deleted adopts and releases
 * nothing.
 */
export async function claimObjects(options: ClaimOptions): Promise<KubeObject[]> {
	const {api, resource, owner, selector} = options;
	const deleting = Boolean(owner.metadata.deletionTimestamp);
	const uid = owner.metadata.uid!;
	const claimed: KubeObject[] = [];
	const writes: Array<Promise<void>> = [];
	for (const object of options.owned) {
		if (selector(object.metadata.labels)) claimed.push(object);
		else if (!deleting) writes.push(release(api, resource, object, uid));
	}
	if (!deleting)
		for (const object of options.orphans) {
			if (object.metadata.deletionTimestamp || !selector(object.metadata.labels)) continue;
			writes.push(
				adopt(api, resource, object, controllerReference(owner, options.ownerApiVersion, options.ownerKind)).then(adopted => {
					if (adopted) claimed.push(adopted);
				}),
			);
		}
	await Promise.all(writes);
	return claimed;
}

async function release(api: ObjectAPI, resource: string, object: KubeObject, uid: string): Promise<void> {
	try {
		await api.modify(resource, object.metadata.namespace, object.metadata.name!, current => {
			if (current.metadata.uid !== object.metadata.uid) return undefined;
			const references = ownerReferences(current);
			if (!references.some(reference => reference.uid === uid)) return undefined;
			current.metadata.ownerReferences = references.filter(reference => reference.uid !== uid);
			return current;
		});
	} catch {
		// Gone already, or changed by someone else: the next sync looks again.
	}
}

async function adopt(api: ObjectAPI, resource: string, object: KubeObject, reference: ReturnType<typeof controllerReference>): Promise<KubeObject | undefined> {
	try {
		const adopted = await api.modify(resource, object.metadata.namespace, object.metadata.name!, current => {
			if (current.metadata.uid !== object.metadata.uid || controllerOf(current) || current.metadata.deletionTimestamp) return undefined;
			current.metadata.ownerReferences = [...ownerReferences(current), reference];
			return current;
		});
		return controllerOf(adopted)?.uid === reference.uid ? adopted : undefined;
	} catch {
		return undefined;
	}
}
