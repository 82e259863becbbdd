import type {FilterFailure} from './filters.js';

export const noNodesMessage = 'no nodes available to schedule pods';

const noVictims = 'No preemption victims found for incoming pod';
const notHelpful = 'Preemption is not helpful for scheduling';

/**
 * The FailedScheduling message as kube-scheduler words it: a sorted histogram of why nodes were filtered out, then
 * what the preemption attempt found, e.g.
 * `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`
 */
export function fitErrorMessage(nodeCount: number, failures: FilterFailure[]): string {
	if (nodeCount === 0) return noNodesMessage;
	const reasons = new Map<string, number>();
	const preemption = new Map<string, number>();
	for (const failure of failures) {
		for (const reason of failure.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
		const outcome = failure.resolvable ? noVictims : notHelpful;
		preemption.set(outcome, (preemption.get(outcome) ?? 0) + 1);
	}
	const head = `0/${nodeCount} nodes are available`;
	return `${head}: ${histogram(reasons)}. preemption: ${head}: ${histogram(preemption)}.`;
}

function histogram(counts: Map<string, number>): string {
	return [...counts]
		.map(([reason, count]) => `${count} ${reason}`)
		.sort()
		.join(', ');
}
