import type {Backend} from './endpoints.js';

/**
 * Spreads requests over backends: round robin, or by client address when the service asks for ClientIP affinity
 * (kube-proxy keeps such a client on one backend while that backend lasts).
 */
export class Balancer {
	private readonly next = new Map<string, number>();

	/**
	 * One backend that `usable` accepts, or undefined. backends come in a stable order (EndpointTable sorts them), so
	 * a client with affinity finds the same one again.
	 */
	pick(serviceKey: string, backends: readonly Backend[], clientIp: string | undefined, affinity: boolean, usable: (backend: Backend) => boolean): Backend | undefined {
		const count = backends.length;
		if (count === 0) return undefined;
		const start = affinity && clientIp ? hash(clientIp) % count : (this.next.get(serviceKey) ?? 0) % count;
		for (let offset = 0; offset < count; offset++) {
			const backend = backends[(start + offset) % count]!;
			if (!usable(backend)) continue;
			if (!(affinity && clientIp)) this.next.set(serviceKey, (start + offset + 1) % count);
			return backend;
		}
		return undefined;
	}
}

function hash(text: string): number {
	let value = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return value;
}
