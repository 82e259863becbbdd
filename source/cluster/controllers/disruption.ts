import type {KubeObject} from '../api/object.js';
import {timestamp} from '../clock.js';
import type {ControllerContext} from './controller-context.js';
import {namespaceOf, type Informer} from './informer.js';
import {controllerOf} from './owners.js';
import {isPodReady, podPhase} from './pods.js';
import {QueueController} from './queue-controller.js';
import {compileSelector, type LabelSelector} from './selector.js';

type BudgetSpec = {selector?: LabelSelector; minAvailable?: number | string; maxUnavailable?: number | string};
type BudgetStatus = {
	observedGeneration?: number;
	disruptedPods?: Record<string, string>;
	disruptionsAllowed?: number;
	currentHealthy?: number;
	desiredHealthy?: number;
	expectedPods?: number;
	conditions?: Array<{type: string; status: string; reason: string; message: string; observedGeneration?: number; lastTransitionTime?: string}>;
};

/** An evicted pod not yet gone after this long is counted again (the controller's DeletionTimeout). */
const disruptedTimeoutMs = 2 * 60 * 1000;

function percentOf(value: number | string, total: number, roundUp: boolean): number {
	if (typeof value === 'number') return value;
	const match = /^(\d+)%$/.exec(value.trim());
	if (!match) return Number.parseInt(value, 10) || 0;
	const exact = (Number(match[1]) * total) / 100;
	return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * kube-controller-manager's disruption controller: keeps each PodDisruptionBudget's status (healthy, desired and
 * expected pods, disruptions allowed) so evictions and `kubectl get pdb` see what the budget permits.
 */
export class DisruptionController extends QueueController {
	private budgets!: Informer;
	private pods!: Informer;
	private sets!: Informer;
	private deployments!: Informer;
	private statefulSets!: Informer;

	constructor(context: ControllerContext) {
		super(context, 'disruption', 2);
	}

	start(): void {
		this.budgets = this.informers.for('poddisruptionbudgets');
		this.pods = this.informers.for('pods');
		this.sets = this.informers.for('replicasets');
		this.deployments = this.informers.for('deployments');
		this.statefulSets = this.informers.for('statefulsets');
		this.budgets.addIndex('namespace', namespaceOf);
		this.pods.addIndex('namespace', namespaceOf);
		for (const informer of [this.sets, this.statefulSets]) informer.addIndex('uid', object => [object.metadata.uid ?? '']);
		this.deployments.addIndex('uid', object => [object.metadata.uid ?? '']);
		const podChanged = (pod: KubeObject) => {
			for (const budget of this.budgets.byIndex('namespace', pod.metadata.namespace ?? ''))
				if (compileSelector((budget['spec'] as BudgetSpec | undefined)?.selector)(pod.metadata.labels)) this.enqueue(budget);
		};
		const scaleChanged = (object: KubeObject) => {
			for (const budget of this.budgets.byIndex('namespace', object.metadata.namespace ?? '')) this.enqueue(budget);
		};
		this.subscribe(
			this.budgets.on(this.queueOnChange()),
			this.pods.on({added: podChanged, updated: (previous, pod) => (podChanged(previous), podChanged(pod)), deleted: podChanged}),
			this.deployments.on({updated: (_, object) => scaleChanged(object)}),
			this.statefulSets.on({updated: (_, object) => scaleChanged(object)}),
		);
		for (const informer of [this.budgets, this.pods, this.sets, this.deployments, this.statefulSets]) informer.start();
	}

	/** The replicas the pods' controllers want, each controller once (a Deployment's, over its ReplicaSets). */
	private expectedScale(pods: KubeObject[]): number {
		const counted = new Set<string>();
		let total = 0;
		for (const pod of pods) {
			const owner = controllerOf(pod);
			if (!owner) continue;
			let scaleOwner: KubeObject | undefined;
			if (owner.kind === 'ReplicaSet') {
				const set = this.sets.byIndex('uid', owner.uid)[0];
				const setOwner = set && controllerOf(set);
				scaleOwner = setOwner?.kind === 'Deployment' ? this.deployments.byIndex('uid', setOwner.uid)[0] : set;
			} else if (owner.kind === 'StatefulSet') scaleOwner = this.statefulSets.byIndex('uid', owner.uid)[0];
			if (!scaleOwner || counted.has(scaleOwner.metadata.uid!)) continue;
			counted.add(scaleOwner.metadata.uid!);
			total += (scaleOwner['spec'] as {replicas?: number}).replicas ?? 1;
		}
		return total;
	}

	protected async sync(key: string): Promise<void> {
		const budget = this.budgets.getByKey(key);
		if (!budget || budget.metadata.deletionTimestamp) return;
		const spec = (budget['spec'] as BudgetSpec | undefined) ?? {};
		const status = (budget['status'] as BudgetStatus | undefined) ?? {};
		const now = this.context.clock.now();
		const selector = compileSelector(spec.selector);
		const pods = this.pods
			.byIndex('namespace', budget.metadata.namespace ?? '')
			.filter(pod => selector(pod.metadata.labels) && podPhase(pod) !== 'Succeeded' && podPhase(pod) !== 'Failed');
		// Evicted pods count as gone until they are, or until the eviction is too old to trust.
		const disrupted: Record<string, string> = {};
		let nextCheck = Number.POSITIVE_INFINITY;
		for (const [name, at] of Object.entries(status.disruptedPods ?? {})) {
			const pod = pods.find(candidate => candidate.metadata.name === name);
			const expires = Date.parse(at) + disruptedTimeoutMs;
			if (!pod || pod.metadata.deletionTimestamp || expires <= now) continue;
			disrupted[name] = at;
			nextCheck = Math.min(nextCheck, expires - now);
		}
		const healthy = pods.filter(pod => !pod.metadata.deletionTimestamp && isPodReady(pod) && !disrupted[pod.metadata.name!]).length;
		let expected: number;
		let desired: number;
		if (spec.maxUnavailable !== undefined) {
			expected = this.expectedScale(pods) || pods.length;
			desired = Math.max(0, expected - percentOf(spec.maxUnavailable, expected, true));
		} else if (typeof spec.minAvailable === 'string' && spec.minAvailable.endsWith('%')) {
			expected = this.expectedScale(pods) || pods.length;
			desired = percentOf(spec.minAvailable, expected, true);
		} else {
			expected = pods.length;
			desired = percentOf(spec.minAvailable ?? 1, expected, true);
		}
		const allowed = Math.max(0, healthy - desired);
		const sufficient = allowed > 0;
		const previous = status.conditions?.find(condition => condition.type === 'DisruptionAllowed');
		const conditionStatus = sufficient ? 'True' : 'False';
		const condition = {
			type: 'DisruptionAllowed',
			status: conditionStatus,
			reason: sufficient ? 'SufficientPods' : 'InsufficientPods',
			message: '',
			observedGeneration: budget.metadata.generation,
			lastTransitionTime: previous?.status === conditionStatus ? previous.lastTransitionTime : timestamp(now),
		};
		const next: BudgetStatus = {
			observedGeneration: budget.metadata.generation,
			disruptedPods: disrupted,
			disruptionsAllowed: allowed,
			currentHealthy: healthy,
			desiredHealthy: desired,
			expectedPods: expected,
			conditions: [condition],
		};
		if (Number.isFinite(nextCheck)) this.queue.addAfter(key, nextCheck + 1);
		const unchanged = (Object.keys(next) as Array<keyof BudgetStatus>).every(
			field => JSON.stringify(next[field]) === JSON.stringify(status[field] ?? (field === 'disruptedPods' ? {} : undefined)),
		);
		if (unchanged) return;
		await this.context.api.modify(
			'poddisruptionbudgets',
			budget.metadata.namespace,
			budget.metadata.name!,
			current => {
				if (current.metadata.uid !== budget.metadata.uid) return undefined;
				// An eviction was granted meanwhile: look again from the newer status instead of overwriting it.
				const seen = JSON.stringify(status.disruptedPods ?? {});
				if (JSON.stringify((current['status'] as BudgetStatus | undefined)?.disruptedPods ?? {}) !== seen) {
					this.queue.add(key);
					return undefined;
				}
				current['status'] = next;
				return current;
			},
			{status: true},
		);
	}
}
