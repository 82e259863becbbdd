/** Deployment defaults: one replica, a 25%/25% rolling update, ten old ReplicaSets kept, ten minutes to progress. */
import {child, fill, isRecord, type Loose} from './fill.js';
import {defaultPodTemplate} from './pod.js';

export function defaultDeployment(deployment: Loose): void {
	const spec = child(deployment, 'spec');
	if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
	// kubectl create sends `strategy: {}`: the type and its parameters come from here.
	const strategy = child(spec, 'strategy');
	fill(strategy, 'type', 'RollingUpdate');
	if (strategy.type === 'RollingUpdate') {
		const rolling = child(strategy, 'rollingUpdate');
		fill(rolling, 'maxUnavailable', '25%');
		fill(rolling, 'maxSurge', '25%');
	}
	if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
	if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
	if (isRecord(spec.template)) defaultPodTemplate(spec.template);
}
