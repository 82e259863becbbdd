import type {KubeObject} from '../api/object.js';
import {nodeAllocatable, podRequests, type Allocatable, type Resources} from './resources.js';

export type Taint = {key: string; value?: string; effect: string};

/** One pod as it weighs on a node. */
export type PodUsage = {
	node: string;
	requested: Resources;
	nonZero: Resources;
	owner: string | undefined;
	/** For inter-pod affinity and spreading constraints. */
	namespace: string;
	labels: Record<string, string>;
	/** 'TCP/8080' for each container port with a hostPort. */
	hostPorts: string[];
};

/** A node as the scheduler sees it: its limits, taints, and what the pods bound to it already take. */
export class NodeInfo {
	allocatable: Allocatable;
	taints: Taint[];
	labels: Record<string, string>;
	unschedulable: boolean;
	readonly requested: Resources = {cpuMilli: 0, memory: 0};
	readonly nonZeroRequested: Resources = {cpuMilli: 0, memory: 0};
	pods = 0;
	/** Pods per controlling owner uid, for spreading replicas. */
	readonly owners = new Map<string, number>();
	/** The pods bound here (or assumed), for inter-pod constraints. */
	readonly members = new Set<PodUsage>();
	/** Host ports in use, with how many pods use each. */
	readonly hostPorts = new Map<string, number>();

	constructor(
		readonly name: string,
		public node: KubeObject,
	) {
		this.allocatable = nodeAllocatable(node);
		this.taints = effectiveTaints(node);
		this.labels = node.metadata.labels ?? {};
		this.unschedulable = Boolean((node['spec'] as {unschedulable?: boolean} | undefined)?.unschedulable);
	}

	setNode(node: KubeObject): void {
		this.node = node;
		this.allocatable = nodeAllocatable(node);
		this.taints = effectiveTaints(node);
		this.labels = node.metadata.labels ?? {};
		this.unschedulable = Boolean((node['spec'] as {unschedulable?: boolean} | undefined)?.unschedulable);
	}

	add(usage: PodUsage): void {
		this.change(usage, 1);
	}

	remove(usage: PodUsage): void {
		this.change(usage, -1);
	}

	private change(usage: PodUsage, sign: 1 | -1): void {
		this.requested.cpuMilli += sign * usage.requested.cpuMilli;
		this.requested.memory += sign * usage.requested.memory;
		this.nonZeroRequested.cpuMilli += sign * usage.nonZero.cpuMilli;
		this.nonZeroRequested.memory += sign * usage.nonZero.memory;
		this.pods += sign;
		if (sign > 0) this.members.add(usage);
		else this.members.delete(usage);
		for (const port of usage.hostPorts) {
			const count = (this.hostPorts.get(port) ?? 0) + sign;
			if (count > 0) this.hostPorts.set(port, count);
			else this.hostPorts.delete(port);
		}
		if (usage.owner) {
			const count = (this.owners.get(usage.owner) ?? 0) + sign;
			if (count > 0) this.owners.set(usage.owner, count);
			else this.owners.delete(usage.owner);
		}
	}
}

export function podUsage(pod: KubeObject, node: string): PodUsage {
	const {requested, nonZero} = podRequests(pod);
	const owner = pod.metadata.ownerReferences?.find((reference: {controller?: boolean}) => reference.controller) as {uid: string} | undefined;
	return {node, requested, nonZero, owner: owner?.uid, namespace: pod.metadata.namespace ?? 'default', labels: pod.metadata.labels ?? {}, hostPorts: hostPortsOf(pod)};
}

type ContainerPort = {hostPort?: number; protocol?: string};

function hostPortsOf(pod: KubeObject): string[] {
	const spec = pod['spec'] as {containers?: Array<{ports?: ContainerPort[]}>; initContainers?: Array<{ports?: ContainerPort[]}>} | undefined;
	const ports: string[] = [];
	for (const container of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])])
		for (const port of container.ports ?? []) if (port.hostPort) ports.push(`${port.protocol ?? 'TCP'}/${port.hostPort}`);
	return ports;
}

type NodeCondition = {type: string; status: string};

/**
 * The node's taints, plus the NoSchedule taint the node lifecycle controller puts on a node that is not Ready, for
 * the moment before it has: a node that has not yet reported Ready takes no pods.
 */
export function effectiveTaints(node: KubeObject): Taint[] {
	const taints = ((node['spec'] as {taints?: Taint[]} | undefined)?.taints ?? []).slice();
	const ready = ((node['status'] as {conditions?: NodeCondition[]} | undefined)?.conditions ?? []).find(c => c.type === 'Ready');
	if (ready?.status !== 'True') {
		const key = ready?.status === 'Unknown' ? 'node.kubernetes.io/unreachable' : 'node.kubernetes.io/not-ready';
		if (!taints.some(taint => taint.key === key && taint.effect === 'NoSchedule')) taints.push({key, effect: 'NoSchedule'});
	}
	return taints;
}
