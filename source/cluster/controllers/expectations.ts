import type {Clock} from '../clock.js';

type Expected = {adds: number; deletes: Set<string>; since: number};

/** How long a controller waits for its own writes to show up in its cache before acting again anyway. */
const expectationTimeoutMs = 5 * 60 * 1000;

/**
 * What a controller has asked for and not yet seen in its watch, per owner key, as kube-controller-manager's
 * ControllerExpectations: until the creations and deletions it made are observed, counting pods again would create
 * or delete too many.
 */
export class Expectations {
	private readonly expected = new Map<string, Expected>();

	constructor(private readonly clock: Clock) {}

	satisfied(key: string): boolean {
		const entry = this.expected.get(key);
		if (!entry) return true;
		if (entry.adds <= 0 && entry.deletes.size === 0) return true;
		return this.clock.now() - entry.since > expectationTimeoutMs;
	}

	expectCreations(key: string, count: number): void {
		this.expected.set(key, {adds: count, deletes: new Set(), since: this.clock.now()});
	}

	expectDeletions(key: string, uids: string[]): void {
		this.expected.set(key, {adds: 0, deletes: new Set(uids), since: this.clock.now()});
	}

	creationObserved(key: string): void {
		const entry = this.expected.get(key);
		if (entry) entry.adds--;
	}

	/** A create that failed will never be observed. */
	lowerCreations(key: string, count = 1): void {
		const entry = this.expected.get(key);
		if (entry) entry.adds -= count;
	}

	deletionObserved(key: string, uid: string): void {
		this.expected.get(key)?.deletes.delete(uid);
	}

	forget(key: string): void {
		this.expected.delete(key);
	}
}
