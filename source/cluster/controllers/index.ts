import type {ObjectAPI} from '../api/object-api.js';
import type {Clock} from '../clock.js';
import type {Timings} from '../cluster-types.js';
import {Scheduler} from '../scheduler/scheduler.js';
import type {Controller, ControllerContext} from './controller-context.js';
import {DeploymentController} from './deployment.js';
import {DisruptionController} from './disruption.js';
import {EndpointSliceController} from './endpointslice.js';
import {EndpointsController} from './endpoints.js';
import {createEventRecorder, EventTtlController, type EventRecorder} from './events.js';
import {GarbageCollector} from './garbage-collector.js';
import {SharedInformers} from './informer.js';
import {JobController} from './job.js';
import {NamespaceController} from './namespace.js';
import {NodeLifecycleController} from './node-lifecycle.js';
import {PodGarbageCollector} from './pod-gc.js';
import {ReplicaSetController} from './replicaset.js';
import {ServiceAccountController} from './serviceaccount.js';
import {StatefulSetController} from './statefulset.js';

export type ControllersOptions = {
	api: ObjectAPI;
	clock: Clock;
	timings: Timings;
	/** Where events go; one is made when absent. */
	recorder?: EventRecorder;
	/** Told when a sync fails (it is retried with backoff). */
	onError?: ControllerContext['onError'];
	/** Leave some out (by name: 'scheduler', 'deployment', 'replicaset', ...); all run by default. */
	disable?: string[];
};

export type RunningControllers = {
	readonly recorder: EventRecorder;
	readonly informers: SharedInformers;
	stop(): void;
};

/** The names startControllers knows, in the order they start. */
export const controllerNames = [
	'scheduler',
	'replicaset',
	'deployment',
	'statefulset',
	'job',
	'endpoints',
	'endpointslice',
	'disruption',
	'node-lifecycle',
	'garbage-collector',
	'pod-gc',
	'namespace',
	'serviceaccount',
	'event-ttl',
] as const;

/**
 * kube-scheduler and kube-controller-manager in one: every controller over one set of shared caches, writing
 * events through one recorder. The one place controllers are wired.
 */
export function startControllers(options: ControllersOptions): RunningControllers {
	const recorder = options.recorder ?? createEventRecorder({api: options.api, clock: options.clock});
	const informers = new SharedInformers(options.api);
	const context: ControllerContext = {api: options.api, clock: options.clock, timings: options.timings, recorder, informers, onError: options.onError};
	const make: Record<(typeof controllerNames)[number], () => Controller> = {
		scheduler: () => new Scheduler(context),
		replicaset: () => new ReplicaSetController(context),
		deployment: () => new DeploymentController(context),
		statefulset: () => new StatefulSetController(context),
		job: () => new JobController(context),
		endpoints: () => new EndpointsController(context),
		endpointslice: () => new EndpointSliceController(context),
		disruption: () => new DisruptionController(context),
		'node-lifecycle': () => new NodeLifecycleController(context),
		'garbage-collector': () => new GarbageCollector(context),
		'pod-gc': () => new PodGarbageCollector(context),
		namespace: () => new NamespaceController(context),
		serviceaccount: () => new ServiceAccountController(context),
		'event-ttl': () => new EventTtlController({api: options.api, clock: options.clock}),
	};
	const disabled = new Set(options.disable ?? []);
	const running: Controller[] = [];
	for (const name of controllerNames) {
		if (disabled.has(name)) continue;
		const controller = make[name]();
		controller.start();
		running.push(controller);
	}
	let stopped = false;
	return {
		recorder,
		informers,
		stop() {
			if (stopped) return;
			stopped = true;
			for (const controller of running.reverse()) controller.stop();
			informers.stop();
		},
	};
}

export type {ControllerContext, Controller};
export {createEventRecorder, type EventRecorder} from './events.js';
