import type {KubeObject} from '../api/object.js';
import type {ControllerContext} from './controller-context.js';
import {keyOf, namespaceOf, type Informer} from './informer.js';
import {QueueController} from './queue-controller.js';
import {serviceSelects} from './service-backends.js';

/**
 * What both endpoint controllers share: a queue of service keys, filled when a service changes, when a pod it
 * selects (before or after the change) changes, and when one of the objects the controller writes changes.
 */
export abstract class ServiceWatchController extends QueueController {
	protected services!: Informer;
	protected pods!: Informer;
	protected owned!: Informer;

	constructor(
		context: ControllerContext,
		/** What the controller writes; also the name its failures are reported under. */
		private readonly ownedResource: string,
		/** The service key an owned object belongs to. */
		private readonly serviceKeyOf: (object: KubeObject) => string | undefined,
	) {
		super(context, ownedResource, 4);
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
		this.subscribe(
			this.services.on({...this.queueOnChange(), deleted: service => this.enqueue(service)}),
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

	private podChanged(previous: KubeObject | undefined, pod: KubeObject): void {
		for (const service of this.services.byIndex('namespace', pod.metadata.namespace ?? ''))
			if (serviceSelects(service, pod.metadata.labels) || (previous && serviceSelects(service, previous.metadata.labels))) this.enqueue(service);
	}
}
