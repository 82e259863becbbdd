import {describe, it, expect} from 'vitest';
import {tableFor, type Table} from '../../../../source/cluster/server/tables/table-for.js';
import {nodeStatus} from '../../../../source/cluster/server/tables/node-status.js';

const now = Date.parse('2024-05-01T12:00:00Z');
const created = (ago: string) => ({
	'38s': '2024-05-01T11:59:22Z',
	'2m30s': '2024-05-01T11:57:30Z',
	'5m': '2024-05-01T11:55:00Z',
	'3h10m': '2024-05-01T08:50:00Z',
	'5d': '2024-04-26T12:00:00Z',
})[ago];

/** Cells by column name, wide columns included, as `kubectl get -o wide` would line them up. */
function rows(table: Table): Array<Record<string, unknown>> {
	return table.rows.map(row => Object.fromEntries(table.columnDefinitions.map((column, index) => [column.name, row.cells[index]])));
}

function columns(table: Table): string[] {
	return table.columnDefinitions.map(column => (column.priority ? `${column.name}*` : column.name));
}

const bootcampPod = {
	apiVersion: 'v1',
	kind: 'Pod',
	metadata: {
		name: 'kubernetes-bootcamp-c5494gjcf8-gvjnw',
		namespace: 'default',
		uid: 'u-1',
		labels: {app: 'kubernetes-bootcamp'},
		creationTimestamp: created('2m30s'),
	},
	spec: {nodeName: 'minikube', containers: [{name: 'kubernetes-bootcamp', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1'}]},
	status: {
		phase: 'Running',
		podIP: '10.244.0.5',
		podIPs: [{ip: '10.244.0.5'}],
		conditions: [{type: 'Ready', status: 'True'}],
		containerStatuses: [
			{
				name: 'kubernetes-bootcamp',
				ready: true,
				restartCount: 0,
				image: 'gcr.io/google-samples/kubernetes-bootcamp:v1',
				imageID: '',
				state: {running: {startedAt: created('2m30s')}},
			},
		],
	},
};

describe('tableFor: the Table kubectl get asks for', () => {
	it('has the shape of a meta.k8s.io/v1 Table', () => {
		const table = tableFor('pods', [bootcampPod], {now, resourceVersion: '1234'});
		expect(table.kind).toBe('Table');
		expect(table.apiVersion).toBe('meta.k8s.io/v1');
		expect(table.metadata).toEqual({resourceVersion: '1234'});
		expect(table.columnDefinitions[0]).toEqual({
			name: 'Name',
			type: 'string',
			format: 'name',
			description: expect.stringContaining('Name must be unique'),
			priority: 0,
		});
		expect(table.columnDefinitions.every(column => typeof column.format === 'string' && typeof column.priority === 'number')).toBe(true);
	});

	it('carries each object as PartialObjectMetadata by default, so -A and --show-labels work', () => {
		const [row] = tableFor('pods', [bootcampPod], {now}).rows;
		expect(row.object).toEqual({kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: bootcampPod.metadata});
		expect(tableFor('pods', [bootcampPod], {now, includeObject: 'Object'}).rows[0].object).toBe(bootcampPod);
		expect(tableFor('pods', [bootcampPod], {now, includeObject: 'None'}).rows[0]).not.toHaveProperty('object');
	});

	it('leaves out column definitions when asked (watch events after the first)', () => {
		expect(tableFor('pods', [bootcampPod], {now, noHeaders: true}).columnDefinitions).toEqual([]);
	});

	describe('pods', () => {
		it('prints the columns and cells of a running pod', () => {
			const table = tableFor('pods', [bootcampPod], {now});
			expect(columns(table)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP*', 'Node*', 'Nominated Node*', 'Readiness Gates*']);
			expect(table.rows[0].cells).toEqual(['kubernetes-bootcamp-c5494gjcf8-gvjnw', '1/1', 'Running', '0', '2m30s', '10.244.0.5', 'minikube', '<none>', '<none>']);
		});

		it('prints CrashLoopBackOff and restarts with the time of the last one', () => {
			const crashing = structuredClone(bootcampPod) as any;
			crashing.status.conditions = [{type: 'Ready', status: 'False'}];
			crashing.status.containerStatuses[0] = {
				...crashing.status.containerStatuses[0],
				ready: false,
				restartCount: 5,
				state: {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container'}},
				lastState: {terminated: {exitCode: 1, reason: 'Error', finishedAt: '2024-05-01T11:59:55Z'}},
			};
			expect(rows(tableFor('pods', [crashing], {now}))[0]).toMatchObject({Ready: '0/1', Status: 'CrashLoopBackOff', Restarts: '5 (5s ago)'});
		});

		it('prints a pending pod without IP or node, and marks finished pods Completed', () => {
			const pending = {metadata: {name: 'p', creationTimestamp: created('38s')}, spec: {containers: [{name: 'a', image: 'a'}]}, status: {phase: 'Pending'}};
			expect(rows(tableFor('pods', [pending], {now}))[0]).toMatchObject({Ready: '0/1', Status: 'Pending', Age: '38s', IP: '<none>', Node: '<none>'});
			const done = {...pending, status: {phase: 'Succeeded', containerStatuses: [{name: 'a', ready: false, restartCount: 0, image: 'a', imageID: '', state: {terminated: {exitCode: 0, reason: 'Completed'}}}]}};
			const [row] = tableFor('pods', [done], {now}).rows;
			expect(row.cells[2]).toBe('Completed');
			expect(row.conditions).toEqual([{type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.'}]);
		});

		it('counts readiness gates', () => {
			const gated = structuredClone(bootcampPod) as any;
			gated.spec.readinessGates = [{conditionType: 'example.com/lb'}, {conditionType: 'example.com/dns'}];
			gated.status.conditions.push({type: 'example.com/lb', status: 'True'});
			expect(rows(tableFor('pods', [gated], {now}))[0]['Readiness Gates']).toBe('1/2');
		});
	});

	describe('nodes', () => {
		const node = (name: string, labels: Record<string, string>, ready: string, unschedulable = false) => ({
			metadata: {name, labels, creationTimestamp: created('5d')},
			spec: unschedulable ? {unschedulable: true} : {},
			status: {
				conditions: [
					{type: 'MemoryPressure', status: 'False'},
					{type: 'Ready', status: ready},
				],
				addresses: [
					{type: 'InternalIP', address: '192.168.49.2'},
					{type: 'Hostname', address: name},
				],
				nodeInfo: {kubeletVersion: 'v1.32.4', osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '6.1.0', containerRuntimeVersion: 'docker://27.4.1'},
			},
		});

		it('prints status, roles, version and the wide columns', () => {
			const table = tableFor('nodes', [node('minikube', {'node-role.kubernetes.io/control-plane': ''}, 'True'), node('worker', {}, 'False', true)], {now});
			expect(columns(table)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP*', 'External-IP*', 'OS-Image*', 'Kernel-Version*', 'Container-Runtime*']);
			expect(table.rows[0].cells).toEqual(['minikube', 'Ready', 'control-plane', '5d', 'v1.32.4', '192.168.49.2', '<none>', 'Ubuntu 22.04.4 LTS', '6.1.0', 'docker://27.4.1']);
			expect(table.rows[1].cells.slice(0, 3)).toEqual(['worker', 'NotReady,SchedulingDisabled', '<none>']);
		});

		it('says Unknown for a node that never reported', () => {
			expect(nodeStatus({metadata: {name: 'n'}})).toBe('Unknown');
			expect(nodeStatus({metadata: {name: 'n'}, spec: {unschedulable: true}, status: {conditions: [{type: 'Ready', status: 'True'}]}})).toBe('Ready,SchedulingDisabled');
		});
	});

	describe('workloads', () => {
		const template = {
			metadata: {labels: {app: 'kubernetes-bootcamp'}},
			spec: {containers: [{name: 'kubernetes-bootcamp', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1'}, {name: 'sidecar', image: 'busybox'}]},
		};

		it('prints deployments as READY 1/4, UP-TO-DATE, AVAILABLE', () => {
			const deployment = {
				metadata: {name: 'kubernetes-bootcamp', creationTimestamp: created('5m')},
				spec: {replicas: 4, selector: {matchLabels: {app: 'kubernetes-bootcamp'}, matchExpressions: [{key: 'tier', operator: 'In', values: ['web', 'api']}]}, template},
				status: {replicas: 4, updatedReplicas: 4, readyReplicas: 1, availableReplicas: 1},
			};
			const table = tableFor('deployments', [deployment], {now});
			expect(columns(table)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers*', 'Images*', 'Selector*']);
			expect(table.rows[0].cells).toEqual([
				'kubernetes-bootcamp',
				'1/4',
				4,
				1,
				'5m',
				'kubernetes-bootcamp,sidecar',
				'gcr.io/google-samples/kubernetes-bootcamp:v1,busybox',
				'app=kubernetes-bootcamp,tier in (api,web)',
			]);
		});

		it('prints a new deployment with no status yet as 0/1', () => {
			const deployment = {metadata: {name: 'd', creationTimestamp: created('38s')}, spec: {replicas: 1, template}};
			expect(tableFor('deployments', [deployment], {now}).rows[0].cells.slice(1, 4)).toEqual(['0/1', 0, 0]);
		});

		it('prints replicasets as DESIRED CURRENT READY', () => {
			const replicaSet = {
				metadata: {name: 'kubernetes-bootcamp-c5494gjcf8', creationTimestamp: created('3h10m')},
				spec: {replicas: 4, selector: {matchLabels: {app: 'kubernetes-bootcamp', 'pod-template-hash': 'c5494gjcf8'}}, template},
				status: {replicas: 4, readyReplicas: 3},
			};
			const table = tableFor('replicasets', [replicaSet], {now});
			expect(columns(table)).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers*', 'Images*', 'Selector*']);
			expect(rows(table)[0]).toMatchObject({Desired: 4, Current: 4, Ready: 3, Age: '3h10m', Selector: 'app=kubernetes-bootcamp,pod-template-hash=c5494gjcf8'});
			expect(rows(tableFor('replicasets', [{metadata: {name: 'x'}, spec: {replicas: 0, template}}], {now}))[0]).toMatchObject({Desired: 0, Age: '<unknown>', Selector: '<none>'});
		});

		it('prints statefulsets as READY 2/3', () => {
			const table = tableFor('statefulsets', [{metadata: {name: 'db', creationTimestamp: created('5d')}, spec: {replicas: 3, template}, status: {readyReplicas: 2}}], {now});
			expect(columns(table)).toEqual(['Name', 'Ready', 'Age', 'Containers*', 'Images*']);
			expect(table.rows[0].cells.slice(0, 3)).toEqual(['db', '2/3', '5d']);
		});

		it('prints jobs with status, completions and duration', () => {
			const job = (status: object, spec: object = {}) => ({metadata: {name: 'pi', creationTimestamp: created('5m')}, spec: {template, ...spec}, status});
			const complete = job(
				{succeeded: 1, startTime: '2024-05-01T11:55:00Z', completionTime: '2024-05-01T11:55:38Z', conditions: [{type: 'Complete', status: 'True'}]},
				{completions: 1, selector: {matchLabels: {'batch.kubernetes.io/controller-uid': 'u'}}},
			);
			const table = tableFor('jobs', [complete, job({active: 1, startTime: '2024-05-01T11:57:30Z'}, {parallelism: 3}), job({conditions: [{type: 'Failed', status: 'True'}]})], {now});
			expect(columns(table)).toEqual(['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers*', 'Images*', 'Selector*']);
			expect(rows(table).map(row => [row.Status, row.Completions, row.Duration])).toEqual([
				['Complete', '1/1', '38s'],
				['Running', '0/1 of 3', '2m30s'],
				['Failed', '0/1', ''],
			]);
			expect(rows(table)[0].Selector).toBe('batch.kubernetes.io/controller-uid=u');
		});
	});

	describe('services and endpoints', () => {
		const service = (name: string, spec: object, status: object = {}) => ({metadata: {name, creationTimestamp: created('38s')}, spec, status});

		it('prints a NodePort service as 8080:31928/TCP', () => {
			const nodePort = service('kubernetes-bootcamp', {
				type: 'NodePort',
				clusterIP: '10.96.61.11',
				clusterIPs: ['10.96.61.11'],
				ports: [{port: 8080, nodePort: 31928, protocol: 'TCP', targetPort: 8080}],
				selector: {app: 'kubernetes-bootcamp'},
			});
			const table = tableFor('services', [nodePort], {now});
			expect(columns(table)).toEqual(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector*']);
			expect(table.rows[0].cells).toEqual(['kubernetes-bootcamp', 'NodePort', '10.96.61.11', '<none>', '8080:31928/TCP', '38s', 'app=kubernetes-bootcamp']);
		});

		it('prints external addresses by type', () => {
			const table = tableFor(
				'services',
				[
					service('kubernetes', {type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{port: 443, protocol: 'TCP'}]}),
					service('lb', {type: 'LoadBalancer', clusterIPs: ['10.96.0.9'], ports: [{port: 80, nodePort: 30080, protocol: 'TCP'}, {port: 53, protocol: 'UDP', nodePort: 30053}]}),
					service('lb2', {type: 'LoadBalancer', clusterIPs: ['10.96.0.10'], ports: []}, {loadBalancer: {ingress: [{ip: '203.0.113.7'}]}}),
					service('ext', {type: 'ExternalName', externalName: 'example.com'}),
					service('headless', {type: 'ClusterIP', clusterIP: 'None', externalIPs: ['198.51.100.1']}),
				],
				{now},
			);
			expect(rows(table).map(row => [row.Name, row['Cluster-IP'], row['External-IP'], row['Port(s)'], row.Selector])).toEqual([
				['kubernetes', '10.96.0.1', '<none>', '443/TCP', '<none>'],
				['lb', '10.96.0.9', '<pending>', '80:30080/TCP,53:30053/UDP', '<none>'],
				['lb2', '10.96.0.10', '203.0.113.7', '<none>', '<none>'],
				['ext', '<none>', 'example.com', '<none>', '<none>'],
				['headless', 'None', '198.51.100.1', '<none>', '<none>'],
			]);
		});

		it('prints endpoints as ip:port, three at most', () => {
			const endpoints = {
				metadata: {name: 'web', creationTimestamp: created('5m')},
				subsets: [
					{
						addresses: [{ip: '10.244.0.5'}, {ip: '10.244.0.6'}, {ip: '10.244.0.7'}, {ip: '10.244.0.8'}],
						ports: [{port: 8080, protocol: 'TCP'}],
					},
				],
			};
			const table = tableFor('endpoints', [endpoints, {metadata: {name: 'empty'}}], {now});
			expect(columns(table)).toEqual(['Name', 'Endpoints', 'Age']);
			expect(table.rows.map(row => row.cells[1])).toEqual(['10.244.0.5:8080,10.244.0.6:8080,10.244.0.7:8080 + 1 more...', '<none>']);
		});

		it('prints endpointslices with their ports and addresses', () => {
			const slice = {
				metadata: {name: 'web-abc12', creationTimestamp: created('5m')},
				addressType: 'IPv4',
				ports: [{name: '', port: 8080, protocol: 'TCP'}],
				endpoints: [{addresses: ['10.244.0.5']}, {addresses: ['10.244.0.6']}],
			};
			const table = tableFor('endpointslices', [slice, {metadata: {name: 'none'}, addressType: 'IPv4'}], {now});
			expect(columns(table)).toEqual(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
			expect(table.rows.map(row => row.cells.slice(1, 4))).toEqual([
				['IPv4', '8080', '10.244.0.5,10.244.0.6'],
				['IPv4', '<unset>', '<unset>'],
			]);
		});

		it('prints ingresses with class, hosts, address and ports', () => {
			const ingress = {
				metadata: {name: 'simple', creationTimestamp: created('5m')},
				spec: {ingressClassName: 'nginx', tls: [{hosts: ['foo.com']}], rules: [{host: 'foo.com'}, {host: 'bar.com'}]},
				status: {loadBalancer: {ingress: [{ip: '192.168.49.2'}]}},
			};
			const table = tableFor('ingresses', [ingress, {metadata: {name: 'any'}, spec: {rules: [{}]}}], {now});
			expect(columns(table)).toEqual(['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
			expect(table.rows.map(row => row.cells.slice(0, 5))).toEqual([
				['simple', 'nginx', 'foo.com,bar.com', '192.168.49.2', '80, 443'],
				['any', '<none>', '*', '', '80'],
			]);
		});
	});

	describe('configuration and namespaces', () => {
		it('prints configmaps and secrets with how many keys they hold', () => {
			const configMaps = tableFor('configmaps', [{metadata: {name: 'cm1', creationTimestamp: created('38s')}, data: {a: 'b', c: 'd'}, binaryData: {e: 'AA=='}}], {now});
			expect(columns(configMaps)).toEqual(['Name', 'Data', 'Age']);
			expect(configMaps.rows[0].cells).toEqual(['cm1', 3, '38s']);
			const secrets = tableFor('secrets', [{metadata: {name: 's1', creationTimestamp: created('38s')}, type: 'Opaque', data: {a: 'Yg=='}}], {now});
			expect(columns(secrets)).toEqual(['Name', 'Type', 'Data', 'Age']);
			expect(secrets.rows[0].cells).toEqual(['s1', 'Opaque', 1, '38s']);
		});

		it('prints service accounts, namespaces, leases and disruption budgets', () => {
			expect(tableFor('serviceaccounts', [{metadata: {name: 'default', creationTimestamp: created('5d')}}], {now}).rows[0].cells).toEqual(['default', 0, '5d']);
			const namespaces = tableFor('namespaces', [{metadata: {name: 'default', creationTimestamp: created('5d')}, status: {phase: 'Active'}}], {now});
			expect(columns(namespaces)).toEqual(['Name', 'Status', 'Age']);
			expect(namespaces.rows[0].cells).toEqual(['default', 'Active', '5d']);
			expect(tableFor('leases', [{metadata: {name: 'minikube', creationTimestamp: created('5d')}, spec: {holderIdentity: 'minikube'}}], {now}).rows[0].cells).toEqual([
				'minikube',
				'minikube',
				'5d',
			]);
			const budgets = tableFor('poddisruptionbudgets', [{metadata: {name: 'web', creationTimestamp: created('5m')}, spec: {minAvailable: '50%'}, status: {disruptionsAllowed: 1}}], {now});
			expect(columns(budgets)).toEqual(['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age']);
			expect(budgets.rows[0].cells).toEqual(['web', '50%', 'N/A', 1, '5m']);
		});
	});

	describe('events', () => {
		it('prints LAST SEEN, TYPE, REASON, OBJECT as kind/name, MESSAGE, and the wide columns', () => {
			const event = {
				metadata: {name: 'kubernetes-bootcamp-c5494gjcf8-gvjnw.17c1', namespace: 'default'},
				involvedObject: {kind: 'Pod', name: 'kubernetes-bootcamp-c5494gjcf8-gvjnw', namespace: 'default', fieldPath: 'spec.containers{kubernetes-bootcamp}'},
				reason: 'Pulled',
				message: 'Successfully pulled image "gcr.io/google-samples/kubernetes-bootcamp:v1"\n',
				type: 'Normal',
				source: {component: 'kubelet', host: 'minikube'},
				firstTimestamp: created('5m'),
				lastTimestamp: created('38s'),
				count: 3,
			};
			const table = tableFor('events', [event], {now});
			expect(columns(table)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Subobject*', 'Source*', 'Message', 'First Seen*', 'Count*', 'Name*']);
			expect(table.rows[0].cells).toEqual([
				'38s',
				'Normal',
				'Pulled',
				'pod/kubernetes-bootcamp-c5494gjcf8-gvjnw',
				'spec.containers{kubernetes-bootcamp}',
				'kubelet, minikube',
				'Successfully pulled image "gcr.io/google-samples/kubernetes-bootcamp:v1"',
				'5m',
				3,
				'kubernetes-bootcamp-c5494gjcf8-gvjnw.17c1',
			]);
		});

		it('falls back to eventTime and counts a singleton event once', () => {
			const event = {metadata: {name: 'e'}, involvedObject: {kind: 'Node'}, eventTime: '2024-05-01T11:59:21.500000Z', reportingComponent: 'scheduler'};
			const [row] = rows(tableFor('events', [event], {now}));
			expect(row).toMatchObject({'Last Seen': '38s', 'First Seen': '38s', Object: 'node', Source: 'scheduler', Count: 1});
		});
	});

	it('prints Name and Age for resources without a printer of their own', () => {
		const table = tableFor('frobnicators', [{metadata: {name: 'f', creationTimestamp: created('3h10m')}}], {now});
		expect(columns(table)).toEqual(['Name', 'Age']);
		expect(table.rows[0].cells).toEqual(['f', '3h10m']);
	});

	it('does not change the objects it prints', () => {
		const pod = structuredClone(bootcampPod);
		tableFor('pods', [pod], {now, includeObject: 'Object'});
		expect(pod).toEqual(bootcampPod);
	});
});
