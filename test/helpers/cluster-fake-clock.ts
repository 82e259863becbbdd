import type {Clock} from '../../source/cluster/clock.js';

type Timer = {at: number; sequence: number; callback: () => void; cancelled: boolean};

/** A clock that moves only when told: timers fire in order as advance() passes them. */
export class FakeClock implements Clock {
	private current: number;
	private sequence = 0;
	private timers: Timer[] = [];

	constructor(start = Date.parse('2026-03-01T09:00:00Z')) {
		this.current = start;
	}

	now(): number {
		return this.current;
	}

	setTimeout(callback: () => void, ms: number): {cancel(): void} {
		const timer: Timer = {at: this.current + Math.max(0, ms), sequence: this.sequence++, callback, cancelled: false};
		this.timers.push(timer);
		return {cancel: () => (timer.cancelled = true)};
	}

	/** Timers not yet fired or cancelled. */
	get pending(): number {
		return this.timers.filter(timer => !timer.cancelled).length;
	}

	/** Moves time forward by ms, firing each due timer at its own time, timers set by timers included. */
	advance(ms: number): void {
		const target = this.current + ms;
		for (;;) {
			this.timers = this.timers.filter(timer => !timer.cancelled);
			let next: Timer | undefined;
			for (const timer of this.timers) if (timer.at <= target && (!next || timer.at < next.at || (timer.at === next.at && timer.sequence < next.sequence))) next = timer;
			if (!next) break;
			this.current = Math.max(this.current, next.at);
			next.cancelled = true;
			next.callback();
		}
		this.current = target;
	}
}
