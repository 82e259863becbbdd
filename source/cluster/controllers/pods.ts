import type {KubeObject} from '../api/object.js';

export type PodCondition = {type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string; lastProbeTime?: string | null};

export type PodStatus = {
	phase?: string;
	conditions?: PodCondition[];
	podIP?: string;
	containerStatuses?: Array<{name: string; restartCount?: number; ready?: boolean}>;
};

export function podStatus(pod: KubeObject): PodStatus {
	return (pod['status'] as PodStatus | undefined) ?? {};
}

export function podPhase(pod: KubeObject): string {
	return podStatus(pod).phase ?? 'Pending';
}

export function isTerminating(object: KubeObject): boolean {
	return Boolean(object.metadata.deletionTimestamp);
}

/** Counted by controllers: neither finished nor being deleted (client-go's IsPodActive). */
export function isPodActive(pod: KubeObject): boolean {
	const phase = podPhase(pod);
	return phase !== 'Succeeded' && phase !== 'Failed' && !isTerminating(pod);
}

export function podCondition(pod: KubeObject, type: string): PodCondition | undefined {
	return podStatus(pod).conditions?.find(condition => condition.type === type);
}

export function isPodReady(pod: KubeObject): boolean {
	return podCondition(pod, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds (as the Ready condition's lastTransitionTime tells). */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
	const ready = podCondition(pod, 'Ready');
	if (ready?.status !== 'True') return false;
	if (minReadySeconds <= 0) return true;
	const since = ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : NaN;
	return Number.isFinite(since) && since + minReadySeconds * 1000 <= now;
}

export function nodeNameOf(pod: KubeObject): string | undefined {
	return (pod['spec'] as {nodeName?: string} | undefined)?.nodeName || undefined;
}

export function restartCount(pod: KubeObject): number {
	let total = 0;
	for (const status of podStatus(pod).containerStatuses ?? []) total += status.restartCount ?? 0;
	return total;
}
