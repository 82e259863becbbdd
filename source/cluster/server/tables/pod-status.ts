import type {Container, ContainerStatus, Pod} from 'kubernetes-types/core/v1.js';

/** What kubectl shows of a pod in READY, STATUS and RESTARTS, worked out as Kubernetes' printer does. */
export type PodSummary = {
	ready: number;
	/** Containers plus restartable (sidecar) init containers. */
	total: number;
	/** Running, Pending, ContainerCreating, CrashLoopBackOff, Completed, Init:0/1, Terminating... */
	reason: string;
	restarts: number;
	/** When a container last terminated before a restart (ms), if any did. */
	lastRestart?: number;
};

/** The STATUS column of `kubectl get pods`. */
export function podStatusReason(pod: Pod): string {
	return podSummary(pod).reason;
}

export function podSummary(pod: Pod): PodSummary {
	const spec = pod.spec;
	const status = pod.status ?? {};
	const initContainers = new Map<string, Container>((spec?.initContainers ?? []).map(container => [container.name, container]));
	let total = spec?.containers?.length ?? 0;
	for (const container of initContainers.values()) if (isRestartable(container)) total++;

	const phase = status.phase ?? '';
	let reason = status.reason || phase;
	for (const condition of status.conditions ?? []) {
		if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
	}

	let ready = 0;
	let restarts = 0;
	let lastRestart = 0;
	let sidecarRestarts = 0;
	let lastSidecarRestart = 0;
	let initializing = false;

	const initStatuses = status.initContainerStatuses ?? [];
	for (let index = 0; index < initStatuses.length; index++) {
		const container = initStatuses[index];
		const restartable = isRestartable(initContainers.get(container.name));
		restarts += container.restartCount ?? 0;
		lastRestart = Math.max(lastRestart, lastTermination(container));
		if (restartable) {
			sidecarRestarts += container.restartCount ?? 0;
			lastSidecarRestart = Math.max(lastSidecarRestart, lastTermination(container));
		}
		const terminated = container.state?.terminated;
		const waiting = container.state?.waiting;
		if (terminated && terminated.exitCode === 0) continue;
		if (restartable && container.started) {
			if (container.ready) ready++;
			continue;
		}
		// The first init container that has not finished decides the status.
		if (terminated) {
			reason = terminated.reason
				? `Init:${terminated.reason}`
				: terminated.signal
					? `Init:Signal:${terminated.signal}`
					: `Init:ExitCode:${terminated.exitCode}`;
		} else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
			reason = `Init:${waiting.reason}`;
		} else {
			reason = `Init:${index}/${initContainers.size}`;
		}
		initializing = true;
		break;
	}

	if (!initializing || hasCondition(pod, 'Initialized')) {
		restarts = sidecarRestarts;
		lastRestart = lastSidecarRestart;
		let hasRunning = false;
		const statuses = status.containerStatuses ?? [];
		// The first container in the list wins, so walk them from the last.
		for (let index = statuses.length - 1; index >= 0; index--) {
			const container = statuses[index];
			restarts += container.restartCount ?? 0;
			lastRestart = Math.max(lastRestart, lastTermination(container));
			const waiting = container.state?.waiting;
			const terminated = container.state?.terminated;
			if (waiting?.reason) reason = waiting.reason;
			else if (terminated?.reason) reason = terminated.reason;
			else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
			else if (container.ready && container.state?.running) {
				hasRunning = true;
				ready++;
			}
		}
		// A container still running after another completed: the pod is not completed yet.
		if (reason === 'Completed' && hasRunning) reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
	}

	if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
	else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

	return {ready, total, reason, restarts, lastRestart: lastRestart > 0 ? lastRestart : undefined};
}

function isRestartable(container: Container | undefined): boolean {
	return container?.restartPolicy === 'Always';
}

function lastTermination(container: ContainerStatus): number {
	const finishedAt = container.lastState?.terminated?.finishedAt;
	const time = finishedAt ? Date.parse(finishedAt) : Number.NaN;
	return Number.isNaN(time) ? 0 : time;
}

function hasCondition(pod: Pod, type: string): boolean {
	return (pod.status?.conditions ?? []).some(condition => condition.type === type && condition.status === 'True');
}
