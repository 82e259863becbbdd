import type {Pod, ContainerStatus} from 'kubernetes-types/core/v1.js';
import type {RowState} from './types.js';

/**
 * The STATUS column kubectl prints for a pod: the phase, refined by init and container states
 * (Init:0/1, ContainerCreating, CrashLoopBackOff, Completed, Terminating ...).
 */
export function podStatusReason(pod: Pod): string {
	const status = pod.status ?? {};
	let reason = status.reason || status.phase || 'Pending';

	let initializing = false;
	const initStatuses = status.initContainerStatuses ?? [];
	const initCount = pod.spec?.initContainers?.length ?? initStatuses.length;
	for (const [index, container] of initStatuses.entries()) {
		const terminated = container.state?.terminated;
		const waiting = container.state?.waiting;
		if (terminated && terminated.exitCode === 0) continue;
		initializing = true;
		if (terminated) {
			if (terminated.reason) reason = `Init:${terminated.reason}`;
			else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
			else reason = `Init:ExitCode:${terminated.exitCode}`;
		} else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
			reason = `Init:${waiting.reason}`;
		} else {
			reason = `Init:${index}/${initCount}`;
		}

		break;
	}

	if (!initializing) {
		let hasRunning = false;
		const statuses = status.containerStatuses ?? [];
		for (let index = statuses.length - 1; index >= 0; index--) {
			const container = statuses[index];
			const waiting = container.state?.waiting;
			const terminated = container.state?.terminated;
			if (waiting?.reason) {
				reason = waiting.reason;
			} else if (terminated?.reason) {
				reason = terminated.reason;
			} else if (terminated) {
				reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
			} else if (container.ready && container.state?.running) {
				hasRunning = true;
			}
		}

		// A pod whose last container completed but another still runs is Running, or NotReady without the Ready condition.
		if (reason === 'Completed' && hasRunning) {
			const ready = status.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True');
			reason = ready ? 'Running' : 'NotReady';
		}
	}

	if (pod.metadata?.deletionTimestamp) {
		reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
	}

	return reason;
}

/** READY column: ready containers / containers in the spec. */
export function podReadiness(pod: Pod): {ready: number; total: number} {
	const statuses = pod.status?.containerStatuses ?? [];
	const total = pod.spec?.containers?.length ?? statuses.length;
	return {ready: statuses.filter(container => container.ready).length, total};
}

/** Restarts summed over the containers, and when the last one happened (for '3 (5m ago)'). */
export function podRestarts(pod: Pod): {count: number; lastAt?: number} {
	let count = 0;
	let lastAt: number | undefined;
	const all: ContainerStatus[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
	for (const container of all) {
		count += container.restartCount ?? 0;
		const finished = container.lastState?.terminated?.finishedAt;
		if (finished) {
			const time = Date.parse(finished);
			if (!Number.isNaN(time) && (lastAt === undefined || time > lastAt)) lastAt = time;
		}
	}

	return {count, lastAt};
}

const failing = new Set([
	'Error', 'Failed', 'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'OOMKilled', 'Unknown',
	'Evicted', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'NodeLost', 'ContainerStatusUnknown',
]);

/** The colour class of a pod row, from its status text and readiness. */
export function podRowState(reason: string, readiness: {ready: number; total: number}): RowState {
	if (reason === 'Terminating') return 'terminating';
	if (reason === 'Completed' || reason === 'Succeeded') return 'completed';
	if (failing.has(reason) || reason.startsWith('Init:Error') || reason.startsWith('Init:CrashLoopBackOff')
		|| reason.includes('ExitCode:') || reason.includes('Signal:') || reason.startsWith('Init:ErrImage') || reason.startsWith('Init:ImagePull')) {
		return 'failing';
	}

	if (reason === 'Running') return readiness.ready === readiness.total ? 'running' : 'pending';
	return 'pending';
}
