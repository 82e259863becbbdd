import type {Pod} from 'kubernetes-types/core/v1.js';
import {podSummary} from '../../cluster/server/tables/pod-status.js';
import type {RowState} from './types.js';

/** READY, STATUS and RESTARTS come from the same code that prints `kubectl get pods` on the server side. */
export {podStatusReason, podSummary} from '../../cluster/server/tables/pod-status.js';

const failing = new Set([
	'Error', 'Failed', 'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'OOMKilled', 'Unknown',
	'Evicted', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'NodeLost', 'ContainerStatusUnknown',
]);

/** The colour class of a pod row, from its status text and readiness. */
export function podRowState(reason: string, readiness: {ready: number; total: number}): RowState {
	if (reason === 'Terminating') return 'terminating';
	if (reason === 'Completed' || reason === 'Succeeded') return 'completed';
	const base = reason.startsWith('Init:') ? reason.slice(5) : reason;
	if (failing.has(base) || base.startsWith('ExitCode:') || base.startsWith('Signal:')) return 'failing';
	if (reason === 'Running') return readiness.ready === readiness.total ? 'running' : 'pending';
	return 'pending';
}
