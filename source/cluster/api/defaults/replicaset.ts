/** ReplicaSet defaults: one replica and a defaulted template. */
import {child, isRecord, type Loose} from './fill.js';
import {defaultPodTemplate} from './pod.js';

export function defaultReplicaSet(replicaSet: Loose): void {
	const spec = child(replicaSet, 'spec');
	if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
	if (isRecord(spec.template)) defaultPodTemplate(spec.template);
}
