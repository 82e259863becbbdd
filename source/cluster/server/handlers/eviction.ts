/**
 * pods/eviction (policy/v1 Eviction): a delete that a PodDisruptionBudget may refuse with 429, which `kubectl drain`
 * retries every 5 s. Evictions are decided one at a time, so parallel evictions cannot together take more pods
 * than a budget allows.
 */
import type {KubeObject} from '../../api/object.js';
import {selectorFromLabelSelector} from '../../api/selectors/labels.js';
import {errors, success, type Status} from '../../api/status.js';
import type {ObjectAPI} from '../../api/object-api.js';
import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {deleteOptions} from '../query.js';
import {decodeObjectBody, readBody} from '../request-body.js';
import {sendStatus} from '../respond.js';

type Budget = {
	metadata: KubeObject['metadata'];
	spec?: {minAvailable?: number | string; maxUnavailable?: number | string; selector?: Parameters<typeof selectorFromLabelSelector>[0]};
	status?: {observedGeneration?: number; disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number};
};

type PodState = {phase?: string; conditions?: Array<{type: string; status: string}>};

function isReady(pod: KubeObject): boolean {
	const status = pod['status'] as PodState | undefined;
	return status?.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True') ?? false;
}

/** A pod that is not running yet, has finished or is already going costs no availability. */
function ignoresBudgets(pod: KubeObject): boolean {
	const phase = (pod['status'] as PodState | undefined)?.phase;
	return phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed' || Boolean(pod.metadata.deletionTimestamp);
}

function scaled(value: number | string, total: number, roundUp: boolean): number {
	if (typeof value === 'number') return value;
	const match = /^(\d+)%$/.exec(value);
	if (!match) return Number(value) || 0;
	const exact = (Number(match[1]) * total) / 100;
	return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** How many more pods the budget lets go now, and what it needs, from its status or, before any, from the pods. */
export function budgetAllows(api: ObjectAPI, budget: Budget, namespace: string): {allowed: number; desired: number; healthy: number} {
	const status = budget.status;
	if (status?.observedGeneration !== undefined && status.observedGeneration >= (budget.metadata.generation ?? 0) && status.disruptionsAllowed !== undefined) {
		return {allowed: status.disruptionsAllowed, desired: status.desiredHealthy ?? 0, healthy: status.currentHealthy ?? 0};
	}
	const selector = selectorFromLabelSelector(budget.spec?.selector);
	const pods = api.list('pods', namespace).items.filter(pod => !pod.metadata.deletionTimestamp && selector(pod.metadata.labels));
	const expected = pods.filter(pod => {
		const phase = (pod['status'] as PodState | undefined)?.phase;
		return phase !== 'Succeeded' && phase !== 'Failed';
	}).length;
	const healthy = pods.filter(isReady).length;
	let desired = 0;
	if (budget.spec?.maxUnavailable !== undefined) desired = Math.max(0, expected - scaled(budget.spec.maxUnavailable, expected, true));
	else if (budget.spec?.minAvailable !== undefined) desired = scaled(budget.spec.minAvailable, expected, true);
	return {allowed: Math.max(0, healthy - desired), desired, healthy};
}

function tooManyRequests(budgetName: string, desired: number, healthy: number): Status {
	const status = errors.tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", 0).status;
	status.details = {causes: [{reason: 'DisruptionBudget', message: `The disruption budget ${budgetName} needs ${desired} healthy pods and has ${healthy} currently`}]};
	return status;
}

let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
	const result = queue.then(task, task);
	queue = result.catch(() => {});
	return result;
}

export async function evictPod(context: RequestContext, path: ResourcePath, name: string): Promise<void> {
	const namespace = path.namespace!;
	const body = await decodeObjectBody(context.request.headers['content-type'], await readBody(context.request));
	const {kind, apiVersion, metadata, deleteOptions: requested} = body;
	if (kind !== undefined && kind !== 'Eviction') throw errors.badRequest(`the kind in the data (${String(kind)}) does not match the expected kind (Eviction)`);
	if (apiVersion !== undefined && apiVersion !== 'policy/v1' && apiVersion !== 'policy/v1beta1')
		throw errors.badRequest(`the API version in the data (${String(apiVersion)}) does not match the expected API version (policy/v1)`);
	if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) throw errors.badRequest('Eviction metadata must be an object');
	const bodyName = (metadata as {name?: unknown} | undefined)?.name;
	if (bodyName !== undefined && bodyName !== '' && bodyName !== name) throw errors.badRequest('name in URL does not match name in Eviction object');
	if (requested !== undefined && requested !== null && (typeof requested !== 'object' || Array.isArray(requested)))
		throw errors.badRequest('Eviction deleteOptions must be an object');
	const options = deleteOptions(context.query, (requested ?? undefined) as Record<string, unknown> | undefined);
	const api = context.cluster.api;

	const refusal = await oneAtATime(async (): Promise<Status | undefined> => {
		const pod = api.get('pods', namespace, name);
		if (!ignoresBudgets(pod)) {
			const budgets = (api.list('poddisruptionbudgets', namespace).items as Budget[]).filter(budget =>
				selectorFromLabelSelector(budget.spec?.selector)(pod.metadata.labels),
			);
			if (budgets.length > 1)
				throw errors.internal('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
			const budget = budgets[0];
			if (budget) {
				const {allowed, desired, healthy} = budgetAllows(api, budget, namespace);
				if (allowed <= 0) return tooManyRequests(budget.metadata.name ?? '', desired, healthy);
				if (budget.status?.disruptionsAllowed !== undefined && !options.dryRun) {
					await api.modify(
						'poddisruptionbudgets',
						namespace,
						budget.metadata.name!,
						current => {
							const status = (current['status'] ?? {}) as Record<string, unknown>;
							const disruptedPods = {...((status['disruptedPods'] as Record<string, string> | undefined) ?? {}), [name]: new Date(context.cluster.clock.now()).toISOString()};
							current['status'] = {...status, disruptionsAllowed: Math.max(0, Number(status['disruptionsAllowed'] ?? 0) - 1), disruptedPods};
							return current;
						},
						{status: true},
					);
				}
			}
		}
		await api.delete('pods', namespace, name, options);
		return undefined;
	});
	if (refusal) return sendStatus(context.response, refusal, context.pretty);
	return sendStatus(context.response, {...success(), code: 201}, context.pretty);
}
