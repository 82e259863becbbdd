import {describe, it, expect} from 'vitest';
import {applyDefaults, imageTag} from '../../../../source/cluster/api/defaults/index.js';
import type {KubeObject} from '../../../../source/cluster/api/object.js';

// Bodies as kubectl 1.32 sends them (shared/reference/kubectl-1.32/protobuf-bodies/expected.json).
function kubectlDeployment(): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'kubernetes-bootcamp', namespace: 'default', labels: {app: 'kubernetes-bootcamp'}},
		spec: {
			replicas: 1,
			selector: {matchLabels: {app: 'kubernetes-bootcamp'}},
			template: {
				metadata: {labels: {app: 'kubernetes-bootcamp'}},
				spec: {containers: [{name: 'kubernetes-bootcamp', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1', resources: {}}]},
			},
			strategy: {},
		},
		status: {},
	};
}

function defaulted(resource: string, object: KubeObject, options?: {tolerationSeconds?: number}): any {
	applyDefaults(resource, object, options);
	return object;
}

describe('deployment defaults', () => {
	it('fills what kubectl create leaves out', () => {
		const {spec} = defaulted('deployments', kubectlDeployment());
		expect(spec.strategy).toEqual({type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: '25%'}});
		expect(spec.revisionHistoryLimit).toBe(10);
		expect(spec.progressDeadlineSeconds).toBe(600);
		expect(spec.template.spec).toEqual({
			containers: [
				{
					name: 'kubernetes-bootcamp',
					image: 'gcr.io/google-samples/kubernetes-bootcamp:v1',
					resources: {},
					imagePullPolicy: 'IfNotPresent',
					terminationMessagePath: '/dev/termination-log',
					terminationMessagePolicy: 'File',
				},
			],
			restartPolicy: 'Always',
			dnsPolicy: 'ClusterFirst',
			schedulerName: 'default-scheduler',
			terminationGracePeriodSeconds: 30,
			securityContext: {},
		});
	});

	it('defaults replicas to 1 and keeps what the user set', () => {
		const deployment = kubectlDeployment();
		delete (deployment.spec as any).replicas;
		(deployment.spec as any).strategy = {type: 'RollingUpdate', rollingUpdate: {maxSurge: 1}};
		const {spec} = defaulted('deployments', deployment);
		expect(spec.replicas).toBe(1);
		expect(spec.strategy.rollingUpdate).toEqual({maxSurge: 1, maxUnavailable: '25%'});
	});

	it('adds no rolling parameters to Recreate', () => {
		const deployment = kubectlDeployment();
		(deployment.spec as any).strategy = {type: 'Recreate'};
		expect(defaulted('deployments', deployment).spec.strategy).toEqual({type: 'Recreate'});
	});

	it('does not give templates what only pods get', () => {
		const {spec} = defaulted('deployments', kubectlDeployment());
		expect(spec.template.spec.tolerations).toBeUndefined();
		expect(spec.template.spec.enableServiceLinks).toBeUndefined();
		expect(spec.template.spec.serviceAccountName).toBeUndefined();
		expect(spec.template.spec.priority).toBeUndefined();
	});

	it('is idempotent', () => {
		const once = defaulted('deployments', kubectlDeployment());
		const twice = defaulted('deployments', structuredClone(once));
		expect(twice).toEqual(once);
	});
});

