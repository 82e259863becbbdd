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

/** RFC 3339 with second precision, as Kubernetes writes timestamps. */
export function timestamp(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
