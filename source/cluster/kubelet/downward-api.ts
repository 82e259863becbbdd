/** The downward API: pod fields and container resources as env values and volume files, as the kubelet renders them. */
import type {Container, ObjectFieldSelector, Pod, ResourceFieldSelector} from 'kubernetes-types/core/v1.js';
import type {ObjectAPI} from '../api/object-api.js';
import {parseBytes, parseCpuMilli} from '../api/quantity.js';

/** The value of a field path: `metadata.name`, `metadata.labels['app']`, `status.podIP` ... */
export function fieldValue(pod: Pod, ref: ObjectFieldSelector, asFile = false): string {
	const path = ref.fieldPath;
	const labels = /^metadata\.labels\['(.+)'\]$/.exec(path);
	if (labels) return pod.metadata?.labels?.[labels[1]!] ?? '';
	const annotations = /^metadata\.annotations\['(.+)'\]$/.exec(path);
	if (annotations) return pod.metadata?.annotations?.[annotations[1]!] ?? '';
	switch (path) {
		case 'metadata.name':
			return pod.metadata?.name ?? '';
		case 'metadata.namespace':
			return pod.metadata?.namespace ?? '';
		case 'metadata.uid':
			return pod.metadata?.uid ?? '';
		// Whole maps only in volume files: one key="value" line each, sorted.
		case 'metadata.labels':
			return asFile ? formatMap(pod.metadata?.labels) : '';
		case 'metadata.annotations':
			return asFile ? formatMap(pod.metadata?.annotations) : '';
		case 'spec.nodeName':
			return pod.spec?.nodeName ?? '';
		case 'spec.serviceAccountName':
			return pod.spec?.serviceAccountName ?? '';
		case 'status.podIP':
			return pod.status?.podIP ?? '';
		case 'status.podIPs':
			return (pod.status?.podIPs ?? []).map(entry => entry.ip).join(',') || (pod.status?.podIP ?? '');
		case 'status.hostIP':
			return pod.status?.hostIP ?? '';
		case 'status.hostIPs':
			return (pod.status?.hostIPs ?? []).map(entry => entry.ip).join(',') || (pod.status?.hostIP ?? '');
		default:
			return '';
	}
}

function formatMap(map: Record<string, string> | undefined): string {
	return Object.keys(map ?? {})
		.sort()
		.map(key => `${key}=${JSON.stringify(map![key])}`)
		.join('\n');
}

/**
 * A container's request or limit in units of the divisor, rounded up. A limit left unset reads as the node's
 * allocatable amount, as the kubelet fills it in.
 */
export function resourceValue(api: ObjectAPI, pod: Pod, container: Container | undefined, ref: ResourceFieldSelector): string {
	const named = ref.containerName ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(c => c.name === ref.containerName) : container;
	const [kind, resource] = ref.resource.split('.') as ['limits' | 'requests', string];
	const cpu = resource === 'cpu';
	const parse = (quantity: string | number) => (cpu ? parseCpuMilli(quantity) : parseBytes(quantity));
	let amount = named?.resources?.[kind]?.[resource];
	if ((amount === undefined || amount === null) && kind === 'limits' && pod.spec?.nodeName) {
		const node = api.tryGet('nodes', undefined, pod.spec.nodeName);
		amount = (node?.['status'] as {allocatable?: Record<string, string>} | undefined)?.allocatable?.[resource];
	}
	const divisor = ref.divisor === undefined || ref.divisor === null ? (cpu ? 1000 : 1) : parse(ref.divisor) || 1;
	const value = amount === undefined || amount === null ? 0 : parse(amount);
	return String(Math.ceil(value / divisor));
}
