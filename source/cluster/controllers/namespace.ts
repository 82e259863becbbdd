import type {KubeObject} from '../api/object.js';
import {resources} from '../api/resources.js';
import {ApiError} from '../api/status.js';
import type {ControllerContext} from './controller-context.js';
import type {Informer} from './informer.js';
import {QueueController} from './queue-controller.js';

/** How often a terminating namespace is checked for what is left in it. */
const recheckMs = 1000;

/**
 * kube-controller-manager's namespace controller: empties a namespace being deleted (phase Terminating), then
 * removes the `kubernetes` finalizer so the API server can let it go.
 */
export class NamespaceController extends QueueController {
	private namespaces!: Informer;

	constructor(context: ControllerContext) {
		super(context, 'namespace', 2);
	}

	start(): void {
		this.namespaces = this.informers.for('namespaces');
		this.subscribe(
			this.namespaces.on({
				added: namespace => this.changed(namespace),
				updated: (_, namespace) => this.changed(namespace),
			}),
		);
		this.namespaces.start();
	}

	private changed(namespace: KubeObject): void {
		if (namespace.metadata.deletionTimestamp) this.enqueue(namespace);
	}

	protected async sync(name: string): Promise<void> {
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
