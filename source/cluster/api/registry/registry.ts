import type {Backend, StoredObject, StoreEvent} from '../../store/backend.js';
import {CompactedError, ConflictError, KeyExistsError, KeyNotFoundError} from '../../store/backend.js';
import type {Clock} from '../../clock.js';
import {timestamp} from '../../clock.js';
import {cloneObject, sameJson, type KubeObject} from '../object.js';
import type {DeleteOptions, ListOptions, ListResult, ObjectAPI, Watch, WatchEvent, WatchOptions, WriteOptions} from '../object-api.js';
import {apiVersionOf, resourceInfo, storeKey, type ResourceInfo} from '../resources.js';
import {ApiError, causes as fieldCauses, errors} from '../status.js';
import {applyDefaults} from '../defaults/index.js';
import {validate} from '../validation/index.js';
import {generateName} from '../names.js';
import {decodeContinue, encodeContinue} from './continue-token.js';
import {compileFilter} from './filters.js';
import {translate} from './watch-events.js';
import {finalizersOf, initialiseMetadata, preserveServerMetadata, specChanged} from './metadata.js';
import {ServiceAllocations} from './services.js';
import {keepsStatusOnUpdate, prepareForCreate} from './strategies.js';

export type RegistryOptions = {
	clock: Clock;
	/** tolerationSeconds of the default not-ready/unreachable tolerations given to new pods. */
	defaultTolerationSeconds: number;
};

const maxRetries = 25;

/**
 * The API server's storage layer: every write is defaulted, validated and given server metadata, then stored with
 * compare-and-swap. Implements graceful deletion of pods, finalizers, and deletion propagation markers.
 */
export class Registry implements ObjectAPI {
	private readonly services = new ServiceAllocations();

	constructor(
		private readonly store: Backend,
		private readonly options: RegistryOptions,
	) {
		for (const stored of store.list(storeKey(resourceInfo('services'))).items) this.services.adopt(stored.value);
	}

	resourceVersion(): string {
		return String(this.store.currentRevision());
	}

	get(resource: string, namespace: string | undefined, name: string): KubeObject {
		const info = resourceInfo(resource);
		const stored = this.store.get(storeKey(info, this.scope(info, namespace), name));
		if (!stored) throw errors.notFound(info.plural, info.group, name);
		return stored.value;
	}

	tryGet(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
		const info = resourceInfo(resource);
		return this.store.get(storeKey(info, this.scope(info, namespace), name))?.value;
	}

	list(resource: string, namespace: string | undefined, options: ListOptions = {}): ListResult {
		const info = resourceInfo(resource);
		const prefix = storeKey(info, info.namespaced ? namespace : undefined);
		const filter = compileFilter(resource, options.labelSelector, options.fieldSelector);
		const token = options.continue ? decodeContinue(options.continue) : undefined;
		let listed: {items: StoredObject[]; revision: number};
		try {
			listed = this.store.list(prefix, token?.revision);
		} catch (error) {
			if (error instanceof CompactedError)
				throw errors.gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
			throw error;
		}
		let start = 0;
		if (token) start = firstAfter(listed.items, token.start);
		const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
		const items: KubeObject[] = [];
		let index = start;
		for (; index < listed.items.length && items.length < limit; index++) {
			const value = listed.items[index]!.value;
			if (!filter || filter(value)) items.push(value);
		}
		const result: ListResult = {items, resourceVersion: String(listed.revision)};
		if (items.length === limit && index < listed.items.length) {
			// Is anything left that matches? Without a filter the count is exact.
			const more = filter ? listed.items.slice(index).some(s => filter(s.value)) : true;
			if (more) {
				result.continue = encodeContinue({revision: listed.revision, start: listed.items[index - 1]!.key});
				if (!filter) result.remainingItemCount = listed.items.length - index;
			}
		}
		return result;
	}

