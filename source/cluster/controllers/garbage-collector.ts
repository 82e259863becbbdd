import type {KubeObject} from '../api/object.js';
import type {DeleteOptions} from '../api/object-api.js';
import {resourceForKind} from '../api/resources.js';
import {ApiError} from '../api/status.js';
import type {ControllerContext} from './controller-context.js';
import {keyOf, type Informer} from './informer.js';
import {ownerReferences, type OwnerReference} from './owners.js';
import {QueueController} from './queue-controller.js';

/** Resources whose objects own others or are owned. */
export const collectedResources = [
	'deployments',
	'replicasets',
	'statefulsets',
	'jobs',
	'pods',
	'services',
	'endpoints',
	'endpointslices',
	'configmaps',
	'secrets',
	'nodes',
	'leases',
	'serviceaccounts',
	'ingresses',
	'poddisruptionbudgets',
];

const resyncMs = 60_000;

function hasFinalizer(object: KubeObject, finalizer: string): boolean {
	return object.metadata.finalizers?.includes(finalizer) ?? false;
}

/**
 * kube-controller-manager's garbage collector: deletes objects whose owners are gone (Background), deletes the
 * dependents of an owner in foreground deletion before removing its `foregroundDeletion` finalizer, and for an
 * `orphan` finalizer strips the owner's references from its dependents before removing the finalizer.
 */
export class GarbageCollector extends QueueController {
	private readonly watched = new Map<string, Informer>();
	private timer: {cancel(): void} | undefined;
	private running = false;

	constructor(
		context: ControllerContext,
		private readonly resources: string[] = collectedResources,
	) {
		super(context, 'garbage-collector', 8);
	}

	start(): void {
		for (const resource of this.resources) {
			const informer = this.informers.for(resource);
			informer.addIndex('uid', object => [object.metadata.uid ?? '']);
			informer.addIndex('owners', object => ownerReferences(object).map(reference => reference.uid));
			this.watched.set(resource, informer);
			this.subscribe(
				informer.on({
					added: object => this.observe(resource, object),
					updated: (_, object) => this.observe(resource, object),
					deleted: object => this.gone(object),
				}),
			);
		}
		for (const informer of this.watched.values()) informer.start();
		this.running = true;
		this.arm();
	}

	override stop(): void {
		this.running = false;
		this.timer?.cancel();
		super.stop();
	}

	/** Looks at every object again now and then, as the real collector resyncs its graph: nothing missed stays. */
	private arm(): void {
		if (!this.running) return;
		this.timer = this.context.clock.setTimeout(() => {
			this.resync();
			this.arm();
		}, resyncMs);
	}

	resync(): void {
		for (const [resource, informer] of this.watched) for (const object of informer.values()) this.observe(resource, object);
	}

	private observe(resource: string, object: KubeObject): void {
		const key = `${resource}|${keyOf(object)}`;
		if (object.metadata.deletionTimestamp && (hasFinalizer(object, 'foregroundDeletion') || hasFinalizer(object, 'orphan')))
			this.queue.add(`owner|${key}`);
		const references = ownerReferences(object);
		if (references.length === 0) return;
		for (const reference of references) {
			const owner = this.lookup(reference, object.metadata.namespace);
			if (!owner || owner.metadata.uid !== reference.uid || owner.metadata.deletionTimestamp) {
				this.queue.add(`dependent|${key}`);
			}
			// A dependent changing may unblock an owner waiting for it.
			if (owner?.metadata.deletionTimestamp) this.enqueueOwnerByUid(reference.uid);
		}
	}

	private gone(object: KubeObject): void {
		const uid = object.metadata.uid ?? '';
		for (const [resource, informer] of this.watched)
			for (const dependent of informer.byIndex('owners', uid)) this.queue.add(`dependent|${resource}|${keyOf(dependent)}`);
		for (const reference of ownerReferences(object)) this.enqueueOwnerByUid(reference.uid);
	}

	private enqueueOwnerByUid(uid: string): void {
		for (const [resource, informer] of this.watched) {
			const owner = informer.byIndex('uid', uid)[0];
			if (owner?.metadata.deletionTimestamp) this.queue.add(`owner|${resource}|${keyOf(owner)}`);
		}
	}

	/** The owner a reference points at, from the cache or, when not there yet, from the API (authoritative). */
	private lookup(reference: OwnerReference, namespace: string | undefined): KubeObject | undefined {
		const info = resourceForKind(reference.kind);
		if (!info) return undefined;
		const scope = info.namespaced ? namespace : undefined;
		const cached = this.watched.get(info.plural)?.get(scope, reference.name);
		if (cached && cached.metadata.uid === reference.uid) return cached;
		return this.context.api.tryGet(info.plural, scope, reference.name);
	}

	private find(resource: string, key: string): KubeObject | undefined {
		const cached = this.watched.get(resource)?.getByKey(key);
		if (cached) return cached;
		const slash = key.indexOf('/');
		const namespace = slash >= 0 ? key.slice(0, slash) : undefined;
		const name = slash >= 0 ? key.slice(slash + 1) : key;
		return this.context.api.tryGet(resource, namespace, name);
	}

