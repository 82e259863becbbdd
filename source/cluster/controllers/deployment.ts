import {cloneObject, type KubeObject} from '../api/object.js';
import {podTemplateHash} from '../api/names.js';
import {ApiError} from '../api/status.js';
import {claimObjects, orphanNamespace} from './claim.js';
import type {ControllerContext} from './controller-context.js';
import {
	activeReplicaSets,
	byCreation,
	byRevision,
	bySizeNewer,
	bySizeOlder,
	calculateStatus,
	deploymentComplete,
	deploymentProgressing,
	deploymentSpec,
	deploymentStatus,
	deploymentTimedOut,
	desiredReplicas,
	equalIgnoreHash,
	findNewReplicaSet,
	getCondition,
	isRollingUpdate,
	isSaturated,
	maxRevision,
	maxSurge,
	maxUnavailable,
	newCondition,
	newReplicaSetReplicas,
	podTemplateHashLabel,
	proportion,
	removeCondition,
	replicasAnnotationsNeedUpdate,
	replicasOf,
	revisionAnnotation,
	sameStatus,
	setCondition,
	setNewReplicaSetAnnotations,
	setReplicasAnnotations,
	specReplicaCount,
	type DeploymentStatus,
} from './deployment-util.js';
import type {EventRecorder} from './events.js';
import {controllerUid, keyOf, type Informer} from './informer.js';
import {controllerOf, controllerReference} from './owners.js';
import {podPhase} from './pods.js';
import {QueueController} from './queue-controller.js';
import {messageOf, rsSpec, rsStatus} from './replicaset.js';
import {compileSelector} from './selector.js';

/**
 * kube-controller-manager's Deployment controller: one ReplicaSet per pod template named `<deployment>-<hash>`,
 * rolling updates within maxSurge and maxUnavailable, Recreate, proportional scaling, revisions and rollbacks
 * (an old ReplicaSet whose template comes back is reused and renumbered), history cleanup, status and conditions.
 */
export class DeploymentController extends QueueController {
	private readonly recorder: EventRecorder;
	/** Objects this controller wrote, newer than its cache may be yet: read through them. */
	private readonly written = new Map<string, KubeObject>();
	private deployments!: Informer;
	private sets!: Informer;
	private pods!: Informer;

	constructor(context: ControllerContext) {
		super(context, 'deployment', 5);
		this.recorder = context.recorder.withSource({component: 'deployment-controller'});
	}

	start(): void {
		this.deployments = this.informers.for('deployments');
		this.sets = this.informers.for('replicasets');
		this.pods = this.informers.for('pods');
		this.deployments.addIndex('uid', d => [d.metadata.uid ?? '']);
		this.deployments.addIndex('namespace', d => [d.metadata.namespace ?? '']);
		this.sets.addIndex('uid', set => [set.metadata.uid ?? '']);
		this.sets.addIndex('controller', controllerUid);
		this.sets.addIndex('orphans', orphanNamespace);
		this.pods.addIndex('controller', controllerUid);
		this.subscribe(
			this.deployments.on({
				...this.queueOnChange(),
				deleted: d => {
					this.written.delete(keyOf(d));
					this.enqueue(d);
				},
			}),
			this.sets.on({
				added: set => this.setChanged(set),
				updated: (previous, set) => {
					const before = controllerOf(previous);
					if (before && before.uid !== controllerOf(set)?.uid) this.enqueueOwner(before.uid);
					this.setChanged(set);
				},
				deleted: set => {
					this.written.delete(`rs:${keyOf(set)}`);
					this.setChanged(set);
				},
			}),
			this.pods.on({deleted: pod => this.podDeleted(pod)}),
		);
		this.deployments.start();
		this.sets.start();
		this.pods.start();
	}

	private enqueueOwner(uid: string): void {
		const d = this.deployments.byIndex('uid', uid)[0];
		if (d) this.enqueue(d);
	}

