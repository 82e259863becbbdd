/** Exponential back-off for reconnecting: 0.5 s doubling to 30 s by default, back to the start after a success. */
export class Backoff {
	private attempt = 0;

	constructor(
		private readonly initialMs = 500,
		private readonly maxMs = 30_000,
	) {}

	/** The delay before the next try; each call doubles the one after. */
	next(): number {
		const delay = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
		if (delay < this.maxMs) this.attempt++;
		return delay;
	}

	reset(): void {
		this.attempt = 0;
	}
}

/** Waits ms unless the signal aborts first; the default wait of caches, replaced in tests. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise(resolve => {
		if (signal?.aborted) return resolve();
		const timer = setTimeout(done, ms);
		timer.unref?.();
		signal?.addEventListener('abort', done, {once: true});
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}
	});
}
