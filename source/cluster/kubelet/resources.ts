import type {Container} from 'kubernetes-types/core/v1.js';
import {parseBytes, parseCpuMilli} from '../api/quantity.js';

/** A container's requests and limits as numbers, for the runtime's usage and OOM simulation. Bad quantities are ignored. */
export function containerResources(container: Container): {cpuRequestMilli?: number; cpuLimitMilli?: number; memoryRequestBytes?: number; memoryLimitBytes?: number} {
	const read = (value: unknown, parse: (q: string) => number) => {
		if (value === undefined || value === null) return undefined;
		try {
			return parse(String(value));
		} catch {
			return undefined;
		}
	};
	const requests = container.resources?.requests ?? {};
	const limits = container.resources?.limits ?? {};
	const out: ReturnType<typeof containerResources> = {};
	const cpuRequest = read(requests['cpu'], parseCpuMilli);
	const cpuLimit = read(limits['cpu'], parseCpuMilli);
	const memoryRequest = read(requests['memory'], parseBytes);
	const memoryLimit = read(limits['memory'], parseBytes);
	if (cpuRequest !== undefined) out.cpuRequestMilli = cpuRequest;
	if (cpuLimit !== undefined) out.cpuLimitMilli = cpuLimit;
	if (memoryRequest !== undefined) out.memoryRequestBytes = memoryRequest;
	if (memoryLimit !== undefined) out.memoryLimitBytes = memoryLimit;
	return out;
}
