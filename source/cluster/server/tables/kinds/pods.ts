import type {Pod} from 'kubernetes-types/core/v1.js';
import {ageSince, humanDuration} from '../../age.js';
import {ageColumn, nameColumn, printer, type RowCondition} from '../printer.js';
import {podSummary} from '../pod-status.js';

const succeeded: RowCondition[] = [{type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.'}];
const failed: RowCondition[] = [{type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.'}];

export const pods = printer<Pod>(
	[
		nameColumn,
		{name: 'Ready', type: 'string', description: 'The aggregate readiness state of this pod for accepting traffic.'},
		{name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.'},
		{
			name: 'Restarts',
			type: 'string',
			description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
		},
		ageColumn,
		{name: 'IP', type: 'string', priority: 1, description: 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.'},
		{name: 'Node', type: 'string', priority: 1, description: 'NodeName indicates in which node this pod is scheduled.'},
		{name: 'Nominated Node', type: 'string', priority: 1, description: 'nominatedNodeName is set only when this pod preempts other pods on the node.'},
		{name: 'Readiness Gates', type: 'string', priority: 1, description: 'If specified, all readiness gates will be evaluated for pod readiness.'},
	],
	(pod, now) => {
		const summary = podSummary(pod);
		const restarts =
			summary.restarts !== 0 && summary.lastRestart !== undefined
				? `${summary.restarts} (${humanDuration(now - summary.lastRestart)} ago)`
				: String(summary.restarts);
		const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
		return [
			pod.metadata?.name ?? '',
			`${summary.ready}/${summary.total}`,
			summary.reason,
			restarts,
			ageSince(pod.metadata?.creationTimestamp, now),
			ip,
			pod.spec?.nodeName || '<none>',
			pod.status?.nominatedNodeName || '<none>',
			readinessGates(pod),
		];
	},
	pod => (pod.status?.phase === 'Succeeded' ? succeeded : pod.status?.phase === 'Failed' ? failed : undefined),
);

/** 'true/total' of the pod's readiness gates, or '<none>'. */
function readinessGates(pod: Pod): string {
	const gates = pod.spec?.readinessGates ?? [];
	if (gates.length === 0) return '<none>';
	const conditions = pod.status?.conditions ?? [];
	const passing = gates.filter(gate => conditions.find(condition => condition.type === gate.conditionType)?.status === 'True').length;
	return `${passing}/${gates.length}`;
}
