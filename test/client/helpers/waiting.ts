import type {Clock} from '../../../source/cluster/clock.js';

/** Polls until the condition holds; fails after a generous limit instead of hanging the suite. */
export async function waitUntil(condition: () => boolean, what = 'condition', limitMs = 15_000): Promise<void> {
	const deadline = Date.now() + limitMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

/** A reconnect wait that records each delay and returns at once, or holds while `hold` is set. */
export function recordingWait(): {delays: number[]; wait: (ms: number) => Promise<void>; hold(): void; release(): void} {
	const delays: number[] = [];
	let gate: Promise<void> | undefined;
	let open: (() => void) | undefined;
	return {
		delays,
		async wait(ms: number) {
			delays.push(ms);
			if (gate) await gate;
		},
		hold() {
			gate = new Promise(resolve => (open = resolve));
		},
		release() {
			gate = undefined;
			open?.();
		},
	};
}

/** A clock that moves only when told, for coalescing without waiting. */
export class ManualClock implements Clock {
	private time = 0;
	private timers: Array<{at: number; callback: () => void; cancelled: boolean}> = [];

	now(): number {
		return this.time;
	}

	setTimeout(callback: () => void, ms: number): {cancel(): void} {
		const timer = {at: this.time + ms, callback, cancelled: false};
		this.timers.push(timer);
		return {cancel: () => (timer.cancelled = true)};
	}

	advance(ms: number): void {
		this.time += ms;
		const due = this.timers.filter(timer => timer.at <= this.time && !timer.cancelled);
		this.timers = this.timers.filter(timer => timer.at > this.time && !timer.cancelled);
		for (const timer of due) timer.callback();
	}
}
