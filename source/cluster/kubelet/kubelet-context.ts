import type {Pod} from 'kubernetes-types/core/v1.js';
import type {ObjectAPI} from '../api/object-api.js';
import type {Clock} from '../clock.js';
import type {Timings} from '../cluster-types.js';
import type {ContainerEngine} from './engine.js';
import type {PodWorker} from './pod-worker.js';

/** What a pod worker gets from the kubelet of its node. */
export type KubeletContext = {
	api: ObjectAPI;
	clock: Clock;
	timings: Timings;
	engine: ContainerEngine;
	nodeName: string;
	hostIP: string;
	/** Records an event about the pod from this node's kubelet. */
	event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void;
	imagePresent(image: string): boolean;
	rememberImage(image: string): void;
	/** The worker finished: its pod object is gone. */
	forget(worker: PodWorker): void;
};

/** Writes an Event; provided by the cluster's event recorder. */
export type EventSink = (
	object: {kind: string; apiVersion: string; metadata: {name?: string; namespace?: string; uid?: string; resourceVersion?: string}},
	type: 'Normal' | 'Warning',
	reason: string,
	message: string,
	source: {component: string; host?: string},
) => void;
