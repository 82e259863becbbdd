/** While syncs run in the thread pool, one in this many runs on the event loop again, to see whether they got quick. */
const probeInterval = 32;
/** Weight of the newest measurement in the moving average. */
const smoothing = 1 / 8;

/**
 * Decides where the log's fdatasync runs. On the event loop a sync costs the flush and nothing more; in the thread
 * pool it also costs two thread wake-ups and a trip back through the loop, which on a fast disk, and more so on a busy
 * machine, take longer than the flush itself. So syncs run on the loop while they are quick, and in the thread pool
 * once they are slow (a spinning or overloaded disk), so that reads and watches are never held up for long.
 */
export class SyncPlacement {
	/** Moving average of the syncs timed on the event loop, in milliseconds. */
	private averageMs = 0;
	private sinceProbe = 0;

	/** @param inlineLimitMs syncs slower than this on average go to the thread pool; 0 sends every sync there. */
	constructor(private readonly inlineLimitMs: number) {}

	/** Whether the next sync runs on the event loop; if so, report its duration to measured. */
	onEventLoop(): boolean {
		if (this.inlineLimitMs <= 0) {
			return false;
		}

		if (this.averageMs < this.inlineLimitMs) {
			return true;
		}

		this.sinceProbe++;
		if (this.sinceProbe < probeInterval) {
			return false;
		}

		this.sinceProbe = 0;
		return true;
	}

	measured(durationMs: number): void {
		this.averageMs += (durationMs - this.averageMs) * smoothing;
	}
}
