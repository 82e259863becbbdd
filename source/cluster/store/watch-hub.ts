import type {StoreEvent, StoreWatcher} from './backend.js';

type Subscription = {
	prefix: string;
	/** Live events at or below this revision were already part of the replay. */
	startAfter: number;
	/** Replayed history still to deliver, ahead of any live event. */
	replay: StoreEvent[];
	onEvents: (events: StoreEvent[]) => void;
	stopped: boolean;
};

/**
 * Hands events to watchers in batches, in a microtask after the writes that made them: never inside a write, always
 * in revision order, each watcher seeing only its prefix.
 */
export class WatchHub {
	private readonly subscriptions = new Set<Subscription>();
	private pending: StoreEvent[] = [];
	private flushScheduled = false;

	/** Called for every write; cheap when nobody watches. */
	publish(event: StoreEvent): void {
		if (this.subscriptions.size === 0) {
			return;
		}

		this.pending.push(event);
		this.scheduleFlush();
	}

	/**
	 * @param replay kept events after the requested revision, up to startAfter.
	 * @param startAfter the store's revision when the watch began (or the requested one, when that is later).
	 */
	subscribe(
		prefix: string,
		startAfter: number,
		replay: StoreEvent[],
		onEvents: (events: StoreEvent[]) => void,
	): StoreWatcher {
		const subscription: Subscription = {prefix, startAfter, replay, onEvents, stopped: false};
		this.subscriptions.add(subscription);
		if (replay.length > 0) {
			this.scheduleFlush();
		}

		return {
			stop: () => {
				subscription.stopped = true;
				this.subscriptions.delete(subscription);
			},
		};
	}

	/** Stops every watcher; nothing more is delivered. */
	stopAll(): void {
		for (const subscription of this.subscriptions) {
			subscription.stopped = true;
		}

		this.subscriptions.clear();
		this.pending = [];
	}

	get watcherCount(): number {
		return this.subscriptions.size;
	}

	private scheduleFlush(): void {
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			queueMicrotask(() => {
				this.flush();
			});
		}
	}

	private flush(): void {
		this.flushScheduled = false;
		const events = this.pending;
		this.pending = [];
		// A watcher may stop, start or write from its callback; the set is copied so this pass stays well defined.
		for (const subscription of [...this.subscriptions]) {
			if (subscription.stopped) {
				continue;
			}

			const batch = subscription.replay;
			subscription.replay = [];
			for (const event of events) {
				if (event.revision > subscription.startAfter && event.key.startsWith(subscription.prefix)) {
					batch.push(event);
				}
			}

			if (batch.length > 0) {
				deliver(subscription, batch);
			}
		}
	}
}

function deliver(subscription: Subscription, batch: StoreEvent[]): void {
	try {
		subscription.onEvents(batch);
	} catch (error) {
		// One faulty watcher must not starve the others; its error still surfaces as an uncaught exception.
		queueMicrotask(() => {
			throw error;
		});
	}
}
