import type {Deployment, ReplicaSet} from 'kubernetes-types/apps/v1.js';
import type {Node, Pod, Service} from 'kubernetes-types/core/v1.js';
import type {KubeObject} from '../../cluster/api/object.js';
import type {ClusterClient} from '../../client/types.js';
import {revisionAnnotation} from '../render/revisions.js';
import {CommandError} from './command.js';
import type {KindTable} from './kinds.js';
import type {ResolvedTarget} from './target.js';
import {usage} from './usage.js';

/** What running a cluster command produced: the line to flash. */
export type ActionResult = {message: string};

export type ActionContext = {client: ClusterClient; kinds: KindTable; now?: () => Date};

function ref(kinds: KindTable, target: ResolvedTarget): string {
	return `${kinds.qualifiedName(target.resource)}/${target.name}`;
}

export async function scale(context: ActionContext, target: ResolvedTarget, replicas: number): Promise<ActionResult> {
	await context.client.patch(target.resource, target.namespace, target.name, {spec: {replicas}}, 'merge');
	return {message: `${ref(context.kinds, target)} scaled`};
}

/** kubectl label: refuses to change an existing value without --overwrite; KEY- removes. */
export async function label(context: ActionContext, target: ResolvedTarget, changes: Array<{key: string; value?: string}>, overwrite: boolean): Promise<ActionResult> {
	const object = await context.client.get(target.resource, target.namespace, target.name);
	const labels = object.metadata.labels ?? {};
	const patch: Record<string, string | null> = {};
	for (const change of changes) {
		if (change.value === undefined) {
			if (change.key in labels) patch[change.key] = null;
			continue;
		}

		const current = labels[change.key];
		if (current !== undefined && current !== change.value && !overwrite) {
			throw new CommandError(`'${change.key}' already has a value (${current}), and --overwrite is false`, usage.label);
		}

		if (current !== change.value) patch[change.key] = change.value;
	}

	if (Object.keys(patch).length === 0) return {message: `${ref(context.kinds, target)} not labeled`};
	await context.client.patch(target.resource, target.namespace, target.name, {metadata: {labels: patch}}, 'merge');
	return {message: `${ref(context.kinds, target)} labeled`};
}

/** kubectl expose: a Service selecting the workload's pods (selector.matchLabels), labelled like the workload. */
export async function expose(context: ActionContext, target: ResolvedTarget, options: {port: number; targetPort?: string; type: string; name?: string; protocol: string}): Promise<ActionResult> {
	const object = await context.client.get(target.resource, target.namespace, target.name);
	let selector: Record<string, string> | undefined;
	if (target.resource === 'services') selector = (object as unknown as Service).spec?.selector;
	else if (target.resource === 'pods') selector = object.metadata.labels;
	else selector = (object as unknown as Deployment).spec?.selector?.matchLabels;
	if (!selector || Object.keys(selector).length === 0) {
		throw new CommandError(`couldn't retrieve selectors via --selector flag or introspection: the ${context.kinds.qualifiedName(target.resource)} has no matchLabels`, usage.expose);
	}

	const targetPort = options.targetPort === undefined ? options.port : (/^\d+$/.test(options.targetPort) ? Number(options.targetPort) : options.targetPort);
	const name = options.name ?? target.name;
	const service = {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name, namespace: target.namespace, ...(object.metadata.labels ? {labels: {...object.metadata.labels}} : {})},
		spec: {
			type: options.type,
			selector: {...selector},
			ports: [{port: options.port, protocol: options.protocol, targetPort}],
		},
	};
	await context.client.create('services', target.namespace, service as unknown as KubeObject);
	return {message: `service/${name} exposed`};
}

type PodSpecHolder = {spec?: {template?: {spec?: Pod['spec']}} & Pod['spec']};

/** kubectl set image: a JSON patch per container, by index; `*` means every container. */
export async function setImage(context: ActionContext, target: ResolvedTarget, images: Array<{container: string; image: string}>): Promise<ActionResult> {
	const object = await context.client.get(target.resource, target.namespace, target.name) as unknown as PodSpecHolder;
	const base = target.resource === 'pods' ? '/spec' : '/spec/template/spec';
	const spec = target.resource === 'pods' ? object.spec : object.spec?.template?.spec;
	const operations: Array<{op: 'replace'; path: string; value: string}> = [];
	for (const {container, image} of images) {
		let found = false;
		for (const [listName, list] of [['containers', spec?.containers ?? []], ['initContainers', spec?.initContainers ?? []]] as const) {
			for (const [index, entry] of list.entries()) {
				if (container !== '*' && entry.name !== container) continue;
				found = true;
				operations.push({op: 'replace', path: `${base}/${listName}/${index}/image`, value: image});
			}
		}

		if (!found) throw new CommandError(`unable to find container named "${container}"`, usage.set);
	}

	await context.client.patch(target.resource, target.namespace, target.name, operations, 'json');
	return {message: `${ref(context.kinds, target)} image updated`};
}

