import type {KubeObject} from '../api/object.js';
import type {Controller, ControllerContext} from './controller-context.js';
import {keyOf, SharedInformers, type InformerHandlers} from './informer.js';
import {WorkQueue} from './work-queue.js';

/**
 * What every queue-driven controller shares, as client-go controllers are built: caches (its own when the context
 * brings none, stopped with it), a work queue whose keys go to sync() and whose failures are retried and reported
 * under the controller's name, and informer handlers removed again at stop.
 */
export abstract class QueueController implements Controller {
	protected readonly informers: SharedInformers;
	protected readonly queue: WorkQueue;
	private readonly ownsInformers: boolean;
	private readonly unsubscribe: Array<() => void> = [];

	constructor(
		protected readonly context: ControllerContext,
		/** The name failures are reported under (ControllerContext.onError). */
		name: string,
		/** Keys synced at once. */
		concurrency: number,
	) {
		this.ownsInformers = !context.informers;
		this.informers = context.informers ?? new SharedInformers(context.api);
		this.queue = new WorkQueue(key => this.sync(key), {clock: context.clock, concurrency, onError: (key, error) => context.onError?.(name, key, error)});
	}

	abstract start(): void;

	/** Brings what the key names to where it should be; a throw retries the key with backoff. */
	protected abstract sync(key: string): Promise<void>;

	stop(): void {
		for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
		this.queue.stop();
		if (this.ownsInformers) this.informers.stop();
	}

	/** Resolves when no sync is queued or running (for tests). */
	idle(): Promise<void> {
		return this.queue.idle();
	}

	/** Keeps what informer.on() returned, so stop() removes those handlers. */
	protected subscribe(...unsubscribes: Array<() => void>): void {
		this.unsubscribe.push(...unsubscribes);
	}

	/** Handlers that queue an object's own key when it is added or updated. */
	protected queueOnChange(): Required<Pick<InformerHandlers, 'added' | 'updated'>> {
		return {added: object => this.enqueue(object), updated: (_, object) => this.enqueue(object)};
	}

	protected enqueue(object: KubeObject): void {
		this.queue.add(keyOf(object));
	}
}
