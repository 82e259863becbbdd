/** StatefulSet defaults: ordered pods, rolling updates from partition 0, claims retained, ten revisions kept. */
import {child, fill, isRecord, records, type Loose} from './fill.js';
import {defaultPodTemplate} from './pod.js';

export function defaultStatefulSet(statefulSet: Loose): void {
	const spec = child(statefulSet, 'spec');
	fill(spec, 'podManagementPolicy', 'OrderedReady');
	const strategy = child(spec, 'updateStrategy');
	if (!strategy.type) {
		strategy.type = 'RollingUpdate';
		if (!isRecord(strategy.rollingUpdate)) strategy.rollingUpdate = {};
	}
	if (strategy.type === 'RollingUpdate' && isRecord(strategy.rollingUpdate)) fill(strategy.rollingUpdate, 'partition', 0);
	const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
	fill(retention, 'whenDeleted', 'Retain');
	fill(retention, 'whenScaled', 'Retain');
	if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
	if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
	if (isRecord(spec.template)) defaultPodTemplate(spec.template);
	for (const claim of records(spec.volumeClaimTemplates)) fill(child(claim, 'spec'), 'volumeMode', 'Filesystem');
}
