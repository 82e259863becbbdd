import type {KubeObject} from '../../source/cluster/api/object.js';
import type {StoreEvent} from '../../source/cluster/store/backend.js';

/** A small ConfigMap-like object, enough for the store, which never looks inside values. */
export function configMap(name: string, data: Record<string, string> = {}, namespace = 'default'): KubeObject {
	return {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace}, data};
}

export function podKey(name: string, namespace = 'default'): string {
	return `/registry/pods/${namespace}/${name}`;
}

/** Collects watch batches and resolves once at least count events have arrived. */
export function collectEvents(): {
	events: StoreEvent[];
	batches: StoreEvent[][];
	onEvents: (events: StoreEvent[]) => void;
	waitFor: (count: number) => Promise<StoreEvent[]>;
} {
	const events: StoreEvent[] = [];
	const batches: StoreEvent[][] = [];
	let waiters: Array<{count: number; resolve: (events: StoreEvent[]) => void}> = [];
	return {
		events,
		batches,
		onEvents(batch) {
			batches.push(batch);
			events.push(...batch);
			waiters = waiters.filter(waiter => {
				if (events.length >= waiter.count) {
					waiter.resolve(events);
					return false;
				}

				return true;
			});
		},
		async waitFor(count) {
			if (events.length >= count) {
				return events;
			}

			return new Promise(resolve => {
				waiters.push({count, resolve});
			});
		},
	};
}

/** Lets every queued microtask and the current macrotask's callbacks run. */
export async function settle(): Promise<void> {
	await new Promise(resolve => {
		setImmediate(resolve);
	});
}