/** kubectl rollout restart: stamps the pod template so every pod is replaced. */
export async function rolloutRestart(context: ActionContext, target: ResolvedTarget): Promise<ActionResult> {
	const now = (context.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const patch = {spec: {template: {metadata: {annotations: {'kubectl.kubernetes.io/restartedAt': now}}}}};
	await context.client.patch(target.resource, target.namespace, target.name, patch, 'merge');
	return {message: `${ref(context.kinds, target)} restarted`};
}

/** The ReplicaSets a deployment controls, by owner uid. */
export async function ownedReplicaSets(client: ClusterClient, deployment: KubeObject): Promise<ReplicaSet[]> {
	const all = await client.list('replicasets', deployment.metadata.namespace);
	return (all as unknown as ReplicaSet[]).filter(replicaSet => replicaSet.metadata?.ownerReferences?.some(owner => owner.uid === deployment.metadata.uid && owner.controller !== false));
}

/** Annotations a rollback keeps from the deployment instead of copying from the ReplicaSet, as kubectl does. */
const rollbackSkipped = new Set([
	'kubectl.kubernetes.io/last-applied-configuration',
	revisionAnnotation,
	'deployment.kubernetes.io/revision-history',
	'deployment.kubernetes.io/desired-replicas',
	'deployment.kubernetes.io/max-replicas',
	'deprecated.deployment.rollback.to',
]);

function sameTemplate(left: unknown, right: unknown): boolean {
	return JSON.stringify(left) === JSON.stringify(right);
}

/**
 * kubectl rollout undo, done client-side like kubectl: find the ReplicaSet of the wanted revision (the previous
 * one by default), then JSON-patch the deployment's template with its template and its annotations with the
 * ReplicaSet's (keeping the deployment's own revision bookkeeping).
 */
export async function rolloutUndo(context: ActionContext, target: ResolvedTarget, toRevision?: number): Promise<ActionResult> {
	if (target.resource !== 'deployments') throw new CommandError(`rollout undo works on deployments, not ${target.resource}`, usage.rollout);
	const deploymentObject = await context.client.get('deployments', target.namespace, target.name);
	const deployment = deploymentObject as unknown as Deployment;
	if (deployment.spec?.paused) throw new CommandError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
	const replicaSets = await ownedReplicaSets(context.client, deploymentObject);
	const revisionOf = (replicaSet: ReplicaSet) => Number(replicaSet.metadata?.annotations?.[revisionAnnotation] ?? 0) || 0;
	let chosen: ReplicaSet | undefined;
	if (toRevision && toRevision > 0) {
		chosen = replicaSets.find(replicaSet => revisionOf(replicaSet) === toRevision);
		if (!chosen) throw new CommandError(`unable to find specified revision ${toRevision} in history`);
	} else {
		const revisions = [...new Set(replicaSets.map(revisionOf))].sort((left, right) => right - left);
		if (revisions.length < 2) throw new CommandError('no rollout history found for deployment ' + JSON.stringify(target.name));
		chosen = replicaSets.find(replicaSet => revisionOf(replicaSet) === revisions[1]);
	}

	const template = structuredClone(chosen!.spec?.template ?? {});
	delete template.metadata?.labels?.['pod-template-hash'];
	if (sameTemplate(template, deployment.spec?.template)) {
		return {message: `${ref(context.kinds, target)} skipped rollback (current template already matches revision ${revisionOf(chosen!)})`};
	}

	const annotations: Record<string, string> = {};
	for (const [key, value] of Object.entries(deployment.metadata?.annotations ?? {})) {
		if (rollbackSkipped.has(key)) annotations[key] = value;
	}

	for (const [key, value] of Object.entries(chosen!.metadata?.annotations ?? {})) {
		if (!rollbackSkipped.has(key)) annotations[key] = value;
	}

	await context.client.patch('deployments', target.namespace, target.name, [
		{op: 'replace', path: '/spec/template', value: template},
		{op: 'replace', path: '/metadata/annotations', value: annotations},
	], 'json');
	return {message: `${ref(context.kinds, target)} rolled back`};
}

/** kubectl rollout status, once: where the rollout stands, in kubectl's words. */
export async function rolloutStatus(context: ActionContext, target: ResolvedTarget): Promise<ActionResult> {
	const deployment = await context.client.get(target.resource, target.namespace, target.name) as unknown as Deployment;
	const name = target.name;
	const spec = deployment.spec;
	const status = deployment.status ?? {};
	if ((deployment.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) return {message: 'Waiting for deployment spec update to be observed...'};
	const progressing = status.conditions?.find(condition => condition.type === 'Progressing');
	if (progressing?.reason === 'ProgressDeadlineExceeded') throw new CommandError(`deployment "${name}" exceeded its progress deadline`);
	const desired = spec?.replicas ?? 1;
	const updated = status.updatedReplicas ?? 0;
	const total = status.replicas ?? 0;
	const available = status.availableReplicas ?? 0;
	if (updated < desired) return {message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${desired} new replicas have been updated...`};
	if (total > updated) return {message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...`};
	if (available < updated) return {message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`};
	return {message: `deployment "${name}" successfully rolled out`};
}

export async function deleteObject(context: ActionContext, target: ResolvedTarget, cascade: 'background' | 'foreground' | 'orphan'): Promise<ActionResult> {
	const propagationPolicy = ({background: 'Background', foreground: 'Foreground', orphan: 'Orphan'} as const)[cascade];
	await context.client.delete(target.resource, target.namespace, target.name, {propagationPolicy});
	return {message: `${context.kinds.qualifiedName(target.resource)} "${target.name}" deleted`};
}

/** The container name kubectl create deployment derives from an image: its last path part, without tag or digest. */
export function containerNameOf(image: string): string {
	const last = image.split('/').at(-1) ?? image;
	return last.replace(/@.*$/, '').replace(/:.*$/, '').toLowerCase().replaceAll(/[^a-z\d-]/g, '-') || 'container';
}

/** kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=N]. */
export async function createDeployment(context: ActionContext, options: {name: string; image: string; replicas: number; namespace: string; port?: number}): Promise<ActionResult> {
	const labels = {app: options.name};
	const container: Record<string, unknown> = {name: containerNameOf(options.image), image: options.image};
	if (options.port !== undefined) container['ports'] = [{containerPort: options.port}];
	const deployment = {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: options.name, namespace: options.namespace, labels},
		spec: {
			replicas: options.replicas,
			selector: {matchLabels: labels},
			template: {metadata: {labels}, spec: {containers: [container]}},
		},
	};
	await context.client.create('deployments', options.namespace, deployment as unknown as KubeObject);
	return {message: `deployment.apps/${options.name} created`};
}

export async function cordon(context: ActionContext, target: ResolvedTarget, unschedulable: boolean): Promise<ActionResult> {
	const node = await context.client.get('nodes', undefined, target.name) as unknown as Node;
	const verb = unschedulable ? 'cordoned' : 'uncordoned';
	if (Boolean(node.spec?.unschedulable) === unschedulable) return {message: `node/${target.name} already ${verb}`};
	await context.client.patch('nodes', undefined, target.name, {spec: {unschedulable: unschedulable ? true : null}}, 'merge');
	return {message: `node/${target.name} ${verb}`};
}

/**
 * kubectl drain: cordon, then evict every pod on the node except DaemonSet pods and mirror pods (which their
 * controllers would recreate on the same node, or which the API cannot evict).
 */
export async function drain(context: ActionContext, target: ResolvedTarget): Promise<ActionResult> {
	await cordon(context, target, true);
	const pods = (await context.client.list('pods', undefined, {fieldSelector: `spec.nodeName=${target.name}`})) as unknown as Pod[];
	const evictable = pods.filter(pod => pod.spec?.nodeName === target.name
		&& pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed'
		&& !pod.metadata?.ownerReferences?.some(owner => owner.kind === 'DaemonSet')
		&& !pod.metadata?.annotations?.['kubernetes.io/config.mirror']);
	const failures: string[] = [];
	await Promise.all(evictable.map(async pod => {
		try {
			await context.client.evict(pod.metadata?.namespace ?? 'default', pod.metadata?.name ?? '');
		} catch (error) {
			failures.push(`${pod.metadata?.name ?? ''}: ${(error as Error).message}`);
		}
	}));
	if (failures.length > 0) throw new CommandError(`node/${target.name} cordoned; ${failures.length} pod(s) not evicted: ${failures.join('; ')}`);
	return {message: `node/${target.name} drained (${evictable.length} pod${evictable.length === 1 ? '' : 's'} evicted)`};
}

/** Powers a simulated node off or on (kubedeck clusters only) through its kubedeck.io/power annotation. */
export async function power(context: ActionContext, target: ResolvedTarget, state: 'on' | 'off'): Promise<ActionResult> {
	if (!context.client.info().embedded) throw new CommandError('node power works only on a kubedeck cluster', usage.node);
	await context.client.patch('nodes', undefined, target.name, {metadata: {annotations: {'kubedeck.io/power': state}}}, 'merge');
	return {message: `node/${target.name} powered ${state}`};
}
