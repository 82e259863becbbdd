import type {KubeObject} from '../api/object.js';
import {isPodReady, nodeNameOf, podCondition, podPhase, restartCount} from './pods.js';

const phaseRank: Record<string, number> = {Pending: 0, Unknown: 1, Running: 2};

/**
 * The pods a controller removes first when it scales down, as kube-controller-manager ranks them: unscheduled before
 * scheduled, pending before running, not ready before ready, pods doubled up on a node before lone ones, ready for a
 * shorter time before longer, more restarts before fewer, newer before older.
 */
export function podsToDelete(pods: KubeObject[], count: number): KubeObject[] {
	if (count >= pods.length) return pods.slice();
	const perNode = new Map<string, number>();
	for (const pod of pods) {
		const node = nodeNameOf(pod);
		if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
	}
	const ranked = pods.map(pod => ({pod, rank: perNode.get(nodeNameOf(pod) ?? '') ?? 0}));
	ranked.sort((a, b) => compareForDeletion(a.pod, a.rank, b.pod, b.rank));
	return ranked.slice(0, count).map(entry => entry.pod);
}

/** Negative when a should go before b. */
export function compareForDeletion(a: KubeObject, rankA: number, b: KubeObject, rankB: number): number {
	const assignedA = nodeNameOf(a) ? 1 : 0;
	const assignedB = nodeNameOf(b) ? 1 : 0;
	if (assignedA !== assignedB) return assignedA - assignedB;
	const phaseA = phaseRank[podPhase(a)] ?? 0;
	const phaseB = phaseRank[podPhase(b)] ?? 0;
	if (phaseA !== phaseB) return phaseA - phaseB;
	const readyA = isPodReady(a) ? 1 : 0;
	const readyB = isPodReady(b) ? 1 : 0;
	if (readyA !== readyB) return readyA - readyB;
	if (rankA !== rankB) return rankB - rankA;
	if (readyA && readyB) {
		const sinceA = readySince(a);
		const sinceB = readySince(b);
		if (sinceA !== sinceB) return sinceB - sinceA;
	}
	const restartsA = restartCount(a);
	const restartsB = restartCount(b);
	if (restartsA !== restartsB) return restartsB - restartsA;
	return created(b) - created(a);
}

function readySince(pod: KubeObject): number {
	const at = podCondition(pod, 'Ready')?.lastTransitionTime;
	return at ? Date.parse(at) : Number.POSITIVE_INFINITY;
}

function created(pod: KubeObject): number {
	const at = pod.metadata.creationTimestamp;
	return at ? Date.parse(at) : Number.POSITIVE_INFINITY;
}
