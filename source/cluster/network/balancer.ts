import type {Backend} from './endpoints.js';

/** Spreads requests over backends: round robin, or by client address when the service asks for ClientIP affinity. */
export class Balancer {
	private readonly next = new Map<string, number>();

	pick(serviceKey: string, backends: Backend[], clientIp: string | undefined, affinity: boolean): Backend | undefined {
		if (backends.length === 0) return undefined;
		const sorted = backends.length > 1 ? [...backends].sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port)) : backends;
		if (affinity && clientIp) return sorted[hash(clientIp) % sorted.length];
		const index = this.next.get(serviceKey) ?? 0;
		this.next.set(serviceKey, index + 1);
		return sorted[index % sorted.length];
	}
}

function hash(text: string): number {
	let value = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return value;
}