describe('pod defaults', () => {
	function pod(spec: Record<string, unknown>): KubeObject {
		return {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', namespace: 'default'}, spec};
	}

	it.each([
		['nginx', 'Always'],
		['nginx:latest', 'Always'],
		['nginx:1.25', 'IfNotPresent'],
		['localhost:5000/app', 'Always'],
		['localhost:5000/app:v1', 'IfNotPresent'],
		['app@sha256:45b23dee08af5e43a7fea6c4cf9c25ccf269ee113168c19722f87876677c5cb2', 'IfNotPresent'],
		['gcr.io/google-samples/kubernetes-bootcamp:v1', 'IfNotPresent'],
	])('pulls %s with %s', (image, policy) => {
		expect(defaulted('pods', pod({containers: [{name: 'c', image}]})).spec.containers[0].imagePullPolicy).toBe(policy);
	});

	it('keeps an explicit pull policy', () => {
		expect(defaulted('pods', pod({containers: [{name: 'c', image: 'nginx', imagePullPolicy: 'Never'}]})).spec.containers[0].imagePullPolicy).toBe(
			'Never',
		);
	});

	it('adds what admission adds to a pod', () => {
		const {spec} = defaulted('pods', pod({containers: [{name: 'c', image: 'nginx:1.25'}]}));
		expect(spec.serviceAccountName).toBe('default');
		expect(spec.serviceAccount).toBe('default');
		expect(spec.enableServiceLinks).toBe(true);
		expect(spec.priority).toBe(0);
		expect(spec.preemptionPolicy).toBe('PreemptLowerPriority');
		expect(spec.tolerations).toEqual([
			{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
			{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
		]);
	});

	it('takes the toleration seconds as an option and does not repeat a toleration', () => {
		const {spec} = defaulted(
			'pods',
			pod({containers: [{name: 'c', image: 'x'}], tolerations: [{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute'}]}),
			{tolerationSeconds: 5},
		);
		expect(spec.tolerations).toEqual([
			{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute'},
			{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5},
		]);
		const tolerant = defaulted('pods', pod({containers: [{name: 'c', image: 'x'}], tolerations: [{operator: 'Exists'}]}));
		expect(tolerant.spec.tolerations).toEqual([{operator: 'Exists'}]);
	});

	it('defaults ports, probes, requests and volumes', () => {
		const {spec} = defaulted(
			'pods',
			pod({
				containers: [
					{
						name: 'c',
						image: 'x:1',
						ports: [{containerPort: 80}],
						readinessProbe: {httpGet: {port: 80}},
						resources: {limits: {cpu: '1', memory: '1Gi'}, requests: {cpu: '500m'}},
						env: [{name: 'NODE', valueFrom: {fieldRef: {fieldPath: 'spec.nodeName'}}}],
					},
				],
				volumes: [{name: 'scratch'}, {name: 'config', configMap: {name: 'app'}}],
			}),
		);
		const [container] = spec.containers;
		expect(container.ports).toEqual([{containerPort: 80, protocol: 'TCP'}]);
		expect(container.readinessProbe).toEqual({
			httpGet: {port: 80, path: '/', scheme: 'HTTP'},
			timeoutSeconds: 1,
			periodSeconds: 10,
			successThreshold: 1,
			failureThreshold: 3,
		});
		expect(container.resources.requests).toEqual({cpu: '500m', memory: '1Gi'});
		expect(container.env[0].valueFrom.fieldRef.apiVersion).toBe('v1');
		expect(spec.volumes).toEqual([
			{name: 'scratch', emptyDir: {}},
			{name: 'config', configMap: {name: 'app', defaultMode: 420}},
		]);
	});

	it('reads image tags as Kubernetes does', () => {
		expect(imageTag('nginx')).toBe('latest');
		expect(imageTag('registry:5000/team/app:2.0')).toBe('2.0');
		expect(imageTag('app@sha256:abc')).toBe('');
	});
});

describe('workload defaults', () => {
	it('defaults a replicaset', () => {
		const rs = defaulted('replicasets', {metadata: {name: 'r'}, spec: {template: {spec: {containers: [{name: 'c', image: 'x'}]}}}});
		expect(rs.spec.replicas).toBe(1);
		expect(rs.spec.template.spec.restartPolicy).toBe('Always');
	});

	it('defaults a statefulset', () => {
		const sts = defaulted('statefulsets', {
			metadata: {name: 'db'},
			spec: {serviceName: 'db', template: {spec: {containers: [{name: 'c', image: 'x'}]}}, volumeClaimTemplates: [{metadata: {name: 'data'}, spec: {}}]},
		});
		expect(sts.spec).toMatchObject({
			serviceName: 'db',
			replicas: 1,
			podManagementPolicy: 'OrderedReady',
			updateStrategy: {type: 'RollingUpdate', rollingUpdate: {partition: 0}},
			revisionHistoryLimit: 10,
			persistentVolumeClaimRetentionPolicy: {whenDeleted: 'Retain', whenScaled: 'Retain'},
		});
		expect(sts.spec.volumeClaimTemplates[0].spec.volumeMode).toBe('Filesystem');
		const onDelete = defaulted('statefulsets', {metadata: {name: 'db'}, spec: {updateStrategy: {type: 'OnDelete'}}});
		expect(onDelete.spec.updateStrategy).toEqual({type: 'OnDelete'});
	});

	it('defaults a job as kubectl create job sends it', () => {
		const job = defaulted('jobs', {
			apiVersion: 'batch/v1',
			kind: 'Job',
			metadata: {name: 'j1', namespace: 'default', uid: 'u-1'},
			spec: {template: {metadata: {}, spec: {containers: [{name: 'j1', image: 'busybox', resources: {}}], restartPolicy: 'Never'}}},
		});
		expect(job.spec).toMatchObject({
			completions: 1,
			parallelism: 1,
			backoffLimit: 6,
			completionMode: 'NonIndexed',
			suspend: false,
			podReplacementPolicy: 'TerminatingOrFailed',
			selector: {matchLabels: {'batch.kubernetes.io/controller-uid': 'u-1'}},
		});
		expect(job.spec.template.spec.restartPolicy).toBe('Never');
		expect(job.spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
		expect(job.spec.template.metadata.labels).toEqual({
			'batch.kubernetes.io/job-name': 'j1',
			'job-name': 'j1',
			'batch.kubernetes.io/controller-uid': 'u-1',
			'controller-uid': 'u-1',
		});
		expect(job.metadata.labels).toEqual(job.spec.template.metadata.labels);
	});

	it('leaves completions unset for a work queue and a manual selector alone', () => {
		const queue = defaulted('jobs', {metadata: {name: 'q', uid: 'u'}, spec: {parallelism: 3, manualSelector: true, selector: {matchLabels: {a: 'b'}}, template: {metadata: {labels: {a: 'b'}}}}});
		expect(queue.spec.completions).toBeUndefined();
		expect(queue.spec.selector).toEqual({matchLabels: {a: 'b'}});
		expect(queue.metadata.labels).toEqual({a: 'b'});
	});
});

describe('service defaults', () => {
	it('defaults what kubectl expose sends', () => {
		const service = defaulted('services', {
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {name: 'kubernetes-bootcamp', labels: {app: 'kubernetes-bootcamp'}},
			spec: {ports: [{port: 8080, protocol: 'TCP', targetPort: 8080}], selector: {app: 'kubernetes-bootcamp'}, type: 'NodePort'},
			status: {loadBalancer: {}},
		});
		expect(service.spec).toEqual({
			ports: [{port: 8080, protocol: 'TCP', targetPort: 8080}],
			selector: {app: 'kubernetes-bootcamp'},
			type: 'NodePort',
			sessionAffinity: 'None',
			externalTrafficPolicy: 'Cluster',
			internalTrafficPolicy: 'Cluster',
			ipFamilies: ['IPv4'],
			ipFamilyPolicy: 'SingleStack',
		});
		expect(service.spec.clusterIP).toBeUndefined();
	});

	it('sets the target port to the port and ClusterIP as the type', () => {
		const service = defaulted('services', {metadata: {name: 's'}, spec: {ports: [{port: 80}, {port: 443, targetPort: 'https'}]}});
		expect(service.spec.type).toBe('ClusterIP');
		expect(service.spec.ports).toEqual([
			{port: 80, protocol: 'TCP', targetPort: 80},
			{port: 443, protocol: 'TCP', targetPort: 'https'},
		]);
		expect(service.spec.externalTrafficPolicy).toBeUndefined();
	});

	it('gives an ExternalName service no IP family and ClientIP affinity its timeout', () => {
		expect(defaulted('services', {metadata: {name: 'e'}, spec: {type: 'ExternalName', externalName: 'example.com'}}).spec.ipFamilies).toBeUndefined();
		const sticky = defaulted('services', {metadata: {name: 's'}, spec: {sessionAffinity: 'ClientIP', ports: [{port: 80}]}});
		expect(sticky.spec.sessionAffinityConfig).toEqual({clientIP: {timeoutSeconds: 10800}});
	});
});

describe('core defaults', () => {
	it('defaults a namespace', () => {
		expect(defaulted('namespaces', {metadata: {name: 'ns1'}, spec: {}, status: {}})).toEqual({
			metadata: {name: 'ns1', labels: {'kubernetes.io/metadata.name': 'ns1'}},
			spec: {finalizers: ['kubernetes']},
			status: {phase: 'Active'},
		});
	});

	it('types secrets Opaque and folds stringData into data', () => {
		const secret = defaulted('secrets', {metadata: {name: 's1'}, data: {a: 'Yg=='}, stringData: {password: 'hunter2'}});
		expect(secret.type).toBe('Opaque');
		expect(secret.data).toEqual({a: 'Yg==', password: 'aHVudGVyMg=='});
		expect(secret.stringData).toBeUndefined();
	});

	it('gives a node its capacity as allocatable, and leaves configmaps as they are', () => {
		expect(defaulted('nodes', {metadata: {name: 'n'}, status: {capacity: {cpu: '4'}}}).status.allocatable).toEqual({cpu: '4'});
		const configMap = {metadata: {name: 'c'}, data: {a: 'b'}};
		expect(defaulted('configmaps', structuredClone(configMap))).toEqual(configMap);
	});
});