	private setChanged(set: KubeObject): void {
		const owner = controllerOf(set);
		if (owner) {
			if (owner.kind === 'Deployment') this.enqueueOwner(owner.uid);
			return;
		}
		for (const d of this.deployments.byIndex('namespace', set.metadata.namespace ?? ''))
			if (compileSelector(deploymentSpec(d).selector)(set.metadata.labels)) this.enqueue(d);
	}

	/** A Recreate rollout waits for the old pods to be gone. */
	private podDeleted(pod: KubeObject): void {
		const owner = controllerOf(pod);
		if (owner?.kind !== 'ReplicaSet') return;
		const set = this.sets.byIndex('uid', owner.uid)[0];
		const setOwner = set && controllerOf(set);
		if (!setOwner) return;
		const d = this.deployments.byIndex('uid', setOwner.uid)[0];
		if (d && !isRollingUpdate(d)) this.enqueue(d);
	}

	/** The freshest copy of an object: the cache's, or what this controller last wrote when that is newer. */
	private fresh(cacheKey: string, cached: KubeObject): KubeObject {
		const written = this.written.get(cacheKey);
		if (!written) return cached;
		if (written.metadata.uid !== cached.metadata.uid || Number(written.metadata.resourceVersion) <= Number(cached.metadata.resourceVersion)) {
			this.written.delete(cacheKey);
			return cached;
		}
		return written;
	}

	private remember(cacheKey: string, object: KubeObject): KubeObject {
		this.written.set(cacheKey, object);
		return object;
	}

	protected async sync(key: string): Promise<void> {
		const cached = this.deployments.getByKey(key);
		if (!cached) return;
		let d = this.fresh(key, cached);
		const spec = deploymentSpec(d);
		const selector = compileSelector(spec.selector);
		if (selector.empty) {
			this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
			if (deploymentStatus(d).observedGeneration !== d.metadata.generation)
				await this.writeStatus(d, {...deploymentStatus(d), observedGeneration: d.metadata.generation});
			return;
		}
		const claimed = await claimObjects({
			api: this.context.api,
			resource: 'replicasets',
			owner: d,
			ownerApiVersion: 'apps/v1',
			ownerKind: 'Deployment',
			selector,
			owned: this.sets.byIndex('controller', d.metadata.uid!),
			orphans: this.sets.byIndex('orphans', d.metadata.namespace ?? ''),
		});
		const sets = claimed.map(set => this.fresh(`rs:${keyOf(set)}`, set));
		if (d.metadata.deletionTimestamp) {
			await this.syncStatusOnly(d, sets);
			return;
		}
		d = await this.checkPausedConditions(d);
		if (deploymentSpec(d).paused || this.isScalingEvent(d, sets)) {
			await this.scaleOnly(d, sets);
			return;
		}
		if (isRollingUpdate(d)) await this.rolloutRolling(d, sets);
		else await this.rolloutRecreate(d, sets);
	}

	private isScalingEvent(d: KubeObject, sets: KubeObject[]): boolean {
		const {newRS, oldRSs} = this.splitSets(d, sets);
		const desired = String(desiredReplicas(d));
		for (const set of activeReplicaSets([...(newRS ? [newRS] : []), ...oldRSs])) {
			const annotated = set.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'];
			if (annotated !== undefined && annotated !== desired) return true;
		}
		return false;
	}

	private splitSets(d: KubeObject, sets: KubeObject[]): {newRS: KubeObject | undefined; oldRSs: KubeObject[]} {
		const newRS = findNewReplicaSet(d, sets);
		return {newRS, oldRSs: sets.filter(set => set !== newRS)};
	}