	private dependentsOf(uid: string): Array<{resource: string; object: KubeObject}> {
		const found: Array<{resource: string; object: KubeObject}> = [];
		for (const [resource, informer] of this.watched) for (const object of informer.byIndex('owners', uid)) found.push({resource, object});
		return found;
	}

	protected async sync(work: string): Promise<void> {
		const [kind, resource, key] = work.split('|') as [string, string, string];
		const object = this.find(resource, key);
		if (!object) return;
		if (kind === 'owner') await this.processDeletingOwner(resource, object);
		else await this.attemptToDelete(resource, object);
	}

	/** A dependent whose owners may be gone: delete it when none is left, or drop the references that dangle. */
	private async attemptToDelete(resource: string, object: KubeObject): Promise<void> {
		if (object.metadata.deletionTimestamp && !hasFinalizer(object, 'foregroundDeletion')) return;
		const references = ownerReferences(object);
		if (references.length === 0) return;
		const solid: OwnerReference[] = [];
		const dangling: OwnerReference[] = [];
		const waiting: OwnerReference[] = [];
		for (const reference of references) {
			const owner = this.lookup(reference, object.metadata.namespace);
			if (!owner || owner.metadata.uid !== reference.uid) dangling.push(reference);
			else if (owner.metadata.deletionTimestamp && hasFinalizer(owner, 'foregroundDeletion')) waiting.push(reference);
			else solid.push(reference);
		}
		const {api} = this.context;
		const {namespace, name, uid} = object.metadata;
		if (solid.length > 0) {
			if (dangling.length === 0 && waiting.length === 0) return;
			// Still owned: forget the owners that are gone, and stop blocking the ones deleting in the foreground.
			const goneUids = new Set(dangling.map(reference => reference.uid));
			const waitingUids = new Set(waiting.map(reference => reference.uid));
			await ignoreMissing(
				api.modify(resource, namespace, name!, current => {
					if (current.metadata.uid !== uid) return undefined;
					current.metadata.ownerReferences = ownerReferences(current)
						.filter(reference => !goneUids.has(reference.uid))
						.map(reference => (waitingUids.has(reference.uid) ? {...reference, blockOwnerDeletion: false} : reference));
					return current;
				}),
			);
			return;
		}
		if (object.metadata.deletionTimestamp) return;
		let propagationPolicy: DeleteOptions['propagationPolicy'] = 'Background';
		if (waiting.length > 0 && this.dependentsOf(uid!).length > 0) propagationPolicy = 'Foreground';
		else if (hasFinalizer(object, 'orphan')) propagationPolicy = 'Orphan';
		else if (hasFinalizer(object, 'foregroundDeletion')) propagationPolicy = 'Foreground';
		await ignoreMissing(api.delete(resource, namespace, name!, {propagationPolicy, preconditions: {uid}}));
	}

	private async processDeletingOwner(resource: string, owner: KubeObject): Promise<void> {
		if (!owner.metadata.deletionTimestamp) return;
		const {api} = this.context;
		const uid = owner.metadata.uid!;
		if (hasFinalizer(owner, 'orphan')) {
			await Promise.all(
				this.dependentsOf(uid).map(({resource: dependentResource, object}) =>
					ignoreMissing(
						api.modify(dependentResource, object.metadata.namespace, object.metadata.name!, current => {
							const references = ownerReferences(current);
							if (!references.some(reference => reference.uid === uid)) return undefined;
							current.metadata.ownerReferences = references.filter(reference => reference.uid !== uid);
							return current;
						}),
					),
				),
			);
			await this.removeFinalizer(resource, owner, 'orphan');
			return;
		}
		if (hasFinalizer(owner, 'foregroundDeletion')) {
			const dependents = this.dependentsOf(uid);
			const blocking = dependents.filter(({object}) =>
				ownerReferences(object).some(reference => reference.uid === uid && reference.blockOwnerDeletion),
			);
			await Promise.all(
				dependents
					.filter(({object}) => !object.metadata.deletionTimestamp)
					.map(({resource: dependentResource, object}) => this.attemptToDelete(dependentResource, object)),
			);
			if (blocking.length === 0) await this.removeFinalizer(resource, owner, 'foregroundDeletion');
		}
	}

	private async removeFinalizer(resource: string, owner: KubeObject, finalizer: string): Promise<void> {
		await ignoreMissing(
			this.context.api.modify(resource, owner.metadata.namespace, owner.metadata.name!, current => {
				if (current.metadata.uid !== owner.metadata.uid || !hasFinalizer(current, finalizer)) return undefined;
				current.metadata.finalizers = current.metadata.finalizers!.filter((name: string) => name !== finalizer);
				return current;
			}),
		);
	}
}

async function ignoreMissing(write: Promise<unknown>): Promise<void> {
	try {
		await write;
	} catch (error) {
		if (error instanceof ApiError && (error.code === 404 || error.code === 409)) return;
		throw error;
	}
}
