import {randomUUID} from 'node:crypto';
import {sameJson, type KubeObject} from '../object.js';
import {timestamp} from '../../clock.js';

/** Server-owned metadata on create, as kube-apiserver sets it. */
export function initialiseMetadata(object: KubeObject, now: number): void {
	const meta = object.metadata;
	meta.uid = randomUUID();
	meta.creationTimestamp = timestamp(now);
	delete meta.resourceVersion;
	delete meta.deletionTimestamp;
	delete meta.deletionGracePeriodSeconds;
	delete meta.selfLink;
	if ('spec' in object) meta.generation = 1;
	else delete meta.generation;
}

/** On update, the client cannot change what the server owns. */
export function preserveServerMetadata(object: KubeObject, old: KubeObject): void {
	const meta = object.metadata;
	const previous = old.metadata;
	meta.uid = previous.uid;
	meta.creationTimestamp = previous.creationTimestamp;
	meta.generation = previous.generation;
	if (previous.deletionTimestamp) {
		meta.deletionTimestamp = previous.deletionTimestamp;
		meta.deletionGracePeriodSeconds = previous.deletionGracePeriodSeconds;
	} else {
		delete meta.deletionTimestamp;
		delete meta.deletionGracePeriodSeconds;
	}
	if (meta.name === undefined) meta.name = previous.name;
	if (previous.namespace !== undefined) meta.namespace = previous.namespace;
}

/** Kubernetes bumps generation when anything but metadata and status changes. */
export function specChanged(object: KubeObject, old: KubeObject): boolean {
	for (const key of new Set([...Object.keys(object), ...Object.keys(old)])) {
		if (key === 'metadata' || key === 'status' || key === 'apiVersion' || key === 'kind') continue;
		if (!sameJson(object[key], old[key])) return true;
	}
	return false;
}

export function finalizersOf(object: KubeObject): string[] {
	return object.metadata.finalizers ?? [];
}
