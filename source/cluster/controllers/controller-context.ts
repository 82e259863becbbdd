import type {ObjectAPI} from '../api/object-api.js';
import type {Clock} from '../clock.js';
import type {Timings} from '../cluster-types.js';
import type {EventRecorder} from './events.js';
import type {SharedInformers} from './informer.js';

/** What every controller is built from. */
export type ControllerContext = {
	api: ObjectAPI;
	clock: Clock;
	timings: Timings;
	recorder: EventRecorder;
	/** Caches shared between controllers; each controller makes its own when absent. */
	informers?: SharedInformers;
	/** Told when a sync fails (it is retried with backoff); for logs and tests. */
	onError?: (controller: string, key: string, error: unknown) => void;
};

export interface Controller {
	start(): void;
	stop(): void;
}
