import type {KubeObject} from '../api/object.js';
import {isPodReady, nodeNameOf, podPhase, podStatus} from './pods.js';

export type ServicePort = {name?: string; port: number; targetPort?: number | string; protocol?: string; appProtocol?: string};
export type ServiceSpec = {selector?: Record<string, string>; ports?: ServicePort[]; clusterIP?: string; publishNotReadyAddresses?: boolean; type?: string};
export type EndpointPort = {name?: string; port: number; protocol: string; appProtocol?: string};

/** One pod behind a service, with the ports its named or numbered targets resolve to on it. */
export type Backend = {
	pod: KubeObject;
	ip: string;
	nodeName: string | undefined;
	ready: boolean;
	serving: boolean;
	terminating: boolean;
	hostname: string | undefined;
	ports: EndpointPort[];
};

export function serviceSpec(service: KubeObject): ServiceSpec {
	return (service['spec'] as ServiceSpec | undefined) ?? {};
}

/** Whether the service's selector (a plain map) selects these labels; services without one select nothing. */
export function serviceSelects(service: KubeObject, labels: Record<string, string> | undefined): boolean {
	const selector = serviceSpec(service).selector;
	if (!selector || Object.keys(selector).length === 0) return false;
	const have = labels ?? {};
	for (const [key, value] of Object.entries(selector)) if (have[key] !== value) return false;
	return true;
}

type ContainerPort = {name?: string; containerPort: number; protocol?: string};

/** A service port's target on a pod: a number, or a container port found by name (undefined when none). */
export function resolveTargetPort(port: ServicePort, pod: KubeObject): number | undefined {
	const target = port.targetPort ?? port.port;
	if (typeof target === 'number') return target;
	if (/^\d+$/.test(target)) return Number(target);
	const containers = (pod['spec'] as {containers?: Array<{ports?: ContainerPort[]}>} | undefined)?.containers ?? [];
	for (const container of containers)
		for (const containerPort of container.ports ?? [])
			if (containerPort.name === target && (containerPort.protocol ?? 'TCP') === (port.protocol ?? 'TCP')) return containerPort.containerPort;
	return undefined;
}

/**
 * The pods a service sends to, as the endpoint controllers see them: with an IP, not finished; terminating pods
 * included (the Endpoints controller leaves them out, EndpointSlices mark them).
 */
export function serviceBackends(service: KubeObject, pods: Iterable<KubeObject>): Backend[] {
	const spec = serviceSpec(service);
	const backends: Backend[] = [];
	for (const pod of pods) {
		if (!serviceSelects(service, pod.metadata.labels)) continue;
		const ip = podStatus(pod).podIP;
		if (!ip) continue;
		const phase = podPhase(pod);
		if (phase === 'Succeeded' || phase === 'Failed') continue;
		const ports: EndpointPort[] = [];
		for (const port of spec.ports ?? []) {
			const resolved = resolveTargetPort(port, pod);
			if (resolved === undefined) continue;
			const endpointPort: EndpointPort = {name: port.name ?? '', port: resolved, protocol: port.protocol ?? 'TCP'};
			if (port.appProtocol) endpointPort.appProtocol = port.appProtocol;
			ports.push(endpointPort);
		}
		if ((spec.ports ?? []).length > 0 && ports.length === 0) continue;
		const terminating = Boolean(pod.metadata.deletionTimestamp);
		const podReady = isPodReady(pod);
		const podSpec = pod['spec'] as {hostname?: string; subdomain?: string} | undefined;
		backends.push({
			pod,
			ip,
			nodeName: nodeNameOf(pod),
			ready: (podReady || Boolean(spec.publishNotReadyAddresses)) && !terminating,
			serving: podReady || Boolean(spec.publishNotReadyAddresses),
			terminating,
			hostname: podSpec?.hostname && podSpec.subdomain === service.metadata.name ? podSpec.hostname : undefined,
			ports,
		});
	}
	return backends.sort((a, b) => compareIp(a.ip, b.ip) || (a.pod.metadata.name! < b.pod.metadata.name! ? -1 : 1));
}

function compareIp(a: string, b: string): number {
	const left = a.split('.').map(Number);
	const right = b.split('.').map(Number);
	for (let index = 0; index < Math.max(left.length, right.length); index++) {
		const difference = (left[index] ?? 0) - (right[index] ?? 0);
		if (difference !== 0) return difference;
	}
	return a < b ? -1 : a > b ? 1 : 0;
}

export function targetRef(pod: KubeObject): {kind: string; namespace?: string; name?: string; uid?: string} {
	return {kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid};
}
