import type {Node} from 'kubernetes-types/core/v1.js';
import {ageColumn, makeRow, nameColumn} from './common.js';
import {cpuMilli, formatCpu, formatMemory, parseQuantity, percent} from './quantity.js';
import type {Column, Renderer, RowState} from './types.js';

/** Ready / NotReady / Unknown, with ',SchedulingDisabled' for cordoned nodes, like kubectl. */
export function nodeStatus(node: Node): string {
	const ready = node.status?.conditions?.find(condition => condition.type === 'Ready');
	let status = 'Unknown';
	if (ready?.status === 'True') status = 'Ready';
	else if (ready?.status === 'False') status = 'NotReady';
	if (node.spec?.unschedulable) status += ',SchedulingDisabled';
	return status;
}

export function nodeRoles(node: Node): string {
	const roles: string[] = [];
	for (const [label, value] of Object.entries(node.metadata?.labels ?? {})) {
		if (label.startsWith('node-role.kubernetes.io/')) roles.push(label.slice('node-role.kubernetes.io/'.length));
		else if (label === 'kubernetes.io/role' && value) roles.push(value);
	}

	return roles.length > 0 ? roles.sort().join(',') : '<none>';
}

const columns: Column[] = [
	nameColumn,
	{id: 'status', title: 'STATUS', priority: 1, maxWidth: 30},
	{id: 'role', title: 'ROLE', priority: 3, maxWidth: 24},
	{id: 'version', title: 'VERSION', priority: 3},
	{id: 'pods', title: 'PODS', priority: 2, align: 'right', live: {width: 5, value: (object, context) => {
		if (!context.podCounts) return '';
		return String(context.podCounts.get(object.metadata.name ?? '') ?? 0);
	}}},
	{id: 'cpu', title: 'CPU', priority: 4, align: 'right', live: {width: 11, value(object, context) {
		const metrics = context.nodeMetrics?.get(object.metadata.name ?? '');
		if (!metrics) return 'n/a';
		const allocatable = cpuMilli((object as unknown as Node).status?.allocatable?.cpu);
		return `${formatCpu(metrics.cpuMilli)} ${percent(metrics.cpuMilli, allocatable)}`;
	}}},
	{id: 'mem', title: 'MEM', priority: 4, align: 'right', live: {width: 12, value(object, context) {
		const metrics = context.nodeMetrics?.get(object.metadata.name ?? '');
		if (!metrics) return 'n/a';
		const allocatable = parseQuantity((object as unknown as Node).status?.allocatable?.memory);
		return `${formatMemory(metrics.memoryBytes)} ${percent(metrics.memoryBytes, allocatable)}`;
	}}},
	ageColumn,
];

export const nodesRenderer: Renderer = {
	columns: () => columns,
	row(object) {
		const node = object as unknown as Node;
		const status = nodeStatus(node);
		let state: RowState = 'running';
		if (!status.startsWith('Ready')) state = 'failing';
		else if (node.spec?.unschedulable) state = 'pending';
		const cells = [node.metadata?.name ?? '', status, nodeRoles(node), node.status?.nodeInfo?.kubeletVersion ?? '', '', '', '', ''];
		return makeRow(object, cells, state);
	},
};
