import type {KubeObject} from '../api/object.js';
import type {NodeInfo, PodUsage} from './node-info.js';
import {describeTaint, untoleratedTaint, type Toleration} from './tolerations.js';

type NodeSelectorRequirement = {key: string; operator: string; values?: string[]};
type NodeSelectorTerm = {matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[]};

export type PodSchedulingSpec = {
	nodeSelector?: Record<string, string>;
	tolerations?: Toleration[];
	affinity?: {nodeAffinity?: {requiredDuringSchedulingIgnoredDuringExecution?: {nodeSelectorTerms?: NodeSelectorTerm[]}}};
};

/** Why a node cannot take a pod. `resolvable` is false when evicting other pods there could not help. */
export type FilterFailure = {reasons: string[]; resolvable: boolean};

export const reasons = {
	unschedulable: 'node(s) were unschedulable',
	affinity: "node(s) didn't match Pod's node affinity/selector",
	ports: "node(s) didn't have free ports for the requested pod ports",
	tooManyPods: 'Too many pods',
	insufficient: (resource: string) => `Insufficient ${resource}`,
	taint: (text: string) => `node(s) had untolerated taint ${text}`,
};

/**
 * kube-scheduler's default filters in their order, stopping at the first that fails, as the framework does:
 * NodeUnschedulable, TaintToleration, NodeAffinity (with nodeSelector), NodePorts, NodeResourcesFit.
 */
export function filterNode(spec: PodSchedulingSpec, usage: PodUsage, info: NodeInfo): FilterFailure | undefined {
	if (info.unschedulable && !tolerateUnschedulable(spec.tolerations)) return {reasons: [reasons.unschedulable], resolvable: false};
	const taint = untoleratedTaint(info.taints, spec.tolerations);
	if (taint) return {reasons: [reasons.taint(describeTaint(taint))], resolvable: false};
	if (!matchesNodeSelection(spec, info)) return {reasons: [reasons.affinity], resolvable: false};
	if (usage.hostPorts.some(port => info.hostPorts.has(port))) return {reasons: [reasons.ports], resolvable: true};
	const misfit = resourceMisfits(usage, info);
	if (misfit.length > 0) return {reasons: misfit, resolvable: true};
	return undefined;
}

function tolerateUnschedulable(tolerations: Toleration[] | undefined): boolean {
	return untoleratedTaint([{key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule'}], tolerations) === undefined;
}

export function resourceMisfits(usage: PodUsage, info: NodeInfo): string[] {
	const misfits: string[] = [];
	if (info.pods + 1 > info.allocatable.pods) misfits.push(reasons.tooManyPods);
	const {cpuMilli, memory} = usage.requested;
	if (cpuMilli > 0 && cpuMilli > info.allocatable.cpuMilli - info.requested.cpuMilli) misfits.push(reasons.insufficient('cpu'));
	if (memory > 0 && memory > info.allocatable.memory - info.requested.memory) misfits.push(reasons.insufficient('memory'));
	return misfits;
}

export function matchesNodeSelection(spec: PodSchedulingSpec, info: NodeInfo): boolean {
	for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) if (info.labels[key] !== value) return false;
	const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
	if (!required) return true;
	// Terms are ORed; an affinity with no terms matches nothing.
	return (required.nodeSelectorTerms ?? []).some(term => matchesTerm(term, info));
}

function matchesTerm(term: NodeSelectorTerm, info: NodeInfo): boolean {
	const expressions = term.matchExpressions ?? [];
	const fields = term.matchFields ?? [];
	if (expressions.length === 0 && fields.length === 0) return false;
	for (const requirement of expressions) if (!matchesRequirement(requirement, info.labels)) return false;
	for (const requirement of fields) {
		if (requirement.key !== 'metadata.name') return false;
		if (!matchesRequirement(requirement, {'metadata.name': info.name})) return false;
	}
	return true;
}

export function matchesRequirement(requirement: NodeSelectorRequirement, labels: Record<string, string>): boolean {
	const present = Object.hasOwn(labels, requirement.key);
	const value = labels[requirement.key];
	const values = requirement.values ?? [];
	switch (requirement.operator) {
		case 'In':
			return present && values.includes(value!);
		case 'NotIn':
			return !present || !values.includes(value!);
		case 'Exists':
			return present;
		case 'DoesNotExist':
			return !present;
		case 'Gt':
		case 'Lt': {
			if (!present || values.length !== 1) return false;
			const have = Number.parseInt(value!, 10);
			const want = Number.parseInt(values[0]!, 10);
			if (!Number.isFinite(have) || !Number.isFinite(want)) return false;
			return requirement.operator === 'Gt' ? have > want : have < want;
		}
		default:
			return false;
	}
}

export function schedulingSpec(pod: KubeObject): PodSchedulingSpec {
	return (pod['spec'] as PodSchedulingSpec | undefined) ?? {};
}
