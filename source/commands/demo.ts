import type {ObjectAPI} from '../cluster/api/object-api.js';
import type {KubeObject} from '../cluster/api/object.js';

const bootcamp = 'gcr.io/google-samples/kubernetes-bootcamp:v1';

function deployment(name: string, image: string, replicas: number, container = name): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, labels: {app: name}},
		spec: {
			replicas,
			selector: {matchLabels: {app: name}},
			template: {metadata: {labels: {app: name}}, spec: {containers: [{name: container, image}]}},
		},
	};
}

/** The story `--demo` tells on an empty cluster: the basics tutorial's app and a few neighbours that show each state. */
export function demoObjects(): Array<{resource: string; object: KubeObject}> {
	return [
		{resource: 'deployments', object: deployment('kubernetes-bootcamp', bootcamp, 1)},
		{
			resource: 'services',
			object: {
				apiVersion: 'v1',
				kind: 'Service',
				metadata: {name: 'kubernetes-bootcamp', labels: {app: 'kubernetes-bootcamp'}},
				spec: {type: 'NodePort', selector: {app: 'kubernetes-bootcamp'}, ports: [{port: 8080, targetPort: 8080, protocol: 'TCP'}]},
			},
		},
		{resource: 'deployments', object: deployment('nginx', 'nginx:1.27', 3)},
		{
			resource: 'jobs',
			object: {
				apiVersion: 'batch/v1',
				kind: 'Job',
				metadata: {name: 'hello-job'},
				spec: {template: {spec: {restartPolicy: 'Never', containers: [{name: 'hello', image: 'busybox', command: ['sh', '-c', 'echo Hello from the job; sleep 2; echo done']}]}}},
			},
		},
		{
			resource: 'pods',
			object: {
				apiVersion: 'v1',
				kind: 'Pod',
				metadata: {name: 'crasher', labels: {app: 'crasher'}},
				spec: {containers: [{name: 'crasher', image: 'busybox', command: ['sh', '-c', 'echo starting; sleep 3; echo boom; exit 1']}]},
			},
		},
		{
			resource: 'services',
			object: {apiVersion: 'v1', kind: 'Service', metadata: {name: 'web', labels: {app: 'web'}}, spec: {clusterIP: 'None', selector: {app: 'web'}, ports: [{port: 80}]}},
		},
		{
			resource: 'statefulsets',
			object: {
				apiVersion: 'apps/v1',
				kind: 'StatefulSet',
				metadata: {name: 'web', labels: {app: 'web'}},
				spec: {
					serviceName: 'web',
					replicas: 2,
					selector: {matchLabels: {app: 'web'}},
					template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'nginx', image: 'nginx:1.27', ports: [{containerPort: 80, name: 'http'}]}]}},
				},
			},
		},
	];
}

/** Seeds the demo when the default namespace has no workloads yet; a cluster in use is left alone. */
export async function seedDemo(api: ObjectAPI): Promise<boolean> {
	if (api.list('deployments', 'default').items.length > 0 || api.list('pods', 'default').items.length > 0) return false;
	for (const {resource, object} of demoObjects()) await api.create(resource, 'default', object);
	return true;
}