	/**
	 * The new ReplicaSet (created when asked and missing) and the old ones, with revisions brought up to date: the
	 * new one gets max(old) + 1 and the deployment carries that number.
	 */
	private async replicaSetsAndSyncRevision(
		d: KubeObject,
		sets: KubeObject[],
		create: boolean,
	): Promise<{d: KubeObject; newRS: KubeObject | undefined; oldRSs: KubeObject[]}> {
		const {newRS: existing, oldRSs} = this.splitSets(d, sets);
		const newRevision = maxRevision(oldRSs) + 1;
		const now = this.context.clock.now();
		const {api} = this.context;
		if (existing) {
			let newRS = existing;
			const copy = cloneObject(existing);
			let changed = setNewReplicaSetAnnotations(d, copy, newRevision, true);
			const minReadySeconds = deploymentSpec(d).minReadySeconds ?? 0;
			if ((rsSpec(copy).minReadySeconds ?? 0) !== minReadySeconds) {
				(copy['spec'] as {minReadySeconds?: number}).minReadySeconds = minReadySeconds;
				changed = true;
			}
			if (changed) newRS = await this.updateSet(copy);
			const revision = newRS.metadata.annotations?.[revisionAnnotation];
			if (revision !== undefined) d = await this.setDeploymentRevision(d, revision);
			if (!getCondition(deploymentStatus(d), 'Progressing') && deploymentSpec(d).progressDeadlineSeconds !== undefined) {
				const status = cloneObject(deploymentStatus(d));
				setCondition(status, newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${newRS.metadata.name}"`, now));
				d = await this.writeStatus(d, status);
			}
			return {d, newRS, oldRSs};
		}
		if (!create) return {d, newRS: undefined, oldRSs};

		const spec = deploymentSpec(d);
		const status = deploymentStatus(d);
		const template = cloneObject(spec.template ?? {});
		const hash = podTemplateHash(spec.template ?? {}, status.collisionCount);
		template.metadata = {...template.metadata, labels: {...template.metadata?.labels, [podTemplateHashLabel]: hash}};
		const selector = cloneObject(spec.selector ?? {});
		selector.matchLabels = {...selector.matchLabels, [podTemplateHashLabel]: hash};
		const name = `${d.metadata.name}-${hash}`;
		const draft: KubeObject = {
			apiVersion: 'apps/v1',
			kind: 'ReplicaSet',
			metadata: {
				name,
				namespace: d.metadata.namespace,
				labels: {...template.metadata.labels},
				ownerReferences: [controllerReference(d, 'apps/v1', 'Deployment')],
			},
			spec: {replicas: 0, minReadySeconds: spec.minReadySeconds ?? 0, selector, template},
		};
		const replicas = newReplicaSetReplicas(d, [...oldRSs, draft], draft);
		(draft['spec'] as {replicas: number}).replicas = replicas;
		setNewReplicaSetAnnotations(d, draft, newRevision, false);
		let created: KubeObject;
		let alreadyExisted = false;
		try {
			created = await api.create('replicasets', d.metadata.namespace, draft);
		} catch (error) {
			if (!(error instanceof ApiError && error.code === 409)) throw error;
			const found = api.tryGet('replicasets', d.metadata.namespace, name);
			if (found && controllerOf(found)?.uid === d.metadata.uid && equalIgnoreHash(rsSpec(found).template, spec.template)) {
				created = found;
				alreadyExisted = true;
			} else {
				// A different ReplicaSet holds the name: hash again with a bumped collision count.
				const next = cloneObject(status);
				next.collisionCount = (status.collisionCount ?? 0) + 1;
				await this.writeStatus(d, next);
				throw error;
			}
		}
		this.remember(`rs:${keyOf(created)}`, created);
		if (!alreadyExisted && replicas > 0)
			this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`);
		d = await this.setDeploymentRevision(d, String(newRevision));
		if (!alreadyExisted && spec.progressDeadlineSeconds !== undefined) {
			const next = cloneObject(deploymentStatus(d));
			setCondition(next, newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`, now));
			d = await this.writeStatus(d, next);
		}
		return {d, newRS: created, oldRSs};
	}

	private async rolloutRolling(d: KubeObject, sets: KubeObject[]): Promise<void> {
		const synced = await this.replicaSetsAndSyncRevision(d, sets, true);
		d = synced.d;
		let newRS = synced.newRS!;
		let oldRSs = synced.oldRSs;

		// Scale up the new ReplicaSet as far as maxSurge allows.
		const target = this.reconcileNewTarget(d, [...oldRSs, newRS], newRS);
		if (target !== replicasOf(newRS)) {
			newRS = (await this.scaleSet(newRS, target, d)) ?? newRS;
			await this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
			return;
		}

		// Scale down old ReplicaSets as far as maxUnavailable allows.
		const scaledDown = await this.reconcileOldSets(d, oldRSs, newRS);
		if (scaledDown) {
			oldRSs = scaledDown;
			await this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
			return;
		}
		const status = calculateStatus([...oldRSs, newRS], newRS, d, this.context.clock.now());
		if (deploymentComplete(d, status)) await this.cleanup(oldRSs, d);
		await this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
	}

	private reconcileNewTarget(d: KubeObject, all: KubeObject[], newRS: KubeObject): number {
		const desired = desiredReplicas(d);
		const current = replicasOf(newRS);
		if (current === desired) return current;
		if (current > desired) return desired;
		return newReplicaSetReplicas(d, all, newRS);
	}

	/** Returns the old ReplicaSets as scaled, or undefined when none could be scaled down. */
	private async reconcileOldSets(d: KubeObject, oldRSs: KubeObject[], newRS: KubeObject): Promise<KubeObject[] | undefined> {
		if (specReplicaCount(oldRSs) === 0) return undefined;
		const allPods = specReplicaCount([...oldRSs, newRS]);
		const minAvailable = desiredReplicas(d) - maxUnavailable(d);
		const newUnavailable = replicasOf(newRS) - (rsStatus(newRS).availableReplicas ?? 0);
		const maxScaledDown = allPods - minAvailable - newUnavailable;
		if (maxScaledDown <= 0) return undefined;
		let changed = false;
		const sets = [...oldRSs].sort(byCreation);
		// First the old pods that are not available anyway: removing them costs no availability.
		let cleaned = 0;
		for (let index = 0; index < sets.length && cleaned < maxScaledDown; index++) {
			const set = sets[index]!;
			const unhealthy = replicasOf(set) - (rsStatus(set).availableReplicas ?? 0);
			if (replicasOf(set) === 0 || unhealthy <= 0) continue;
			const count = Math.min(maxScaledDown - cleaned, unhealthy);
			const scaled = await this.scaleSet(set, replicasOf(set) - count, d);
			if (scaled) {
				sets[index] = scaled;
				changed = true;
			}
			cleaned += count;
		}
		// Then available ones, oldest first, keeping minAvailable.
		let available = 0;
		for (const set of [...sets, newRS]) available += rsStatus(set).availableReplicas ?? 0;
		if (available > minAvailable) {
			const total = available - minAvailable;
			let removed = 0;
			for (let index = 0; index < sets.length && removed < total; index++) {
				const set = sets[index]!;
				if (replicasOf(set) === 0) continue;
				const count = Math.min(replicasOf(set), total - removed);
				const scaled = await this.scaleSet(set, replicasOf(set) - count, d);
				if (scaled) {
					sets[index] = scaled;
					changed = true;
				}
				removed += count;
			}
		}
		return changed ? sets : undefined;
	}

	private async rolloutRecreate(d: KubeObject, sets: KubeObject[]): Promise<void> {
		const synced = await this.replicaSetsAndSyncRevision(d, sets, false);
		d = synced.d;
		let newRS = synced.newRS;
		const oldRSs = synced.oldRSs;
		let scaledDown = false;
		const scaledOld: KubeObject[] = [];
		for (const set of oldRSs) {
			if (replicasOf(set) === 0) {
				scaledOld.push(set);
				continue;
			}
			const scaled = await this.scaleSet(set, 0, d);
			scaledOld.push(scaled ?? set);
			if (scaled) scaledDown = true;
		}
		const all = () => [...scaledOld, ...(newRS ? [newRS] : [])];
		if (scaledDown || this.oldPodsRunning(newRS, scaledOld)) {
			await this.syncRolloutStatus(all(), newRS, d);
			return;
		}
		if (!newRS) {
			const created = await this.replicaSetsAndSyncRevision(d, sets, true);
			d = created.d;
			newRS = created.newRS!;
		}
		if (replicasOf(newRS) !== desiredReplicas(d)) newRS = (await this.scaleSet(newRS, desiredReplicas(d), d)) ?? newRS;
		const status = calculateStatus(all(), newRS, d, this.context.clock.now());
		if (deploymentComplete(d, status)) await this.cleanup(scaledOld, d);
		await this.syncRolloutStatus(all(), newRS, d);
	}

	/** Any pod of an old ReplicaSet that is not finished: Recreate waits until there is none. */
	private oldPodsRunning(newRS: KubeObject | undefined, oldRSs: KubeObject[]): boolean {
		for (const set of oldRSs) {
			if ((rsStatus(set).replicas ?? 0) > 0) return true;
			if (set === newRS) continue;
			for (const pod of this.pods.byIndex('controller', set.metadata.uid!)) {
				const phase = podPhase(pod);
				if (phase !== 'Succeeded' && phase !== 'Failed') return true;
			}
		}
		return false;
	}

	/** Paused or scaled: resize ReplicaSets without rolling anything out. */
	private async scaleOnly(d: KubeObject, sets: KubeObject[]): Promise<void> {
		const synced = await this.replicaSetsAndSyncRevision(d, sets, false);
		d = synced.d;
		let {newRS, oldRSs} = synced;
		const scaled = await this.scale(d, newRS, oldRSs);
		newRS = scaled.newRS;
		oldRSs = scaled.oldRSs;
		if (deploymentSpec(d).paused) await this.cleanup(oldRSs, d);
		const all = [...oldRSs, ...(newRS ? [newRS] : [])];
		const status = calculateStatus(all, newRS, d, this.context.clock.now());
		if (!sameStatus(deploymentStatus(d), status)) await this.writeStatus(d, status);
	}

	private async scale(d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): Promise<{newRS: KubeObject | undefined; oldRSs: KubeObject[]}> {
		const desired = desiredReplicas(d);
		const all = [...(newRS ? [newRS] : []), ...oldRSs];
		const active = activeReplicaSets(all);
		// One active ReplicaSet (or none): it simply takes the new size.
		const only = active.length === 1 ? active[0] : active.length === 0 ? (newRS ?? [...oldRSs].sort(byCreation).at(-1)) : undefined;
		if (active.length <= 1) {
			if (!only || replicasOf(only) === desired) return {newRS, oldRSs};
			const scaled = (await this.scaleSet(only, desired, d)) ?? only;
			return replace(newRS, oldRSs, only, scaled);
		}
		if (isSaturated(d, newRS)) {
			let result = {newRS, oldRSs};
			for (const set of activeReplicaSets(oldRSs)) {
				const scaled = (await this.scaleSet(set, 0, d)) ?? set;
				result = replace(result.newRS, result.oldRSs, set, scaled);
			}
			return result;
		}
		if (!isRollingUpdate(d)) return {newRS, oldRSs};
		// Proportional scaling: each active ReplicaSet grows or shrinks by its share.
		const allowed = desired > 0 ? desired + maxSurge(d) : 0;
		const toAdd = allowed - specReplicaCount(active);
		const ordered = [...active].sort(toAdd > 0 ? bySizeNewer : bySizeOlder);
		const sizes = new Map<KubeObject, number>();
		let added = 0;
		for (const set of ordered) {
			if (toAdd !== 0) {
				const share = proportion(set, d, toAdd, added);
				sizes.set(set, replicasOf(set) + share);
				added += share;
			} else sizes.set(set, replicasOf(set));
		}
		if (ordered.length > 0) {
			const first = ordered[0]!;
			sizes.set(first, Math.max(0, sizes.get(first)! + (toAdd - added)));
		}
		let result = {newRS, oldRSs};
		for (const set of ordered) {
			const scaled = (await this.scaleSet(set, sizes.get(set)!, d, true)) ?? set;
			result = replace(result.newRS, result.oldRSs, set, scaled);
		}
		return result;
	}

	/**
	 * Writes a ReplicaSet's size and replica annotations; the written object, or undefined when nothing changed.
	 * Proportional scaling also refreshes the annotations of a ReplicaSet whose size stays.
	 */
	private async scaleSet(set: KubeObject, replicas: number, d: KubeObject, annotationsToo = false): Promise<KubeObject | undefined> {
		const previous = replicasOf(set);
		const desired = desiredReplicas(d);
		const max = desired + maxSurge(d);
		const sizeChanges = previous !== replicas;
		if (!sizeChanges && !(annotationsToo && replicasAnnotationsNeedUpdate(set, desired, max))) return undefined;
		const copy = cloneObject(set);
		(copy['spec'] as {replicas: number}).replicas = replicas;
		setReplicasAnnotations(copy, desired, max);
		const written = await this.updateSet(copy);
		if (sizeChanges)
			this.recorder.event(
				d,
				'Normal',
				'ScalingReplicaSet',
				`Scaled ${previous < replicas ? 'up' : 'down'} replica set ${set.metadata.name} from ${previous} to ${replicas}`,
			);
		return written;
	}

	/** Writes spec and metadata of a ReplicaSet from a changed copy of the cached one. */
	private async updateSet(copy: KubeObject): Promise<KubeObject> {
		const {namespace, name, uid} = copy.metadata;
		const written = await this.context.api.modify('replicasets', namespace, name!, current => {
			if (current.metadata.uid !== uid) throw new Error(`replica set ${namespace}/${name} was replaced`);
			current['spec'] = copy['spec'];
			current.metadata.annotations = copy.metadata.annotations;
			return current;
		});
		return this.remember(`rs:${keyOf(written)}`, written);
	}

	private async setDeploymentRevision(d: KubeObject, revision: string): Promise<KubeObject> {
		if (d.metadata.annotations?.[revisionAnnotation] === revision) return d;
		const written = await this.context.api.modify('deployments', d.metadata.namespace, d.metadata.name!, current => {
			if (current.metadata.uid !== d.metadata.uid) throw new Error('deployment was replaced');
			if (current.metadata.annotations?.[revisionAnnotation] === revision) return undefined;
			current.metadata.annotations = {...current.metadata.annotations, [revisionAnnotation]: revision};
			return current;
		});
		return this.remember(keyOf(written), written);
	}

	private async writeStatus(d: KubeObject, status: DeploymentStatus): Promise<KubeObject> {
		const written = await this.context.api.modify(
			'deployments',
			d.metadata.namespace,
			d.metadata.name!,
			current => {
				if (current.metadata.uid !== d.metadata.uid) throw new Error('deployment was replaced');
				current['status'] = withoutZeros(status, ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']);
				return current;
			},
			{status: true},
		);
		return this.remember(keyOf(written), written);
	}

	/** Progressing=Unknown while paused (DeploymentPaused) and once resumed (DeploymentResumed). */
	private async checkPausedConditions(d: KubeObject): Promise<KubeObject> {
		if (deploymentSpec(d).progressDeadlineSeconds === undefined) return d;
		const status = cloneObject(deploymentStatus(d));
		const condition = getCondition(status, 'Progressing');
		if (condition?.reason === 'ProgressDeadlineExceeded') return d;
		const paused = Boolean(deploymentSpec(d).paused);
		const now = this.context.clock.now();
		if (paused && condition?.reason !== 'DeploymentPaused')
			setCondition(status, newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now));
		else if (!paused && condition?.reason === 'DeploymentPaused')
			setCondition(status, newCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', now));
		else return d;
		return this.writeStatus(d, status);
	}

	private async syncStatusOnly(d: KubeObject, sets: KubeObject[]): Promise<void> {
		const {newRS, oldRSs} = this.splitSets(d, sets);
		const status = calculateStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS, d, this.context.clock.now());
		if (!sameStatus(deploymentStatus(d), status)) await this.writeStatus(d, status);
	}

	/** Status plus the Progressing condition; re-checks stuck rollouts when their deadline is due. */
	private async syncRolloutStatus(all: KubeObject[], newRS: KubeObject | undefined, d: KubeObject): Promise<void> {
		const now = this.context.clock.now();
		const status = calculateStatus(all, newRS, d, now);
		const spec = deploymentSpec(d);
		if (spec.progressDeadlineSeconds === undefined) removeCondition(status, 'Progressing');
		else {
			const current = getCondition(status, 'Progressing');
			const complete = status.replicas === status.updatedReplicas && current?.reason === 'NewReplicaSetAvailable';
			if (!complete && !spec.paused) {
				const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
				if (deploymentComplete(d, status))
					setCondition(status, newCondition('Progressing', 'True', 'NewReplicaSetAvailable', `${subject} has successfully progressed.`, now));
				else if (deploymentProgressing(d, status)) {
					const condition = newCondition('Progressing', 'True', 'ReplicaSetUpdated', `${subject} is progressing.`, now);
					if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
					removeCondition(status, 'Progressing');
					setCondition(status, condition);
				} else if (deploymentTimedOut(d, status, now))
					setCondition(status, newCondition('Progressing', 'False', 'ProgressDeadlineExceeded', `${subject} has timed out progressing.`, now));
			}
		}
		// A ReplicaSet that cannot create or delete pods says so on the deployment too (the new one's first).
		const failing = [...(newRS ? [newRS] : []), ...all.filter(set => set !== newRS)]
			.map(set => (rsStatus(set).conditions as Array<{type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string}> | undefined)?.find(c => c.type === 'ReplicaFailure'))
			.find(condition => condition !== undefined);
		if (failing) {
			const condition = newCondition('ReplicaFailure', failing.status, failing.reason ?? 'FailedCreate', failing.message ?? '', now);
			if (failing.lastTransitionTime) condition.lastTransitionTime = condition.lastUpdateTime = failing.lastTransitionTime;
			setCondition(status, condition);
		} else removeCondition(status, 'ReplicaFailure');
		if (sameStatus(deploymentStatus(d), status)) {
			this.requeueStuck(d, status, now);
			return;
		}
		const written = await this.writeStatus(d, status);
		this.requeueStuck(written, status, now);
	}

	private requeueStuck(d: KubeObject, status: DeploymentStatus, now: number): void {
		const deadline = deploymentSpec(d).progressDeadlineSeconds;
		const condition = getCondition(status, 'Progressing');
		if (deadline === undefined || !condition) return;
		if (deploymentComplete(d, status) || condition.reason === 'NewReplicaSetAvailable' || condition.reason === 'ProgressDeadlineExceeded') return;
		const from = condition.lastUpdateTime ? Date.parse(condition.lastUpdateTime) : now;
		this.queue.addAfter(keyOf(d), Math.max(1000, from + deadline * 1000 - now + 1000));
	}

	/** Deletes the oldest empty ReplicaSets beyond revisionHistoryLimit. */
	private async cleanup(oldRSs: KubeObject[], d: KubeObject): Promise<void> {
		const limit = deploymentSpec(d).revisionHistoryLimit;
		if (limit === undefined) return;
		const cleanable = oldRSs.filter(set => !set.metadata.deletionTimestamp).sort(byRevision);
		const excess = cleanable.length - limit;
		for (let index = 0; index < excess; index++) {
			const set = cleanable[index]!;
			const status = rsStatus(set);
			if ((status.replicas ?? 0) !== 0 || replicasOf(set) !== 0 || (set.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) continue;
			try {
				await this.context.api.delete('replicasets', set.metadata.namespace, set.metadata.name!, {preconditions: {uid: set.metadata.uid}});
			} catch (error) {
				if (!(error instanceof ApiError && error.code === 404)) this.recorder.event(d, 'Warning', 'FailedDelete', messageOf(error));
			}
		}
	}
}

/** Status as the API serializes it: these counts are omitted when zero (omitempty). */
export function withoutZeros<T extends object>(status: T, fields: Array<keyof T>): T {
	const copy = {...status};
	for (const field of fields) if (copy[field] === 0) delete copy[field];
	return copy;
}

function replace(
	newRS: KubeObject | undefined,
	oldRSs: KubeObject[],
	before: KubeObject,
	after: KubeObject,
): {newRS: KubeObject | undefined; oldRSs: KubeObject[]} {
	if (newRS === before) return {newRS: after, oldRSs};
	return {newRS, oldRSs: oldRSs.map(set => (set === before ? after : set))};
}
