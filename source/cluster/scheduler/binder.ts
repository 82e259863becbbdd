import type {KubeObject} from '../api/object.js';
import type {ObjectAPI} from '../api/object-api.js';
import {errors} from '../api/status.js';
import {timestamp, type Clock} from '../clock.js';
import type {PodCondition} from '../controllers/pods.js';

/** A registry that offers the pods/binding subresource as one write. */
type BindingAPI = ObjectAPI & {
	bind?(namespace: string, name: string, binding: {uid?: string; nodeName: string}): Promise<KubeObject>;
};

/**
 * Assigns a pod to a node as a pods/binding write does. Fails with Conflict when the pod is already bound, is being
 * deleted, or was replaced by another of the same name. Resolves true when the PodScheduled condition was written
 * with it (a registry with a binding verb); otherwise markScheduled writes it after.
 */
export async function bindPod(api: ObjectAPI, pod: KubeObject, nodeName: string): Promise<boolean> {
	const {namespace, name, uid} = pod.metadata;
	const binding = api as BindingAPI;
	if (typeof binding.bind === 'function') {
		await binding.bind(namespace!, name!, {uid, nodeName});
		return true;
	}
	await api.modify('pods', namespace, name!, current => {
		if (current.metadata.uid !== uid) throw errors.conflict('pods', '', name!, 'the pod was replaced');
		if (current.metadata.deletionTimestamp) throw errors.conflict('pods', '', name!, 'pod is being deleted, cannot be assigned to a host');
		const spec = current['spec'] as {nodeName?: string};
		if (spec.nodeName === nodeName) return undefined;
		if (spec.nodeName) throw errors.conflict('pods', '', name!, `pod ${name} is already assigned to node "${spec.nodeName}"`);
		spec.nodeName = nodeName;
		return current;
	});
	return false;
}

export function hasScheduledCondition(pod: KubeObject): boolean {
	return ((pod['status'] as {conditions?: PodCondition[]} | undefined)?.conditions ?? []).some(c => c.type === 'PodScheduled' && c.status === 'True');
}

/** PodScheduled=True on a bound pod, unless its kubelet (which reports it too) got there first. */
export async function markScheduled(api: ObjectAPI, clock: Clock, pod: KubeObject): Promise<void> {
	const {namespace, name, uid} = pod.metadata;
	await api.modify(
		'pods',
		namespace,
		name!,
		current => {
			if (current.metadata.uid !== uid || hasScheduledCondition(current)) return undefined;
			return withCondition(current, {type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(clock.now())});
		},
		{status: true},
	);
}

/** Sets PodScheduled=False, reason Unschedulable, unless it already says the same. */
export function markUnschedulable(api: ObjectAPI, clock: Clock, pod: KubeObject, message: string): Promise<void> {
	return markNotScheduled(api, clock, pod, 'Unschedulable', message);
}

/** A pod with scheduling gates: PodScheduled=False, reason SchedulingGated, as kube-scheduler reports it. */
export function markGated(api: ObjectAPI, clock: Clock, pod: KubeObject): Promise<void> {
	return markNotScheduled(api, clock, pod, 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates');
}

async function markNotScheduled(api: ObjectAPI, clock: Clock, pod: KubeObject, reason: string, message: string): Promise<void> {
	const {namespace, name, uid} = pod.metadata;
	await api.modify(
		'pods',
		namespace,
		name!,
		current => {
			if (current.metadata.uid !== uid || (current['spec'] as {nodeName?: string}).nodeName) return undefined;
			const existing = ((current['status'] as {conditions?: PodCondition[]} | undefined)?.conditions ?? []).find(c => c.type === 'PodScheduled');
			if (existing?.status === 'False' && existing.reason === reason && existing.message === message) return undefined;
			return withCondition(current, {
				type: 'PodScheduled',
				status: 'False',
				reason,
				message,
				lastProbeTime: null,
				lastTransitionTime: existing?.status === 'False' ? existing.lastTransitionTime : timestamp(clock.now()),
			});
		},
		{status: true},
	);
}

function withCondition(pod: KubeObject, condition: PodCondition): KubeObject {
	const status = ((pod['status'] as Record<string, unknown> | undefined) ?? {}) as {conditions?: PodCondition[]};
	const conditions = (status.conditions ?? []).filter(c => c.type !== condition.type);
	const existing = (status.conditions ?? []).find(c => c.type === condition.type);
	if (existing && existing.status === condition.status && condition.status === 'True') return pod;
	conditions.push(condition);
	pod['status'] = {...status, conditions};
	return pod;
}
