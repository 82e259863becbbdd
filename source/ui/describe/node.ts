import type {Node, Pod} from 'kubernetes-types/core/v1.js';
import type {KubeObject} from '../../cluster/api/object.js';
import {age} from '../render/age.js';
import {describeTime, describedAnnotations} from './format.js';
import {DescribeWriter} from './tabwriter.js';

/** `kubectl describe node`: roles, taints, conditions, addresses, capacity, system info and its pods. */
export function describeNode(node: Node, pods: readonly KubeObject[], now: number): string[] {
	const writer = new DescribeWriter();
	const metadata = node.metadata ?? {};
	const roles = Object.keys(metadata.labels ?? {}).filter(label => label.startsWith('node-role.kubernetes.io/')).map(label => label.slice(24));
	writer.field(0, 'Name', metadata.name);
	writer.field(0, 'Roles', roles.length > 0 ? roles.join(',') : '<none>');
	writer.map(0, 'Labels', metadata.labels);
	writer.map(0, 'Annotations', describedAnnotations(metadata.annotations), ': ');
	writer.field(0, 'CreationTimestamp', describeTime(metadata.creationTimestamp as string | undefined));
	const taints = (node.spec?.taints ?? []).map(taint => `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`);
	writer.field(0, 'Taints', taints.length > 0 ? taints.join('\n') : '<none>');
	writer.field(0, 'Unschedulable', node.spec?.unschedulable ? 'true' : 'false');
	const conditions = node.status?.conditions ?? [];
	writer.write(0, 'Conditions:');
	writer.write(1, 'Type', 'Status', 'LastHeartbeatTime', 'Reason', 'Message');
	writer.write(1, '----', '------', '-----------------', '------', '-------');
	for (const condition of conditions) {
		writer.write(1, condition.type, condition.status, describeTime(condition.lastHeartbeatTime as string | undefined), condition.reason ?? '', condition.message ?? '');
	}

	writer.write(0, 'Addresses:');
	for (const address of node.status?.addresses ?? []) writer.write(1, `${address.type}:`, address.address);
	writer.map(0, 'Capacity', node.status?.capacity as Record<string, string> | undefined, ':  ');
	writer.map(0, 'Allocatable', node.status?.allocatable as Record<string, string> | undefined, ':  ');
	const info = node.status?.nodeInfo;
	writer.write(0, 'System Info:');
	writer.write(1, 'Kernel Version:', info?.kernelVersion ?? '');
	writer.write(1, 'OS Image:', info?.osImage ?? '');
	writer.write(1, 'Operating System:', info?.operatingSystem ?? '');
	writer.write(1, 'Architecture:', info?.architecture ?? '');
	writer.write(1, 'Container Runtime Version:', info?.containerRuntimeVersion ?? '');
	writer.write(1, 'Kubelet Version:', info?.kubeletVersion ?? '');
	writer.field(0, 'PodCIDR', node.spec?.podCIDR ?? '');
	const running = (pods as unknown as Pod[]).filter(pod => pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed');
	writer.write(0, `Non-terminated Pods:`, `(${running.length} in total)`);
	writer.write(1, 'Namespace', 'Name', 'Age');
	writer.write(1, '---------', '----', '---');
	for (const pod of running) writer.write(1, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', age(pod.metadata?.creationTimestamp as string | undefined, now));
	return writer.toLines();
}
