import type {KubeObject} from '../api/object.js';
import {compileSelector, type LabelSelector} from '../controllers/selector.js';
import type {FilterFailure, PodSchedulingSpec} from './filters.js';
import {matchesNodeSelection} from './filters.js';
import type {NodeInfo, PodUsage} from './node-info.js';

type AffinityTerm = {labelSelector?: LabelSelector; namespaces?: string[]; topologyKey: string};
type SpreadConstraint = {maxSkew: number; topologyKey: string; whenUnsatisfiable?: string; labelSelector?: LabelSelector};

type ConstraintSpec = PodSchedulingSpec & {
	affinity?: PodSchedulingSpec['affinity'] & {
		podAffinity?: {requiredDuringSchedulingIgnoredDuringExecution?: AffinityTerm[]};
		podAntiAffinity?: {requiredDuringSchedulingIgnoredDuringExecution?: AffinityTerm[]};
	};
	topologySpreadConstraints?: SpreadConstraint[];
};

export const constraintReasons = {
	affinity: "node(s) didn't match pod affinity rules",
	antiAffinity: "node(s) didn't match pod anti-affinity rules",
	spread: "node(s) didn't match pod topology spread constraints",
	spreadLabel: "node(s) didn't match pod topology spread constraints (missing required label)",
};

/** A check of one node, prepared once per pod from the whole cluster. */
export type NodeCheck = (info: NodeInfo) => FilterFailure | undefined;

function termMatches(term: AffinityTerm, podNamespace: string, usage: PodUsage): boolean {
	const namespaces = term.namespaces && term.namespaces.length > 0 ? term.namespaces : [podNamespace];
	return namespaces.includes(usage.namespace) && compileSelector(term.labelSelector ?? null)(usage.labels);
}

/** The topology values where some bound pod matches the term. */
function domainsWithMatches(term: AffinityTerm, namespace: string, nodes: NodeInfo[]): Set<string> {
	const domains = new Set<string>();
	for (const info of nodes) {
		const value = info.labels[term.topologyKey];
		if (value === undefined || domains.has(value)) continue;
		for (const member of info.members)
			if (termMatches(term, namespace, member)) {
				domains.add(value);
				break;
			}
	}
	return domains;
}

/**
 * The InterPodAffinity and PodTopologySpread filters for required terms (pod affinity, anti-affinity, and spread
 * constraints that DoNotSchedule); undefined when the pod has none, the common case, which costs nothing.
 */
export function podConstraints(pod: KubeObject, nodes: NodeInfo[]): NodeCheck | undefined {
	const spec = (pod['spec'] as ConstraintSpec | undefined) ?? {};
	const namespace = pod.metadata.namespace ?? 'default';
	const labels = pod.metadata.labels ?? {};
	const affinity = spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
	const antiAffinity = spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
	const spread = (spec.topologySpreadConstraints ?? []).filter(constraint => (constraint.whenUnsatisfiable ?? 'DoNotSchedule') === 'DoNotSchedule');
	if (affinity.length === 0 && antiAffinity.length === 0 && spread.length === 0) return undefined;

	const antiDomains = antiAffinity.map(term => ({term, domains: domainsWithMatches(term, namespace, nodes)}));
	const affinityDomains = affinity.map(term => ({term, domains: domainsWithMatches(term, namespace, nodes)}));
	// The first pod of a group that must be together may go anywhere its own terms would match itself.
	const self: PodUsage = {node: '', requested: {cpuMilli: 0, memory: 0}, nonZero: {cpuMilli: 0, memory: 0}, owner: undefined, namespace, labels, hostPorts: []};
	const noneAnywhere = affinityDomains.every(({domains}) => domains.size === 0) && affinity.every(term => termMatches(term, namespace, self));

	const spreads = spread.map(constraint => {
		const selector = compileSelector(constraint.labelSelector ?? null);
		const counts = new Map<string, number>();
		for (const info of nodes) {
			const value = info.labels[constraint.topologyKey];
			// Only nodes the pod could go to count as domains (nodeAffinityPolicy Honor).
			if (value === undefined || !matchesNodeSelection(spec, info)) continue;
			let count = counts.get(value) ?? 0;
			for (const member of info.members) if (member.namespace === namespace && selector(member.labels)) count++;
			counts.set(value, count);
		}
		const min = counts.size > 0 ? Math.min(...counts.values()) : 0;
		return {constraint, counts, min, selfMatch: selector(labels) ? 1 : 0};
	});

	return info => {
		for (const {constraint, counts, min, selfMatch} of spreads) {
			const value = info.labels[constraint.topologyKey];
			if (value === undefined) return {reasons: [constraintReasons.spreadLabel], resolvable: false};
			if ((counts.get(value) ?? 0) + selfMatch - min > constraint.maxSkew) return {reasons: [constraintReasons.spread], resolvable: true};
		}
		if (!noneAnywhere)
			for (const {term, domains} of affinityDomains) {
				const value = info.labels[term.topologyKey];
				if (value === undefined || !domains.has(value)) return {reasons: [constraintReasons.affinity], resolvable: false};
			}
		for (const {term, domains} of antiDomains) {
			const value = info.labels[term.topologyKey];
			if (value !== undefined && domains.has(value)) return {reasons: [constraintReasons.antiAffinity], resolvable: true};
		}
		return undefined;
	};
}
