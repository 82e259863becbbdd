import type {ContainerStatus, PodCondition, PodStatus} from 'kubernetes-types/core/v1.js';

/** Conditions keep their lastTransitionTime unless their status changes, as the kubelet's status manager does. */
export function mergeConditions(previous: PodCondition[] | undefined, next: PodCondition[], now: string): PodCondition[] {
	const byType = new Map((previous ?? []).map(condition => [condition.type, condition]));
	for (const condition of next) {
		const old = byType.get(condition.type);
		byType.set(condition.type, {
			...condition,
			lastProbeTime: null as unknown as undefined,
			lastTransitionTime: old && old.status === condition.status ? old.lastTransitionTime : now,
		});
	}
	const order = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];
	return [...byType.values()].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
}

/** Pod phase from its containers, as the kubelet computes it. */
export function podPhase(statuses: ContainerStatus[], restartPolicy: string, initDone: boolean): PodStatus['phase'] {
	if (!initDone) return 'Pending';
	let running = 0;
	let waiting = 0;
	let succeeded = 0;
	let failed = 0;
	for (const status of statuses) {
		if (status.state?.running) running++;
		else if (status.state?.terminated) {
			if (status.state.terminated.exitCode === 0) succeeded++;
			else failed++;
		} else if (status.lastState?.terminated && restartPolicy !== 'Never') running++;
		else waiting++;
	}
	if (waiting > 0) return 'Pending';
	if (running > 0) return 'Running';
	if (restartPolicy === 'Always') return 'Running';
	if (failed > 0) return restartPolicy === 'OnFailure' ? 'Running' : 'Failed';
	if (succeeded === statuses.length) return 'Succeeded';
	return 'Running';
}
