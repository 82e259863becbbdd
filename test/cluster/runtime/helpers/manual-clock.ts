import type {Clock} from '../../../../source/cluster/clock.js';

type Timer = {at: number; callback: () => void; order: number};

/** A clock that moves only when a test moves it, firing due timers in order. */
export class ManualClock implements Clock {
	private timers: Timer[] = [];
	private order = 0;

	constructor(private current = Date.UTC(2026, 10, 26, 11, 40, 0)) {}

	now(): number {
		return this.current;
	}

	setTimeout(callback: () => void, ms: number): {cancel(): void} {
		const timer: Timer = {at: this.current + Math.max(0, ms), callback, order: this.order++};
		this.timers.push(timer);
		return {
			cancel: () => {
				this.timers = this.timers.filter(candidate => candidate !== timer);
			},
		};
	}

	/** Timers waiting to fire. */
	get pending(): number {
		return this.timers.length;
	}

	/** Moves time forward, firing each due timer and letting the work it starts settle before the next. */
	async advance(ms: number): Promise<void> {
		const end = this.current + ms;
		for (;;) {
			await settle();
			const due = this.timers.filter(timer => timer.at <= end).sort((a, b) => a.at - b.at || a.order - b.order)[0];
			if (!due) break;
			this.timers = this.timers.filter(timer => timer !== due);
			this.current = Math.max(this.current, due.at);
			due.callback();
		}
		this.current = end;
		await settle();
	}
}

/** Lets pending promise callbacks and immediates run. */
export async function settle(rounds = 5): Promise<void> {
	for (let round = 0; round < rounds; round++) await new Promise(resolve => setImmediate(resolve));
}
