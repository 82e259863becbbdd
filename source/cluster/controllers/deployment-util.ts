import {cloneObject, type KubeObject} from '../api/object.js';
import {timestamp} from '../clock.js';
import type {PodTemplate} from './pod-template.js';
import {rsSpec, rsStatus} from './replicaset.js';
import type {LabelSelector} from './selector.js';

export const revisionAnnotation = 'deployment.kubernetes.io/revision';
export const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
export const podTemplateHashLabel = 'pod-template-hash';

/** Deployment annotations never copied onto its ReplicaSets (kubectl rollout undo keeps these too). */
export const annotationsToSkip = new Set([
	'kubectl.kubernetes.io/last-applied-configuration',
	revisionAnnotation,
	revisionHistoryAnnotation,
	desiredReplicasAnnotation,
	maxReplicasAnnotation,
	'deprecated.deployment.rollback.to',
]);

export type IntOrString = number | string;

export type DeploymentSpec = {
	replicas?: number;
	selector?: LabelSelector;
	template?: PodTemplate;
	strategy?: {type?: string; rollingUpdate?: {maxSurge?: IntOrString; maxUnavailable?: IntOrString}};
	minReadySeconds?: number;
	revisionHistoryLimit?: number;
	paused?: boolean;
	progressDeadlineSeconds?: number;
};

export type DeploymentCondition = {
	type: string;
	status: string;
	lastUpdateTime?: string;
	lastTransitionTime?: string;
	reason?: string;
	message?: string;
};

export type DeploymentStatus = {
	observedGeneration?: number;
	replicas?: number;
	updatedReplicas?: number;
	readyReplicas?: number;
	availableReplicas?: number;
	unavailableReplicas?: number;
	conditions?: DeploymentCondition[];
	collisionCount?: number;
};

export function deploymentSpec(d: KubeObject): DeploymentSpec {
	return (d['spec'] as DeploymentSpec | undefined) ?? {};
}

export function deploymentStatus(d: KubeObject): DeploymentStatus {
	return (d['status'] as DeploymentStatus | undefined) ?? {};
}

export function desiredReplicas(d: KubeObject): number {
	return deploymentSpec(d).replicas ?? 1;
}

export function replicasOf(rs: KubeObject | undefined): number {
	return rs ? (rsSpec(rs).replicas ?? 0) : 0;
}

export function isRollingUpdate(d: KubeObject): boolean {
	return (deploymentSpec(d).strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** An int or a percentage of total, rounded up or down (intstr.GetScaledValueFromIntOrPercent). */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
	if (value === undefined) value = '25%';
	if (typeof value === 'number') return value;
	const percent = /^(\d+)%$/.exec(value.trim());
	if (!percent) {
		const number = Number.parseInt(value, 10);
		return Number.isFinite(number) ? number : 0;
	}
	const scaled = (Number(percent[1]) * total) / 100;
	return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** maxSurge rounded up and maxUnavailable rounded down; both zero would stall, so unavailable becomes 1. */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): {surge: number; unavailable: number} {
	const surge = scaledValue(maxSurge, desired, true);
	let unavailable = scaledValue(maxUnavailable, desired, false);
	if (surge === 0 && unavailable === 0) unavailable = 1;
	return {surge, unavailable};
}

export function maxSurge(d: KubeObject): number {
	if (!isRollingUpdate(d)) return 0;
	const rolling = deploymentSpec(d).strategy?.rollingUpdate;
	return resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, desiredReplicas(d)).surge;
}

export function maxUnavailable(d: KubeObject): number {
	const desired = desiredReplicas(d);
	if (!isRollingUpdate(d) || desired === 0) return 0;
	const rolling = deploymentSpec(d).strategy?.rollingUpdate;
	return Math.min(desired, resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, desired).unavailable);
}

export function revisionOf(object: KubeObject | undefined): number {
	const text = object?.metadata.annotations?.[revisionAnnotation];
	const value = text === undefined ? 0 : Number.parseInt(text, 10);
	return Number.isFinite(value) ? value : 0;
}

export function maxRevision(sets: KubeObject[]): number {
	let max = 0;
	for (const set of sets) max = Math.max(max, revisionOf(set));
	return max;
}

/** Zero values as Go's semantic equality sees them: absent, null, empty lists and maps, false and ''. */
function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.keys(value).length === 0;
	return false;
}

export function semanticEqual(a: unknown, b: unknown): boolean {
	if (isEmpty(a) && isEmpty(b)) return true;
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a)) {
		const other = b as unknown[];
		return a.length === other.length && a.every((item, index) => semanticEqual(item, other[index]));
	}
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) if (!semanticEqual(left[key], right[key])) return false;
	return true;
}

/** Templates equal but for the pod-template-hash label (deployment util's EqualIgnoreHash). */
export function equalIgnoreHash(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
	return semanticEqual(withoutHash(a), withoutHash(b));
}

function withoutHash(template: PodTemplate | undefined): PodTemplate {
	const copy = cloneObject(template ?? {});
	if (copy.metadata?.labels) delete copy.metadata.labels[podTemplateHashLabel];
	return copy;
}

