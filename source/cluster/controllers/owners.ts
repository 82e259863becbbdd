import type {KubeObject} from '../api/object.js';

export type OwnerReference = {
	apiVersion: string;
	kind: string;
	name: string;
	uid: string;
	controller?: boolean;
	blockOwnerDeletion?: boolean;
};

export function ownerReferences(object: KubeObject): OwnerReference[] {
	return (object.metadata.ownerReferences as OwnerReference[] | undefined) ?? [];
}

export function controllerOf(object: KubeObject): OwnerReference | undefined {
	return ownerReferences(object).find(reference => reference.controller);
}

/** The reference a controller puts on what it creates. */
export function controllerReference(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
	return {apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true};
}

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
	return controllerOf(object)?.uid === owner.metadata.uid;
}
