import type {Deployment, ReplicaSet, StatefulSet} from 'kubernetes-types/apps/v1.js';
import type {Job} from 'kubernetes-types/batch/v1.js';
import type {KubeObject} from '../../cluster/api/object.js';
import {formatRequirements, requirementsOf} from '../state/label-selector.js';
import {describeTime, describedAnnotations} from './format.js';
import {describeTemplate} from './template.js';
import {DescribeWriter} from './tabwriter.js';

function header(writer: DescribeWriter, object: KubeObject): void {
	writer.field(0, 'Name', object.metadata.name);
	writer.field(0, 'Namespace', object.metadata.namespace);
	writer.field(0, 'CreationTimestamp', describeTime(object.metadata.creationTimestamp as unknown as string | undefined));
	writer.map(0, 'Labels', object.metadata.labels);
	writer.map(0, 'Annotations', describedAnnotations(object.metadata.annotations), ': ');
}

function replicaSetRef(replicaSet: ReplicaSet): string {
	return `${replicaSet.metadata?.name ?? ''} (${replicaSet.status?.replicas ?? 0}/${replicaSet.spec?.replicas ?? 0} replicas created)`;
}

/** `kubectl describe deployment`: replicas, strategy, template, conditions, old and new ReplicaSets. */
export function describeDeployment(deployment: Deployment, replicaSets: readonly KubeObject[]): string[] {
	const writer = new DescribeWriter();
	header(writer, deployment as unknown as KubeObject);
	const spec = deployment.spec;
	const status = deployment.status;
	writer.field(0, 'Selector', formatRequirements(requirementsOf(spec?.selector)));
	const unavailable = status?.unavailableReplicas ?? 0;
	writer.field(0, 'Replicas', `${spec?.replicas ?? 1} desired | ${status?.updatedReplicas ?? 0} updated | ${status?.replicas ?? 0} total | ${status?.availableReplicas ?? 0} available | ${unavailable} unavailable`);
	const strategy = spec?.strategy?.type ?? 'RollingUpdate';
	writer.field(0, 'StrategyType', strategy);
	writer.field(0, 'MinReadySeconds', spec?.minReadySeconds ?? 0);
	if (strategy === 'RollingUpdate') {
		const rolling = spec?.strategy?.rollingUpdate;
		writer.field(0, 'RollingUpdateStrategy', `${rolling?.maxUnavailable ?? '25%'} max unavailable, ${rolling?.maxSurge ?? '25%'} max surge`);
	}

	describeTemplate(writer, spec?.template);
	const conditions = status?.conditions ?? [];
	if (conditions.length > 0) {
		writer.write(0, 'Conditions:');
		writer.write(1, 'Type', 'Status', 'Reason');
		writer.write(1, '----', '------', '------');
		for (const condition of conditions) writer.write(1, condition.type, condition.status, condition.reason ?? '');
	}

	const uid = deployment.metadata?.uid;
	const owned = (replicaSets as unknown as ReplicaSet[]).filter(replicaSet => replicaSet.metadata?.ownerReferences?.some(owner => owner.uid === uid));
	const revision = deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'];
	const newest = owned.find(replicaSet => replicaSet.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision);
	const old = owned.filter(replicaSet => replicaSet !== newest && (replicaSet.spec?.replicas ?? 0) > 0);
	writer.field(0, 'OldReplicaSets', old.length > 0 ? old.map(replicaSetRef).join(', ') : '<none>');
	writer.field(0, 'NewReplicaSet', newest ? replicaSetRef(newest) : '<none>');
	return writer.toLines();
}

/** `kubectl describe replicaset` / statefulset: selector, replicas, pods status, template. */
export function describeReplicaSet(object: ReplicaSet | StatefulSet): string[] {
	const writer = new DescribeWriter();
	const metadata = object.metadata ?? {};
	writer.field(0, 'Name', metadata.name);
	writer.field(0, 'Namespace', metadata.namespace);
	writer.field(0, 'Selector', formatRequirements(requirementsOf(object.spec?.selector)));
	writer.map(0, 'Labels', metadata.labels);
	writer.map(0, 'Annotations', describedAnnotations(metadata.annotations), ': ');
	const controller = metadata.ownerReferences?.find(owner => owner.controller);
	if (controller) writer.field(0, 'Controlled By', `${controller.kind}/${controller.name}`);
	writer.field(0, 'Replicas', `${object.status?.replicas ?? 0} current / ${object.spec?.replicas ?? 1} desired`);
	writer.field(0, 'Pods Status', `${object.status?.readyReplicas ?? 0} Running / 0 Waiting / 0 Succeeded / 0 Failed`);
	describeTemplate(writer, object.spec?.template);
	return writer.toLines();
}

/** `kubectl describe job`: parallelism, completions, times, pod statuses, template. */
export function describeJob(job: Job): string[] {
	const writer = new DescribeWriter();
	header(writer, job as unknown as KubeObject);
	writer.field(0, 'Parallelism', job.spec?.parallelism ?? 1);
	writer.field(0, 'Completions', job.spec?.completions ?? 1);
	writer.field(0, 'Start Time', job.status?.startTime ? describeTime(job.status.startTime as string) : undefined);
	if (job.status?.completionTime) writer.field(0, 'Completed At', describeTime(job.status.completionTime as string));
	writer.field(0, 'Pods Statuses', `${job.status?.active ?? 0} Active / ${job.status?.succeeded ?? 0} Succeeded / ${job.status?.failed ?? 0} Failed`);
	describeTemplate(writer, job.spec?.template);
	return writer.toLines();
}
