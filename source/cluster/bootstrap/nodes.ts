import type {KubeObject} from '../api/object.js';

/** Names of a new cluster's nodes: one control plane, then workers. Short, so they fit in a table column. */
export function nodeNames(count: number): string[] {
	const names = ['control-plane'];
	for (let index = 1; index < count; index++) names.push(`worker-${index}`);
	return names;
}

export const powerAnnotation = 'kubedeck.io/power';
export const kubeletVersion = 'v1.32.4';

/** A simulated node as a kubelet would register it: a mid-sized VM with 4 CPUs and 8 GiB. */
export function nodeObject(name: string, index: number, options: {controlPlane: boolean; tainted: boolean; maxPods: number}): KubeObject {
	const labels: Record<string, string> = {
		'beta.kubernetes.io/arch': 'amd64',
		'beta.kubernetes.io/os': 'linux',
		'kubernetes.io/arch': 'amd64',
		'kubernetes.io/hostname': name,
		'kubernetes.io/os': 'linux',
	};
	if (options.controlPlane) {
		labels['node-role.kubernetes.io/control-plane'] = '';
		labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
	}
	const podCIDR = `10.244.${index}.0/24`;
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {
			name,
			labels,
			annotations: {
				[powerAnnotation]: 'on',
				'node.alpha.kubernetes.io/ttl': '0',
				'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
			},
		},
		spec: {
			podCIDR,
			podCIDRs: [podCIDR],
			providerID: `kubedeck://${name}`,
			...(options.tainted ? {taints: [{key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'}]} : {}),
		},
		status: {
			capacity: {cpu: '4', memory: '8148204Ki', pods: String(options.maxPods), 'ephemeral-storage': '102626232Ki', 'hugepages-2Mi': '0'},
			allocatable: {cpu: '4', memory: '8045804Ki', pods: String(options.maxPods), 'ephemeral-storage': '94580335255', 'hugepages-2Mi': '0'},
			addresses: [
				{type: 'InternalIP', address: `172.18.0.${index + 2}`},
				{type: 'Hostname', address: name},
			],
			daemonEndpoints: {kubeletEndpoint: {Port: 10250}},
			nodeInfo: {
				architecture: 'amd64',
				bootID: cryptoId(name, 'boot'),
				containerRuntimeVersion: 'kubedeck://0.1.0',
				kernelVersion: '6.1.0-kubedeck',
				kubeProxyVersion: kubeletVersion,
				kubeletVersion,
				machineID: cryptoId(name, 'machine').replaceAll('-', ''),
				operatingSystem: 'linux',
				osImage: 'kubedeck simulated node (Debian GNU/Linux 12)',
				systemUUID: cryptoId(name, 'system'),
			},
			conditions: [],
		},
	};
}

/** A stable id per node name, so a node keeps its ids across restarts. */
function cryptoId(name: string, salt: string): string {
	let hash = 0x811c9dc5;
	const hex: string[] = [];
	for (let round = 0; round < 4; round++) {
		for (const char of `${salt}/${name}/${round}`) {
			hash ^= char.charCodeAt(0);
			hash = Math.imul(hash, 0x01000193) >>> 0;
		}
		hex.push(hash.toString(16).padStart(8, '0'));
	}
	const all = hex.join('');
	return `${all.slice(0, 8)}-${all.slice(8, 12)}-${all.slice(12, 16)}-${all.slice(16, 20)}-${all.slice(20, 32)}`;
}