function created(object: KubeObject): number {
	const at = object.metadata.creationTimestamp;
	return at ? Date.parse(at) : 0;
}

function byName(a: KubeObject, b: KubeObject): number {
	const left = a.metadata.name ?? '';
	const right = b.metadata.name ?? '';
	return left < right ? -1 : left > right ? 1 : 0;
}

/** Oldest first; ties by name. */
export function byCreation(a: KubeObject, b: KubeObject): number {
	return created(a) - created(b) || byName(a, b);
}

/** Largest first; ties newer first (for scaling up proportionally). */
export function bySizeNewer(a: KubeObject, b: KubeObject): number {
	return replicasOf(b) - replicasOf(a) || created(b) - created(a) || byName(b, a);
}

/** Largest first; ties older first (for scaling down proportionally). */
export function bySizeOlder(a: KubeObject, b: KubeObject): number {
	return replicasOf(b) - replicasOf(a) || byCreation(a, b);
}

export function byRevision(a: KubeObject, b: KubeObject): number {
	return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

/** The oldest ReplicaSet whose template is the deployment's: where the rollout is going. */
export function findNewReplicaSet(d: KubeObject, sets: KubeObject[]): KubeObject | undefined {
	const template = deploymentSpec(d).template;
	return [...sets].sort(byCreation).find(set => equalIgnoreHash(rsSpec(set).template, template));
}

export function activeReplicaSets(sets: KubeObject[]): KubeObject[] {
	return sets.filter(set => replicasOf(set) > 0);
}

export function specReplicaCount(sets: Array<KubeObject | undefined>): number {
	let total = 0;
	for (const set of sets) total += replicasOf(set);
	return total;
}

export function statusCount(sets: Array<KubeObject | undefined>, field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
	let total = 0;
	for (const set of sets) if (set) total += rsStatus(set)[field] ?? 0;
	return total;
}

/** Copies the deployment's own annotations onto a ReplicaSet; true when anything changed. */
function copyDeploymentAnnotations(d: KubeObject, rs: KubeObject): boolean {
	let changed = false;
	const annotations = (rs.metadata.annotations ??= {});
	for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
		if (annotationsToSkip.has(key) || annotations[key] === value) continue;
		annotations[key] = value;
		changed = true;
	}
	return changed;
}

/**
 * Gives the new ReplicaSet its revision: when it had an older one (a rollback made it current again), the old number
 * goes to the revision-history annotation. Sets the replica annotations on a ReplicaSet being created.
 */
export function setNewReplicaSetAnnotations(d: KubeObject, rs: KubeObject, newRevision: number, exists: boolean, historyLimitChars = 2000): boolean {
	let changed = copyDeploymentAnnotations(d, rs);
	const annotations = (rs.metadata.annotations ??= {});
	const oldText = annotations[revisionAnnotation];
	const oldRevision = oldText === undefined ? 0 : Number.parseInt(oldText, 10);
	if (oldText !== undefined && !Number.isFinite(oldRevision)) return changed;
	if (oldRevision < newRevision) {
		annotations[revisionAnnotation] = String(newRevision);
		changed = true;
		if (oldText) {
			const history = annotations[revisionHistoryAnnotation];
			if (!history) annotations[revisionHistoryAnnotation] = oldText;
			else {
				const revisions = history.split(',');
				let total = history.length + oldText.length + 1;
				while (revisions.length > 0 && total > historyLimitChars) total -= revisions.shift()!.length + 1;
				revisions.push(oldText);
				annotations[revisionHistoryAnnotation] = revisions.join(',');
			}
		}
	}
	if (!exists && setReplicasAnnotations(rs, desiredReplicas(d), desiredReplicas(d) + maxSurge(d))) changed = true;
	return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KubeObject, desired: number, max: number): boolean {
	const annotations = rs.metadata.annotations ?? {};
	return annotations[desiredReplicasAnnotation] !== String(desired) || annotations[maxReplicasAnnotation] !== String(max);
}

export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
	if (!replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
	const annotations = (rs.metadata.annotations ??= {});
	annotations[desiredReplicasAnnotation] = String(desired);
	annotations[maxReplicasAnnotation] = String(max);
	return true;
}

function annotatedNumber(rs: KubeObject, annotation: string): number | undefined {
	const text = rs.metadata.annotations?.[annotation];
	if (text === undefined) return undefined;
	const value = Number.parseInt(text, 10);
	return Number.isFinite(value) ? value : undefined;
}

/** How many replicas the new ReplicaSet should have now (deployment util's NewRSNewReplicas). */
export function newReplicaSetReplicas(d: KubeObject, all: Array<KubeObject | undefined>, newRS: KubeObject | undefined): number {
	const desired = desiredReplicas(d);
	if (!isRollingUpdate(d)) return desired;
	const current = replicasOf(newRS);
	const maxTotal = desired + maxSurge(d);
	const total = specReplicaCount(all);
	if (total >= maxTotal) return current;
	return current + Math.min(maxTotal - total, Math.max(0, desired - current));
}

