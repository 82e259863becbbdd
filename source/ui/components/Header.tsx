import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import type {Node, Pod} from 'kubernetes-types/core/v1.js';
import type {KubeObject} from '../../cluster/api/object.js';
import type {ClusterClient, NodeMetrics} from '../../client/types.js';
import {useResource} from '../hooks/use-resource.js';
import {podStatusReason} from '../render/pod-status.js';
import {cpuMilli, parseQuantity, percent} from '../render/quantity.js';
import {useStyle} from '../theme/use-style.js';

export type HeaderProps = {
	client: ClusterClient;
	namespace: string | undefined;
	width: number;
	lines: number;
	kubeconfigHint?: string;
	nodeMetrics?: readonly NodeMetrics[];
	readonly: boolean;
};

function Field({label, value, warn}: {label: string; value: string; warn?: boolean}) {
	const labelStyle = useStyle('header.label');
	const valueStyle = useStyle(warn ? 'header.warn' : 'header.value');
	return (
		<Text>
			<Text {...labelStyle}>{label}:</Text>
			<Text {...valueStyle}>{` ${value}  `}</Text>
		</Text>
	);
}

/** Whether a pod shows Running, remembered per object version: the header recounts thousands of pods per update. */
const running = new WeakMap<KubeObject, boolean>();
function isRunning(object: KubeObject): boolean {
	let result = running.get(object);
	if (result === undefined) {
		try {
			result = podStatusReason(object as unknown as Pod) === 'Running';
		} catch {
			result = false;
		}

		running.set(object, result);
	}

	return result;
}

/** `export KUBECONFIG=...` as the user would paste it. */
export function kubeconfigLine(hint: string): string {
	return /^\s*export\s/.test(hint) || hint.includes('=') ? hint.trim() : `export KUBECONFIG=${hint}`;
}

/**
 * Cluster summary: context, Kubernetes version, nodes ready/total, pods running/total (in the current namespace),
 * cluster CPU and memory when metrics exist, and the KUBECONFIG line for a second terminal.
 */
export const Header = memo(function Header({client, namespace, width, lines, kubeconfigHint, nodeMetrics, readonly}: HeaderProps) {
	const info = client.info();
	const nodes = useResource(client, 'nodes', undefined);
	const pods = useResource(client, 'pods', namespace);
	const hintStyle = useStyle('header.hint');
	const nodeCounts = useMemo(() => {
		let ready = 0;
		for (const object of nodes.items) {
			const node = object as unknown as Node;
			if (node.status?.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True')) ready++;
		}

		return {ready, total: nodes.items.length};
	}, [nodes.items]);
	const podCounts = useMemo(() => {
		let running = 0;
		for (const object of pods.items) {
			if (isRunning(object)) running++;
		}

		return {running, total: pods.items.length};
	}, [pods.items]);
	const usage = useMemo(() => {
		if (!nodeMetrics || nodeMetrics.length === 0) return undefined;
		let cpuUsed = 0;
		let memoryUsed = 0;
		let cpuTotal = 0;
		let memoryTotal = 0;
		for (const metrics of nodeMetrics) {
			cpuUsed += metrics.cpuMilli;
			memoryUsed += metrics.memoryBytes;
		}

		for (const object of nodes.items) {
			const node = object as unknown as Node;
			cpuTotal += cpuMilli(node.status?.allocatable?.cpu) || 0;
			memoryTotal += parseQuantity(node.status?.allocatable?.memory) || 0;
		}

		return {cpu: percent(cpuUsed, cpuTotal), memory: percent(memoryUsed, memoryTotal)};
	}, [nodeMetrics, nodes.items]);

	return (
		<Box flexDirection="column" width={width} height={lines}>
			<Text wrap="truncate">
				<Field label="Context" value={info.context}/>
				<Field label="K8s" value={info.version}/>
				<Field label="Nodes" value={`${nodeCounts.ready}/${nodeCounts.total}`} warn={nodeCounts.ready < nodeCounts.total}/>
				<Field label={namespace === undefined ? 'Pods' : `Pods(${namespace})`} value={`${podCounts.running}/${podCounts.total}`}/>
				{usage ? <Field label="CPU" value={usage.cpu}/> : undefined}
				{usage ? <Field label="MEM" value={usage.memory}/> : undefined}
				{readonly ? <Field label="Mode" value="read-only" warn/> : undefined}
				{nodes.error ? <Field label="Error" value={nodes.error} warn/> : undefined}
			</Text>
			{lines > 1 ? <Text wrap="truncate" {...hintStyle}>{kubeconfigHint ? kubeconfigLine(kubeconfigHint) : `${info.server}`}</Text> : undefined}
		</Box>
	);
});
