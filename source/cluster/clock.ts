/** Time as the cluster sees it; injected so controllers can be tested without waiting. */
export interface Clock {
	now(): number;
	setTimeout(callback: () => void, ms: number): {cancel(): void};
}

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout(callback, ms) {
		const handle = setTimeout(callback, ms);
		handle.unref?.();
		return {cancel: () => clearTimeout(handle)};
	},
};

let cachedSecond = Number.NaN;
let cachedText = '';

/** RFC 3339 with second precision, as Kubernetes writes timestamps. Cached per second: it is on every write path. */
export function timestamp(ms: number): string {
	const second = Math.floor(ms / 1000);
	if (second !== cachedSecond) {
		cachedSecond = second;
		cachedText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
	}
	return cachedText;
}