/** The new ReplicaSet has all the replicas, knows it, and they are all available. */
export function isSaturated(d: KubeObject, rs: KubeObject | undefined): boolean {
	if (!rs) return false;
	const desired = desiredReplicas(d);
	return annotatedNumber(rs, desiredReplicasAnnotation) === desired && replicasOf(rs) === desired && (rsStatus(rs).availableReplicas ?? 0) === desired;
}

/** A ReplicaSet's share of a proportional scale, within what is left to add or remove. */
export function proportion(rs: KubeObject, d: KubeObject, toAdd: number, added: number): number {
	if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
	const fraction = replicaSetFraction(rs, d);
	const allowed = toAdd - added;
	return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: KubeObject, d: KubeObject): number {
	const desired = desiredReplicas(d);
	if (desired === 0) return -replicasOf(rs);
	const deploymentReplicas = desired + maxSurge(d);
	const annotated = annotatedNumber(rs, maxReplicasAnnotation) ?? deploymentStatus(d).replicas ?? 0;
	if (annotated === 0) return 0;
	const size = (replicasOf(rs) * deploymentReplicas) / annotated;
	return roundHalfAway(size) - replicasOf(rs);
}

function roundHalfAway(value: number): number {
	return value < 0 ? -Math.round(-value) : Math.round(value);
}

export function getCondition(status: DeploymentStatus, type: string): DeploymentCondition | undefined {
	return status.conditions?.find(condition => condition.type === type);
}

export function newCondition(type: string, status: string, reason: string, message: string, now: number): DeploymentCondition {
	const at = timestamp(now);
	return {type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message};
}

/** Sets a condition as SetDeploymentCondition: unchanged status and reason keep it; a changed one moves to the end. */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
	const current = getCondition(status, condition.type);
	if (current && current.status === condition.status && current.reason === condition.reason) return;
	if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
	status.conditions = [...(status.conditions ?? []).filter(c => c.type !== condition.type), condition];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
	status.conditions = (status.conditions ?? []).filter(c => c.type !== type);
}

/** The status the ReplicaSets add up to (deployment controller's calculateStatus). */
export function calculateStatus(all: KubeObject[], newRS: KubeObject | undefined, d: KubeObject, now: number): DeploymentStatus {
	const available = statusCount(all, 'availableReplicas');
	const previous = deploymentStatus(d);
	const status: DeploymentStatus = {
		observedGeneration: d.metadata.generation,
		replicas: statusCount(all, 'replicas'),
		updatedReplicas: newRS ? (rsStatus(newRS).replicas ?? 0) : 0,
		readyReplicas: statusCount(all, 'readyReplicas'),
		availableReplicas: available,
		// Desired by the ReplicaSets' specs, less what is available; never negative while scaling down.
		unavailableReplicas: Math.max(0, specReplicaCount(all) - available),
		conditions: (previous.conditions ?? []).map(condition => ({...condition})),
	};
	if (previous.collisionCount !== undefined) status.collisionCount = previous.collisionCount;
	if (available >= desiredReplicas(d) - maxUnavailable(d))
		setCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
	else setCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
	return status;
}

export function deploymentComplete(d: KubeObject, status: DeploymentStatus): boolean {
	const desired = desiredReplicas(d);
	return (
		status.updatedReplicas === desired &&
		status.replicas === desired &&
		status.availableReplicas === desired &&
		(status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
	);
}

/** Anything moved since the last status: more updated, fewer old, more ready or available. */
export function deploymentProgressing(d: KubeObject, status: DeploymentStatus): boolean {
	const old = deploymentStatus(d);
	const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
	const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
	return (
		(status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
		newOld < oldOld ||
		(status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
		(status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
	);
}

export function deploymentTimedOut(d: KubeObject, status: DeploymentStatus, now: number): boolean {
	const deadline = deploymentSpec(d).progressDeadlineSeconds;
	if (deadline === undefined) return false;
	const condition = getCondition(status, 'Progressing');
	if (!condition) return false;
	if (condition.reason === 'NewReplicaSetAvailable') return false;
	if (condition.reason === 'ProgressDeadlineExceeded') return true;
	const from = condition.lastUpdateTime ? Date.parse(condition.lastUpdateTime) : now;
	return from + deadline * 1000 < now;
}

/** Status fields compared, conditions by content but for their timestamps' noise. */
export function sameStatus(a: DeploymentStatus, b: DeploymentStatus): boolean {
	return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(status: DeploymentStatus): unknown {
	return [
		status.observedGeneration,
		status.replicas ?? 0,
		status.updatedReplicas ?? 0,
		status.readyReplicas ?? 0,
		status.availableReplicas ?? 0,
		status.unavailableReplicas ?? 0,
		status.collisionCount,
		(status.conditions ?? []).map(c => [c.type, c.status, c.reason, c.message, c.lastUpdateTime, c.lastTransitionTime]),
	];
}