	async create(resource: string, namespace: string | undefined, input: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
		const info = resourceInfo(resource);
		const object = this.decodeInput(info, input);
		const scope = this.scope(info, namespace ?? object.metadata.namespace);
		if (info.namespaced) {
			if (object.metadata.namespace && object.metadata.namespace !== scope)
				throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
			object.metadata.namespace = scope;
			this.checkNamespaceOpen(scope!);
		} else delete object.metadata.namespace;

		const generated = !object.metadata.name && object.metadata.generateName;
		if (!object.metadata.name && !object.metadata.generateName)
			throw errors.invalid(info.kind, info.group, '', [{...fieldCauses.required('metadata.name'), message: 'Required value: name or generateName is required'}]);
		initialiseMetadata(object, this.options.clock.now());
		applyDefaults(resource, object, {tolerationSeconds: this.options.defaultTolerationSeconds});
		prepareForCreate(resource, object);

		for (let attempt = 0; ; attempt++) {
			if (generated) object.metadata.name = generateName(object.metadata.generateName!);
			const allocation = resource === 'services' ? this.services.assign(object, undefined) : undefined;
			const problems = [...(allocation?.causes ?? []), ...validate(resource, object)];
			if (problems.length > 0) {
				allocation?.undo();
				throw errors.invalid(info.kind, info.group, object.metadata.name ?? '', problems);
			}
			if (options.dryRun) {
				allocation?.undo();
				return object;
			}
			try {
				const stored = await this.store.create(storeKey(info, scope, object.metadata.name!), object);
				return stored.value;
			} catch (error) {
				allocation?.undo();
				if (error instanceof KeyExistsError) {
					if (generated && attempt < 8) continue;
					throw errors.alreadyExists(info.plural, info.group, object.metadata.name!);
				}
				throw error;
			}
		}
	}

	update(resource: string, namespace: string | undefined, input: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
		return this.write(resource, namespace, input, options, false);
	}

	updateStatus(resource: string, namespace: string | undefined, input: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
		return this.write(resource, namespace, input, options, true);
	}

	async modify(
		resource: string,
		namespace: string | undefined,
		name: string,
		mutate: (object: KubeObject) => KubeObject | undefined,
		options: WriteOptions & {status?: boolean} = {},
	): Promise<KubeObject> {
		for (let attempt = 0; attempt < maxRetries; attempt++) {
			const current = this.get(resource, namespace, name);
			const changed = mutate(cloneObject(current));
			if (changed === undefined) return current;
			changed.metadata.resourceVersion = current.metadata.resourceVersion;
			try {
				return await this.write(resource, namespace, changed, options, options.status ?? false, true);
			} catch (error) {
				if (error instanceof ApiError && error.reason === 'Conflict' && attempt < maxRetries - 1) continue;
				throw error;
			}
		}
		throw errors.conflict(resource, resourceInfo(resource).group, name);
	}

