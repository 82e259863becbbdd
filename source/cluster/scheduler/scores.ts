import type {NodeInfo, PodUsage} from './node-info.js';

/** NodeResourcesFit's LeastAllocated: the share of CPU and memory left free after the pod, 0-100. */
export function leastAllocatedScore(usage: PodUsage, info: NodeInfo): number {
	const cpu = freeShare(info.allocatable.cpuMilli, info.nonZeroRequested.cpuMilli + usage.nonZero.cpuMilli);
	const memory = freeShare(info.allocatable.memory, info.nonZeroRequested.memory + usage.nonZero.memory);
	return (cpu + memory) / 2;
}

/** NodeResourcesBalancedAllocation: prefers nodes where CPU and memory would be used in the same proportion. */
export function balancedAllocationScore(usage: PodUsage, info: NodeInfo): number {
	const cpu = usedFraction(info.allocatable.cpuMilli, info.nonZeroRequested.cpuMilli + usage.nonZero.cpuMilli);
	const memory = usedFraction(info.allocatable.memory, info.nonZeroRequested.memory + usage.nonZero.memory);
	return (1 - Math.abs(cpu - memory) / 2) * 100;
}

/** Default spreading: fewer pods of the same owner on a node scores higher, 0-100. */
export function spreadScore(usage: PodUsage, info: NodeInfo, maxOwnerCount: number): number {
	if (!usage.owner || maxOwnerCount === 0) return 100;
	const count = info.owners.get(usage.owner) ?? 0;
	return (100 * (maxOwnerCount - count)) / maxOwnerCount;
}

/** The weighted sum kube-scheduler's default profile gives (PodTopologySpread weighs twice). */
export function nodeScore(usage: PodUsage, info: NodeInfo, maxOwnerCount: number): number {
	return leastAllocatedScore(usage, info) + balancedAllocationScore(usage, info) + 2 * spreadScore(usage, info, maxOwnerCount);
}

function freeShare(allocatable: number, requested: number): number {
	if (allocatable <= 0 || requested > allocatable) return 0;
	return ((allocatable - requested) * 100) / allocatable;
}

function usedFraction(allocatable: number, requested: number): number {
	if (allocatable <= 0) return 1;
	return Math.min(1, requested / allocatable);
}
