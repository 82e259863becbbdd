import type {Pod} from 'kubernetes-types/core/v1.js';
import type {KubeObject} from '../../cluster/api/object.js';
import {ageColumn, makeRow, nameColumn, namespaceColumn, withNamespace} from './common.js';
import {podRowState, podSummary} from './pod-status.js';
import {formatCpu, formatMemory} from './quantity.js';
import type {Column, LiveContext, Renderer} from './types.js';

function metricsOf(object: KubeObject, context: LiveContext) {
	return context.podMetrics?.get(`${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`);
}

const columns: Column[] = [
	nameColumn,
	{id: 'ready', title: 'READY', priority: 1},
	{id: 'status', title: 'STATUS', priority: 1, maxWidth: 26},
	{id: 'restarts', title: 'RESTARTS', priority: 4, align: 'right'},
	{id: 'cpu', title: 'CPU', priority: 6, align: 'right', live: {width: 5, value: (object, context) => {
		const metrics = metricsOf(object, context);
		return metrics ? formatCpu(metrics.cpuMilli) : 'n/a';
	}}},
	{id: 'mem', title: 'MEM', priority: 6, align: 'right', live: {width: 6, value: (object, context) => {
		const metrics = metricsOf(object, context);
		return metrics ? formatMemory(metrics.memoryBytes) : 'n/a';
	}}},
	{id: 'ip', title: 'IP', priority: 5},
	{id: 'node', title: 'NODE', priority: 5, maxWidth: 30},
	ageColumn,
];

export const podsRenderer: Renderer = {
	columns: ({allNamespaces}) => withNamespace(allNamespaces, namespaceColumn, columns),
	row(object, {allNamespaces}) {
		const pod = object as unknown as Pod;
		const summary = podSummary(pod);
		const cells = [
			pod.metadata?.name ?? '',
			`${summary.ready}/${summary.total}`,
			summary.reason,
			String(summary.restarts),
			'',
			'',
			pod.status?.podIP ?? '<none>',
			pod.spec?.nodeName ?? '<none>',
			'',
		];
		return makeRow(object, withNamespace(allNamespaces, pod.metadata?.namespace ?? '', cells), podRowState(summary.reason, summary));
	},
};
