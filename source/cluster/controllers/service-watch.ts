import type {KubeObject} from '../api/object.js';
import type {ControllerContext} from './controller-context.js';
import {keyOf, namespaceOf, SharedInformers, type Informer} from './informer.js';
import {serviceSelects} from './service-backends.js';
import {WorkQueue} from './work-queue.js';

/**
 * What both endpoint controllers share: a queue of service keys, filled when a service changes, when a pod it
 * selects (before or after the change) changes, and when one of the objects the controller writes changes.
 */
export class ServiceWatch {
	readonly informers: SharedInformers;
	readonly queue: WorkQueue;
	services!: Informer;
	pods!: Informer;
	owned!: Informer;
	private readonly ownsInformers: boolean;
	private readonly unsubscribe: Array<() => void> = [];

	constructor(
		context: ControllerContext,
		private readonly ownedResource: string,
		/** The service key an owned object belongs to. */
		private readonly serviceKeyOf: (object: KubeObject) => string | undefined,
		sync: (serviceKey: string) => Promise<void>,
	) {
		this.ownsInformers = !context.informers;
		this.informers = context.informers ?? new SharedInformers(context.api);
		this.queue = new WorkQueue(sync, {clock: context.clock, concurrency: 4, onError: (key, error) => context.onError?.(ownedResource, key, error)});
	}

	start(): void {
		this.services = this.informers.for('services');
		this.pods = this.informers.for('pods');
		this.owned = this.informers.for(this.ownedResource);
		this.services.addIndex('namespace', namespaceOf);
		this.pods.addIndex('namespace', namespaceOf);
		const ownedChanged = (object: KubeObject) => {
			const key = this.serviceKeyOf(object);
			if (key) this.queue.add(key);
		};
		this.unsubscribe.push(
			this.services.on({
				added: service => this.queue.add(keyOf(service)),
				updated: (_, service) => this.queue.add(keyOf(service)),
				deleted: service => this.queue.add(keyOf(service)),
			}),
			this.pods.on({
				added: pod => this.podChanged(undefined, pod),
				updated: (previous, pod) => this.podChanged(previous, pod),
				deleted: pod => this.podChanged(undefined, pod),
			}),
			this.owned.on({added: ownedChanged, updated: (_, object) => ownedChanged(object), deleted: ownedChanged}),
		);
		this.services.start();
		this.pods.start();
		this.owned.start();
	}

	stop(): void {
		for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
		this.queue.stop();
		if (this.ownsInformers) this.informers.stop();
	}

	private podChanged(previous: KubeObject | undefined, pod: KubeObject): void {
		for (const service of this.services.byIndex('namespace', pod.metadata.namespace ?? ''))
			if (serviceSelects(service, pod.metadata.labels) || (previous && serviceSelects(service, previous.metadata.labels))) this.queue.add(keyOf(service));
	}
}
