import type {KubeObject} from './object.js';

/** Options of a list, as the API's query string carries them. */
export type ListOptions = {
	/** Label selector in the apimachinery grammar ('app=web,tier in (a,b)'). */
	labelSelector?: string;
	/** Field selector ('metadata.name=x,status.phase!=Running'). */
	fieldSelector?: string;
	limit?: number;
	continue?: string;
	/** '' or undefined: most recent; '0': any; else at least/exactly this revision (as Kubernetes, NotOlderThan). */
	resourceVersion?: string;
};

export type ListResult = {items: KubeObject[]; resourceVersion: string; continue?: string; remainingItemCount?: number};

export type WriteOptions = {
	/** Validate and default but change nothing ('All' in the API). */
	dryRun?: boolean;
	fieldManager?: string;
};

export type DeleteOptions = WriteOptions & {
	propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
	/** For pods: 0 deletes at once; undefined uses the pod's terminationGracePeriodSeconds. */
	gracePeriodSeconds?: number;
	preconditions?: {uid?: string; resourceVersion?: string};
};

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
export type WatchEvent = {type: WatchEventType; object: KubeObject};

export type WatchOptions = {
	labelSelector?: string;
	fieldSelector?: string;
	/** Start after this revision; undefined or '0' starts with ADDED events for everything present (as Kubernetes). */
	resourceVersion?: string;
	allowWatchBookmarks?: boolean;
};

export type Watch = {stop(): void};

/**
 * The cluster's objects as the API server offers them: defaulting, validation, metadata, selectors, graceful delete,
 * finalizers. Controllers, kubelets, the HTTP layer and tests all write through this one door.
 * `resource` is a plural from resources.ts ('pods', 'deployments'). Errors are ApiError (status.ts).
 * Returned objects are shared with the store: never mutate them.
 */
export interface ObjectAPI {
	/** The store's current revision, for list metadata and watch BOOKMARKs. */
	resourceVersion(): string;
	get(resource: string, namespace: string | undefined, name: string): KubeObject;
	/** Returns undefined instead of throwing NotFound. */
	tryGet(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
	/** namespace undefined lists across all namespaces. */
	list(resource: string, namespace: string | undefined, options?: ListOptions): ListResult;
	create(resource: string, namespace: string | undefined, object: KubeObject, options?: WriteOptions): Promise<KubeObject>;
	/** PUT semantics: the object's metadata.resourceVersion, when set, must match (else Conflict). */
	update(resource: string, namespace: string | undefined, object: KubeObject, options?: WriteOptions): Promise<KubeObject>;
	/** PUT on the status subresource: only status changes. */
	updateStatus(resource: string, namespace: string | undefined, object: KubeObject, options?: WriteOptions): Promise<KubeObject>;
	/**
	 * Read, change a copy, write; retried on conflict. `mutate` gets a deep copy and returns it (or a new object),
	 * or undefined to leave the object as it is. `status: true` writes the status subresource.
	 */
	modify(
		resource: string,
		namespace: string | undefined,
		name: string,
		mutate: (object: KubeObject) => KubeObject | undefined,
		options?: WriteOptions & {status?: boolean},
	): Promise<KubeObject>;
	/**
	 * pods/binding: places an unbound pod on a node and marks it PodScheduled in one write. Conflict when the pod is
	 * already bound, is being deleted, or (with uid) was replaced by another of the same name.
	 */
	bind(namespace: string, name: string, binding: {uid?: string; nodeName: string}, options?: WriteOptions): Promise<KubeObject>;
	/** Returns the object as deleted, or as it now is when deletion is deferred (graceful pods, finalizers, foreground). */
	delete(resource: string, namespace: string | undefined, name: string, options?: DeleteOptions): Promise<KubeObject>;
	/** Events from the store, filtered by namespace and selectors; an expired resourceVersion throws ApiError 410. */
	watch(resource: string, namespace: string | undefined, options: WatchOptions, onEvent: (events: WatchEvent[]) => void): Watch;
}