	async bind(namespace: string, name: string, binding: {uid?: string; nodeName: string}, options: WriteOptions = {}): Promise<KubeObject> {
		const info = resourceInfo('pods');
		const key = storeKey(info, namespace, name);
		for (let attempt = 0; attempt < maxRetries; attempt++) {
			const stored = this.store.get(key);
			if (!stored) throw errors.notFound(info.plural, info.group, name);
			const pod = stored.value;
			const spec = (pod['spec'] ?? {}) as {nodeName?: string};
			if (binding.uid && pod.metadata.uid !== binding.uid) throw errors.conflict('pods', '', name, 'the pod was replaced');
			if (pod.metadata.deletionTimestamp) throw errors.conflict('pods', '', name, 'pod is being deleted, cannot be assigned to a host');
			if (spec.nodeName) throw errors.conflict('pods', '', name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
			const status = (pod['status'] ?? {}) as {conditions?: Array<{type: string}>};
			const conditions = [
				...(status.conditions ?? []).filter(condition => condition.type !== 'PodScheduled'),
				{type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(this.options.clock.now())},
			];
			// Only nodeName and one condition change, so this write needs none of update's defaulting and validation.
			const bound: KubeObject = {...pod, metadata: {...pod.metadata}, spec: {...spec, nodeName: binding.nodeName}, status: {...status, conditions}};
			if (options.dryRun) return bound;
			try {
				return (await this.store.update(key, bound, stored.modRevision)).value;
			} catch (error) {
				if (error instanceof ConflictError) continue;
				throw error;
			}
		}
		throw errors.conflict('pods', '', name);
	}

	async delete(resource: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<KubeObject> {
		const info = resourceInfo(resource);
		const scope = this.scope(info, namespace);
		const key = storeKey(info, scope, name);
		for (let attempt = 0; attempt < maxRetries; attempt++) {
			const stored = this.store.get(key);
			if (!stored) throw errors.notFound(info.plural, info.group, name);
			const current = stored.value;
			this.checkPreconditions(info, current, options);
			const deferred = this.deferredDeletion(resource, current, options);
			if (options.dryRun) return deferred ?? current;
			try {
				if (deferred) {
					if (deferred === current) return current;
					return (await this.store.update(key, deferred, stored.modRevision)).value;
				}
				const deleted = await this.store.delete(key, stored.modRevision);
				if (resource === 'services') this.services.free(deleted.value);
				return deleted.value;
			} catch (error) {
				if (error instanceof ConflictError) continue;
				if (error instanceof KeyNotFoundError) throw errors.notFound(info.plural, info.group, name);
				throw error;
			}
		}
		throw errors.conflict(info.plural, info.group, name);
	}

	watch(resource: string, namespace: string | undefined, options: WatchOptions, onEvent: (events: WatchEvent[]) => void): Watch {
		const info = resourceInfo(resource);
		const prefix = storeKey(info, info.namespaced ? namespace : undefined);
		const filter = compileFilter(resource, options.labelSelector, options.fieldSelector);
		const initial: WatchEvent[] = [];
		let from: number;
		const rv = options.resourceVersion;
		if (!rv || rv === '0') {
			const listed = this.store.list(prefix);
			for (const stored of listed.items) if (!filter || filter(stored.value)) initial.push({type: 'ADDED', object: stored.value});
			from = listed.revision;
		} else {
			from = Number(rv);
			if (!Number.isSafeInteger(from) || from < 0) throw errors.badRequest(`invalid resource version: ${rv}`);
		}
		let stopped = false;
		let started = initial.length === 0;
		const early: StoreEvent[][] = [];
		const deliver = (events: StoreEvent[]) => {
			const translated = translate(events, filter);
			if (translated.length > 0 && !stopped) onEvent(translated);
		};
		let watcher;
		try {
			watcher = this.store.watch(prefix, from, events => {
				if (stopped) return;
				if (!started) early.push(events);
				else deliver(events);
			});
		} catch (error) {
			if (error instanceof CompactedError) throw errors.gone(`too old resource version: ${from} (${error.compacted})`);
			throw error;
		}
		if (!started)
			queueMicrotask(() => {
				if (stopped) return;
				onEvent(initial);
				started = true;
				for (const batch of early.splice(0)) deliver(batch);
			});
		return {
			stop() {
				stopped = true;
				watcher.stop();
			},
		};
	}

	/** owned: input is already a private copy (from modify), so it need not be copied again. */
	private async write(resource: string, namespace: string | undefined, input: KubeObject, options: WriteOptions, status: boolean, owned = false): Promise<KubeObject> {
		const info = resourceInfo(resource);
		const incoming = this.decodeInput(info, input, owned);
		const name = incoming.metadata.name;
		if (!name) throw errors.badRequest('name is required for an update');
		const scope = this.scope(info, namespace ?? incoming.metadata.namespace);
		const key = storeKey(info, scope, name);
		const stored = this.store.get(key);
		if (!stored) throw errors.notFound(info.plural, info.group, name);
		const old = stored.value;
		const requested = incoming.metadata.resourceVersion;
		if (requested && requested !== old.metadata.resourceVersion) throw errors.conflict(info.plural, info.group, name);

		let object: KubeObject;
		if (status) {
			// The status subresource changes status alone. Stored objects are never mutated, so the rest is shared.
			object = {...old, metadata: {...old.metadata}, status: incoming.status};
		} else {
			object = incoming;
			if (info.namespaced) object.metadata.namespace = scope;
			preserveServerMetadata(object, old);
			if (keepsStatusOnUpdate(resource)) object.status = cloneObject(old.status);
			applyDefaults(resource, object, {tolerationSeconds: this.options.defaultTolerationSeconds});
			if (specChanged(object, old)) object.metadata.generation = (old.metadata.generation ?? 0) + 1;
		}
		object.metadata.resourceVersion = old.metadata.resourceVersion;

		const allocation = resource === 'services' && !status ? this.services.assign(object, old) : undefined;
		const problems = [...(allocation?.causes ?? []), ...validate(resource, object, old)];
		if (problems.length > 0) {
			allocation?.undo();
			throw errors.invalid(info.kind, info.group, name, problems);
		}
		if (sameObject(object, old)) {
			allocation?.undo();
			return old;
		}
		if (options.dryRun) {
			allocation?.undo();
			return object;
		}
		try {
			if (object.metadata.deletionTimestamp && finalizersOf(object).length === 0 && !namespaceFinalizers(resource, object)) {
				// The last finalizer is gone: the deletion that was waiting for it completes now.
				const deleted = await this.store.delete(key, stored.modRevision);
				if (resource === 'services') this.services.free(deleted.value);
				return deleted.value;
			}
			const written = await this.store.update(key, object, stored.modRevision);
			allocation?.released();
			return written.value;
		} catch (error) {
			allocation?.undo();
			if (error instanceof ConflictError) throw errors.conflict(info.plural, info.group, name);
			if (error instanceof KeyNotFoundError) throw errors.notFound(info.plural, info.group, name);
			throw error;
		}
	}

	/**
	 * When a delete must wait (graceful pod termination, finalizers, foreground or orphan propagation, namespaces),
	 * the object as it should be stored instead; undefined when the key can go now.
	 */
	private deferredDeletion(resource: string, current: KubeObject, options: DeleteOptions): KubeObject | undefined {
		const now = this.options.clock.now();
		if (resource === 'namespaces') {
			if (current.metadata.deletionTimestamp) return current;
			// With no finalizer at all nothing will ever finish the deletion later: it happens now.
			if (!namespaceFinalizers(resource, current) && finalizersOf(current).length === 0) return undefined;
			const next = cloneObject(current);
			next.metadata.deletionTimestamp = timestamp(now);
			next.metadata.deletionGracePeriodSeconds = 0;
			next.status = {...(next.status as object), phase: 'Terminating'};
			return next;
		}
		if (resource === 'pods') {
			const spec = current['spec'] as {nodeName?: string; terminationGracePeriodSeconds?: number} | undefined;
			const grace = options.gracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
			const phase = (current['status'] as {phase?: string} | undefined)?.phase;
			const finished = phase === 'Succeeded' || phase === 'Failed';
			if (spec?.nodeName && grace > 0 && !finished) {
				const existing = current.metadata.deletionGracePeriodSeconds;
				if (current.metadata.deletionTimestamp && existing !== undefined && existing <= grace) return current;
				const next = cloneObject(current);
				next.metadata.deletionTimestamp = timestamp(now + grace * 1000);
				next.metadata.deletionGracePeriodSeconds = grace;
				return next;
			}
		}
		const finalizers = [...finalizersOf(current)];
		if (options.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
		if (options.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
		if (finalizers.length === 0) return undefined;
		if (current.metadata.deletionTimestamp && finalizers.length === finalizersOf(current).length) return current;
		const next = cloneObject(current);
		next.metadata.finalizers = finalizers;
		next.metadata.deletionTimestamp ??= timestamp(now);
		next.metadata.deletionGracePeriodSeconds ??= 0;
		return next;
	}

	private checkPreconditions(info: ResourceInfo, current: KubeObject, options: DeleteOptions): void {
		const {uid, resourceVersion} = options.preconditions ?? {};
		const name = current.metadata.name!;
		if (uid && uid !== current.metadata.uid)
			throw errors.conflict(info.plural, info.group, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`);
		if (resourceVersion && resourceVersion !== current.metadata.resourceVersion)
			throw errors.conflict(info.plural, info.group, name, `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
	}

	private checkNamespaceOpen(namespace: string): void {
		const ns = this.tryGet('namespaces', undefined, namespace);
		if (!ns) throw errors.notFound('namespaces', '', namespace);
		if (ns.metadata.deletionTimestamp)
			throw errors.forbidden(`unable to create new content in namespace ${namespace} because it is being terminated`);
	}

	/** A private copy of what a client sent, with apiVersion and kind checked and set. */
	private decodeInput(info: ResourceInfo, input: KubeObject, owned = false): KubeObject {
		if (!input || typeof input !== 'object' || Array.isArray(input)) throw errors.badRequest('the request body is not an object');
		const object = owned ? input : cloneObject(input);
		if (!object.metadata || typeof object.metadata !== 'object' || Array.isArray(object.metadata)) object.metadata = {};
		const apiVersion = apiVersionOf(info);
		if (object.apiVersion !== undefined && object.apiVersion !== apiVersion)
			throw errors.badRequest(`the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${apiVersion})`);
		if (object.kind !== undefined && object.kind !== info.kind)
			throw errors.badRequest(`the kind in the data (${String(object.kind)}) does not match the expected kind (${info.kind})`);
		object.apiVersion = apiVersion;
		object.kind = info.kind;
		return object;
	}

	private scope(info: ResourceInfo, namespace: string | undefined): string | undefined {
		if (!info.namespaced) return undefined;
		return namespace || 'default';
	}
}

/** The first index whose key sorts after `key`. */
function firstAfter(items: StoredObject[], key: string): number {
	let low = 0;
	let high = items.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (items[middle]!.key <= key) low = middle + 1;
		else high = middle;
	}
	return low;
}

function namespaceFinalizers(resource: string, object: KubeObject): boolean {
	if (resource !== 'namespaces') return false;
	return ((object['spec'] as {finalizers?: string[]} | undefined)?.finalizers?.length ?? 0) > 0;
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
	return sameJson(a, b);
}

export function createRegistry(store: Backend, options: RegistryOptions): Registry {
	return new Registry(store, options);
}
