import type {KubeObject} from '../../source/cluster/api/object.js';

/** Builders for the objects dashboard tests put in the fake client. Times are fixed so frames are stable. */
export const created = '2024-01-01T00:00:00Z';

export function namespaceObject(name: string): KubeObject {
	return {apiVersion: 'v1', kind: 'Namespace', metadata: {name, creationTimestamp: created as never}, status: {phase: 'Active'}};
}

export type PodOptions = {
	namespace?: string;
	node?: string;
	phase?: string;
	ready?: boolean;
	restarts?: number;
	labels?: Record<string, string>;
	ip?: string;
	waiting?: string;
	terminating?: boolean;
	containers?: string[];
	owner?: {kind: string; name: string; uid?: string};
	createdAt?: string;
};

export function podObject(name: string, options: PodOptions = {}): KubeObject {
	const containers = options.containers ?? ['app'];
	const phase = options.phase ?? 'Running';
	const ready = options.ready ?? phase === 'Running';
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name,
			namespace: options.namespace ?? 'default',
			labels: options.labels ?? {app: name.replace(/-[a-z\d]+-[a-z\d]{5}$/, '')},
			creationTimestamp: (options.createdAt ?? created) as never,
			...(options.terminating ? {deletionTimestamp: created as never} : {}),
			...(options.owner ? {ownerReferences: [{apiVersion: 'apps/v1', kind: options.owner.kind, name: options.owner.name, uid: options.owner.uid ?? 'owner-uid', controller: true}]} : {}),
		},
		spec: {nodeName: options.node ?? 'node-1', containers: containers.map(container => ({name: container, image: `example/${container}:v1`}))},
		status: {
			phase,
			podIP: options.ip ?? '10.244.0.10',
			hostIP: '192.168.0.2',
			startTime: created,
			conditions: [{type: 'Ready', status: ready ? 'True' : 'False'}],
			containerStatuses: containers.map(container => ({
				name: container,
				ready,
				restartCount: options.restarts ?? 0,
				image: `example/${container}:v1`,
				imageID: '',
				state: options.waiting ? {waiting: {reason: options.waiting}} : (phase === 'Running' ? {running: {startedAt: created}} : {waiting: {reason: 'ContainerCreating'}}),
			})),
		},
	};
}

export function deploymentObject(name: string, options: {namespace?: string; replicas?: number; ready?: number; image?: string; labels?: Record<string, string>; uid?: string; revision?: number} = {}): KubeObject {
	const replicas = options.replicas ?? 1;
	const ready = options.ready ?? replicas;
	const labels = {app: name};
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {
			name,
			namespace: options.namespace ?? 'default',
			labels: options.labels ?? labels,
			uid: options.uid ?? `uid-deploy-${name}`,
			creationTimestamp: created as never,
			annotations: {'deployment.kubernetes.io/revision': String(options.revision ?? 1)},
		},
		spec: {
			replicas,
			selector: {matchLabels: labels},
			template: {metadata: {labels}, spec: {containers: [{name, image: options.image ?? `example/${name}:v1`}]}},
		},
		status: {replicas, readyReplicas: ready, updatedReplicas: replicas, availableReplicas: ready, observedGeneration: 1},
	};
}

export function replicaSetObject(name: string, deployment: KubeObject, options: {revision: number; image: string; replicas?: number}): KubeObject {
	const labels = {app: deployment.metadata.name ?? '', 'pod-template-hash': name.split('-').at(-1) ?? ''};
	return {
		apiVersion: 'apps/v1',
		kind: 'ReplicaSet',
		metadata: {
			name,
			namespace: deployment.metadata.namespace,
			labels,
			creationTimestamp: created as never,
			annotations: {'deployment.kubernetes.io/revision': String(options.revision)},
			ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name ?? '', uid: deployment.metadata.uid ?? '', controller: true}],
		},
		spec: {
			replicas: options.replicas ?? 0,
			selector: {matchLabels: labels},
			template: {metadata: {labels}, spec: {containers: [{name: deployment.metadata.name ?? '', image: options.image}]}},
		},
		status: {replicas: options.replicas ?? 0, readyReplicas: options.replicas ?? 0},
	};
}

export function nodeObject(name: string, options: {ready?: boolean; unschedulable?: boolean; roles?: string[]} = {}): KubeObject {
	const labels: Record<string, string> = {'kubernetes.io/hostname': name};
	for (const role of options.roles ?? []) labels[`node-role.kubernetes.io/${role}`] = '';
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {name, labels, creationTimestamp: created as never},
		spec: options.unschedulable ? {unschedulable: true} : {},
		status: {
			conditions: [{type: 'Ready', status: options.ready === false ? 'False' : 'True'}],
			allocatable: {cpu: '4', memory: '8Gi', pods: '110'},
			capacity: {cpu: '4', memory: '8Gi', pods: '110'},
			nodeInfo: {kubeletVersion: 'v1.32.4', kernelVersion: '6.1', osImage: 'kubedeck', operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'kubedeck://1', bootID: '', machineID: '', systemUUID: '', kubeProxyVersion: ''},
			addresses: [{type: 'InternalIP', address: '192.168.0.2'}],
		},
	};
}

export function serviceObject(name: string, options: {namespace?: string; selector?: Record<string, string>; type?: string; port?: number; nodePort?: number} = {}): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name, namespace: options.namespace ?? 'default', creationTimestamp: created as never},
		spec: {
			type: options.type ?? 'ClusterIP',
			clusterIP: '10.96.0.10',
			selector: options.selector,
			ports: [{port: options.port ?? 80, protocol: 'TCP', targetPort: options.port ?? 80, ...(options.nodePort ? {nodePort: options.nodePort} : {})}],
		},
	};
}

export function eventObject(name: string, involved: KubeObject, options: {reason: string; message: string; type?: string}): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Event',
		metadata: {name, namespace: involved.metadata.namespace ?? 'default', creationTimestamp: created as never},
		involvedObject: {kind: involved.kind, name: involved.metadata.name, namespace: involved.metadata.namespace, uid: involved.metadata.uid},
		reason: options.reason,
		message: options.message,
		type: options.type ?? 'Normal',
		count: 1,
		firstTimestamp: created,
		lastTimestamp: created,
		source: {component: 'kubelet'},
	};
}

/** The tutorial's deployment with `count` running pods on two nodes. */
export function bootcampObjects(count = 1): KubeObject[] {
	const deployment = deploymentObject('kubernetes-bootcamp', {replicas: count, image: 'gcr.io/google-samples/kubernetes-bootcamp:v1'});
	const replicaSet = replicaSetObject('kubernetes-bootcamp-fb5c67579', deployment, {revision: 1, image: 'gcr.io/google-samples/kubernetes-bootcamp:v1', replicas: count});
	const pods = Array.from({length: count}, (_, index) => podObject(`kubernetes-bootcamp-fb5c67579-${String(index).padStart(5, 'a')}`, {
		labels: {app: 'kubernetes-bootcamp', 'pod-template-hash': 'fb5c67579'},
		node: index % 2 === 0 ? 'node-1' : 'node-2',
		ip: `10.244.0.${10 + index}`,
		containers: ['kubernetes-bootcamp'],
		owner: {kind: 'ReplicaSet', name: 'kubernetes-bootcamp-fb5c67579', uid: replicaSet.metadata.uid},
	}));
	return [
		namespaceObject('default'),
		namespaceObject('kube-system'),
		nodeObject('node-1', {roles: ['control-plane']}),
		nodeObject('node-2'),
		deployment,
		replicaSet,
		...pods,
		serviceObject('kubernetes', {port: 443}),
	];
}
