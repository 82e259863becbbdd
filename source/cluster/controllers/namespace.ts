import type {KubeObject} from '../api/object.js';
import {resources} from '../api/resources.js';
import {ApiError} from '../api/status.js';
import type {Controller, ControllerContext} from './controller-context.js';
import {keyOf, SharedInformers, type Informer} from './informer.js';
import {WorkQueue} from './work-queue.js';

/** How often a terminating namespace is checked for what is left in it. */
const recheckMs = 1000;

/**
 * kube-controller-manager's namespace controller: empties a namespace being deleted (phase Terminating), then
 * removes the `kubernetes` finalizer so the API server can let it go.
 */
export class NamespaceController implements Controller {
	private readonly informers: SharedInformers;
	private readonly ownsInformers: boolean;
	private readonly queue: WorkQueue;
	private readonly unsubscribe: Array<() => void> = [];
	private namespaces!: Informer;

	constructor(private readonly context: ControllerContext) {
		this.ownsInformers = !context.informers;
		this.informers = context.informers ?? new SharedInformers(context.api);
		this.queue = new WorkQueue(key => this.sync(key), {clock: context.clock, concurrency: 2, onError: (key, error) => context.onError?.('namespace', key, error)});
	}

	start(): void {
		this.namespaces = this.informers.for('namespaces');
		this.unsubscribe.push(
			this.namespaces.on({
				added: namespace => this.changed(namespace),
				updated: (_, namespace) => this.changed(namespace),
			}),
		);
		this.namespaces.start();
	}

	stop(): void {
		for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
		this.queue.stop();
		if (this.ownsInformers) this.informers.stop();
	}

	idle(): Promise<void> {
		return this.queue.idle();
	}

	private changed(namespace: KubeObject): void {
		if (namespace.metadata.deletionTimestamp) this.queue.add(keyOf(namespace));
	}

	private async sync(name: string): Promise<void> {
		const namespace = this.namespaces.getByKey(name);
		if (!namespace?.metadata.deletionTimestamp) return;
		const {api} = this.context;
		let remaining = 0;
		for (const info of resources) {
			if (!info.namespaced) continue;
			for (const object of api.list(info.plural, name).items) {
				remaining++;
				if (object.metadata.deletionTimestamp) continue;
				try {
					await api.delete(info.plural, name, object.metadata.name!, {propagationPolicy: 'Background', preconditions: {uid: object.metadata.uid}});
				} catch (error) {
					if (!(error instanceof ApiError && (error.code === 404 || error.code === 409))) throw error;
				}
			}
		}
		if (remaining > 0) {
			this.queue.addAfter(name, recheckMs);
			return;
		}
		await api.modify('namespaces', undefined, name, current => {
			const spec = (current['spec'] ?? {}) as {finalizers?: string[]};
			if (!spec.finalizers?.includes('kubernetes')) return undefined;
			spec.finalizers = spec.finalizers.filter(finalizer => finalizer !== 'kubernetes');
			current['spec'] = spec;
			return current;
		});
	}
}
