import type {ResourceUsage} from './types.js';

/** How a program's usage looks: what it takes idle, and what load adds. Data, so an image can tune its own. */
export type UsageProfile = {
	/** Idle CPU in millicores, lowest and highest; it wanders between them over time. */
	idleCpuMilli: readonly [number, number];
	/** Idle memory (working set) in bytes, lowest and highest; each container settles somewhere in between. */
	idleMemoryBytes: readonly [number, number];
	/** CPU added by one request per second. */
	cpuMilliPerRequestRate: number;
	/** Memory added by one request per second (buffers, caches), up to maxExtraMemoryBytes. */
	memoryBytesPerRequestRate: number;
	maxExtraMemoryBytes: number;
};

const Mi = 1024 * 1024;

export const idleProfile: UsageProfile = {
	idleCpuMilli: [0, 0],
	idleMemoryBytes: [0.2 * Mi, 0.6 * Mi],
	cpuMilliPerRequestRate: 0,
	memoryBytesPerRequestRate: 0,
	maxExtraMemoryBytes: 0,
};

/** The request rate is averaged over about this long, like the window metrics-server reports over. */
const rateWindowMs = 15_000;
/** Memory taken under load is given back slowly. */
const memoryWindowMs = 120_000;
/** A busy loop's core is given back this fast once it stops. */
const spinWindowMs = 3_000;
/** Idle CPU changes its value this often. */
const idleStepMs = 15_000;

/**
 * A container's simulated usage, computed when asked: no timers. Load raises a request rate that decays
 * exponentially; CPU follows the rate, memory follows its peaks and falls back slowly.
 */
export class LoadMeter {
	private rate = 0;
	private rateAt = -Infinity;
	private extraMemory = 0;
	private extraMemoryAt = -Infinity;
	private spinningAt = -Infinity;
	/** Steady use a program asks for by itself (a stress test), on top of the idle use. */
	demandCpuMilli = 0;
	demandMemoryBytes = 0;

	constructor(
		private readonly profile: UsageProfile,
		/** Spreads containers of the same image over the idle ranges. */
		private readonly seed: number,
	) {}

	/** Counts one request (or a heavier piece of work). */
	hit(now: number, weight = 1): void {
		this.rate = this.requestRate(now) + (weight * 1000) / rateWindowMs;
		this.rateAt = now;
		const target = Math.min(this.profile.maxExtraMemoryBytes, this.rate * this.profile.memoryBytesPerRequestRate);
		const held = this.heldMemory(now);
		this.extraMemory = Math.max(held, target);
		this.extraMemoryAt = now;
	}

	/** A busy loop is running: the container uses a whole core (or its limit) while it lasts. */
	spin(now: number): void {
		this.spinningAt = now;
	}

	/** Requests per second, averaged. */
	requestRate(now: number): number {
		return this.rate * Math.exp(-Math.max(0, now - this.rateAt) / rateWindowMs);
	}

	usage(now: number, cpuLimitMilli?: number): ResourceUsage {
		const profile = this.profile;
		const step = Math.floor(now / idleStepMs);
		const [cpuLow, cpuHigh] = profile.idleCpuMilli;
		const idleCpu = cpuLow + (mix(this.seed ^ step) % (cpuHigh - cpuLow + 1));
		const spinning = 1000 * Math.exp(-Math.max(0, now - this.spinningAt) / spinWindowMs);
		let cpu = idleCpu + this.requestRate(now) * profile.cpuMilliPerRequestRate + this.demandCpuMilli + spinning;
		if (cpuLimitMilli !== undefined && cpuLimitMilli > 0) cpu = Math.min(cpu, cpuLimitMilli);
		const [memoryLow, memoryHigh] = profile.idleMemoryBytes;
		const settled = memoryLow + (mix(this.seed) % 1024) / 1024 * (memoryHigh - memoryLow);
		const wander = (mix(this.seed + step) % 64) * 1024;
		const memory = settled + wander + this.heldMemory(now) + this.demandMemoryBytes;
		return {cpuMilli: Math.round(cpu), memoryBytes: Math.round(memory / 4096) * 4096};
	}

	private heldMemory(now: number): number {
		return this.extraMemory * Math.exp(-Math.max(0, now - this.extraMemoryAt) / memoryWindowMs);
	}
}

/** A cheap integer hash, so idle values look random but stay reproducible. */
export function mix(value: number): number {
	let hash = value | 0;
	hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
	hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
	return (hash ^ (hash >>> 16)) >>> 0;
}

/** A number from a string (a pod and container name). */
export function hashString(text: string): number {
	let hash = 2166136261;
	for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
	return hash >>> 0;
}
