import {describe, it, expect} from 'vitest';
import {applyPatch, PatchError} from '../../../../source/cluster/api/patch/apply-patch.js';

type Json = Record<string, any>;

const strategic = (resource: string, original: object, patch: unknown) => applyPatch(resource, original, patch, 'strategic') as Json;

function nginxDeployment(): Json {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {
			name: 'nginx-deployment',
			namespace: 'default',
			labels: {app: 'nginx'},
			annotations: {
				'deployment.kubernetes.io/revision': '1',
				'kubectl.kubernetes.io/last-applied-configuration': '{"old":true}\n',
			},
		},
		spec: {
			replicas: 2,
			selector: {matchLabels: {app: 'nginx'}},
			template: {
				metadata: {labels: {app: 'nginx'}},
				spec: {
					containers: [
						{
							name: 'nginx',
							image: 'nginx:1.14.2',
							ports: [{containerPort: 80, protocol: 'TCP'}],
							resources: {},
							imagePullPolicy: 'IfNotPresent',
						},
					],
					restartPolicy: 'Always',
				},
			},
			strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: '25%'}},
		},
	};
}

function twoContainerPod(): Json {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: 'web', namespace: 'default', finalizers: ['a.example/x', 'b.example/y']},
		spec: {
			containers: [
				{name: 'app', image: 'app:v1', env: [{name: 'A', value: '1'}, {name: 'B', value: '2'}], volumeMounts: [{name: 'data', mountPath: '/data'}]},
				{name: 'sidecar', image: 'sidecar:v1'},
			],
			volumes: [{name: 'data', emptyDir: {}}],
			tolerations: [{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300}],
		},
		status: {
			conditions: [
				{type: 'Initialized', status: 'True'},
				{type: 'Ready', status: 'False'},
			],
		},
	};
}

describe('kubectl set image', () => {
	it('changes the image of the named container and keeps its other fields', () => {
		const original: Json = {
			...nginxDeployment(),
			metadata: {name: 'kubernetes-bootcamp'},
		};
		original.spec.template.spec.containers = [{name: 'kubernetes-bootcamp', image: 'gcr.io/google-samples/kubernetes-bootcamp:v1', imagePullPolicy: 'IfNotPresent', resources: {}}];
		const body = JSON.parse(
			'{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"kubernetes-bootcamp"}],"containers":[{"image":"jocatalin/kubernetes-bootcamp:v2","name":"kubernetes-bootcamp"}]}}}}',
		);
		const patched = strategic('deployments', original, body);
		expect(patched.spec.template.spec.containers).toEqual([
			{name: 'kubernetes-bootcamp', image: 'jocatalin/kubernetes-bootcamp:v2', imagePullPolicy: 'IfNotPresent', resources: {}},
		]);
		expect(JSON.stringify(patched)).not.toContain('$setElementOrder');
		expect(original.spec.template.spec.containers[0].image).toBe('gcr.io/google-samples/kubernetes-bootcamp:v1');
	});

	it('changes one container of a pod and leaves the other where it was', () => {
		const patched = strategic('pods', twoContainerPod(), {
			spec: {'$setElementOrder/containers': [{name: 'app'}, {name: 'sidecar'}], containers: [{name: 'sidecar', image: 'sidecar:v2'}]},
		});
		expect(patched.spec.containers.map((c: Json) => `${c.name}=${c.image}`)).toEqual(['app=app:v1', 'sidecar=sidecar:v2']);
		expect(patched.spec.containers[0].env).toHaveLength(2);
	});
});

describe('kubectl apply', () => {
	it('applies the update body of `kubectl apply -f deploy2.yaml`', () => {
		const body = JSON.parse(
			'{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"apps/v1\\",\\"kind\\":\\"Deployment\\",\\"metadata\\":{\\"annotations\\":{},\\"labels\\":{\\"app\\":\\"nginx\\"},\\"name\\":\\"nginx-deployment\\",\\"namespace\\":\\"default\\"},\\"spec\\":{\\"replicas\\":3,\\"selector\\":{\\"matchLabels\\":{\\"app\\":\\"nginx\\"}},\\"template\\":{\\"metadata\\":{\\"labels\\":{\\"app\\":\\"nginx\\"}},\\"spec\\":{\\"containers\\":[{\\"image\\":\\"nginx:1.16.1\\",\\"name\\":\\"nginx\\",\\"ports\\":[{\\"containerPort\\":80}]}]}}}}\\n"}},"spec":{"replicas":3,"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.16.1","name":"nginx"}]}}}}',
		);
		const patched = strategic('deployments', nginxDeployment(), body);
		expect(patched.spec.replicas).toBe(3);
		expect(patched.spec.template.spec.containers).toEqual([
			{name: 'nginx', image: 'nginx:1.16.1', ports: [{containerPort: 80, protocol: 'TCP'}], resources: {}, imagePullPolicy: 'IfNotPresent'},
		]);
		expect(patched.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
		expect(JSON.parse(patched.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).spec.replicas).toBe(3);
	});

	it('removes a container apply dropped, with $patch: delete', () => {
		const patched = strategic('pods', twoContainerPod(), {
			spec: {'$setElementOrder/containers': [{name: 'app'}], containers: [{$patch: 'delete', name: 'sidecar'}]},
		});
		expect(patched.spec.containers.map((c: Json) => c.name)).toEqual(['app']);
	});

	it('switches a deployment strategy with $retainKeys, clearing rollingUpdate', () => {
		const patched = strategic('deployments', nginxDeployment(), {
			spec: {strategy: {$retainKeys: ['type'], type: 'Recreate', rollingUpdate: null}},
		});
		expect(patched.spec.strategy).toEqual({type: 'Recreate'});
	});

	it('rejects a $retainKeys list that leaves out a field the patch sets', () => {
		expect(() => strategic('deployments', nginxDeployment(), {spec: {strategy: {$retainKeys: ['type'], rollingUpdate: {maxSurge: 1}}}})).toThrow(
			'invalid patch format of retainKeys',
		);
	});
});

describe('list merging by merge key', () => {
	it('merges env by name, new variables after the ones the patch names next to them', () => {
		const patched = strategic('pods', twoContainerPod(), {
			spec: {containers: [{name: 'app', env: [{name: 'B', value: 'two'}, {name: 'C', value: '3'}]}]},
		});
		expect(patched.spec.containers[0].env).toEqual([
			{name: 'A', value: '1'},
			{name: 'B', value: 'two'},
			{name: 'C', value: '3'},
		]);
		expect(patched.spec.containers).toHaveLength(2);
	});

	it('merges container ports by containerPort', () => {
		const patched = strategic('deployments', nginxDeployment(), {
			spec: {template: {spec: {containers: [{name: 'nginx', ports: [{containerPort: 80, name: 'http'}, {containerPort: 443}]}]}}},
		});
		expect(patched.spec.template.spec.containers[0].ports).toEqual([{containerPort: 80, protocol: 'TCP', name: 'http'}, {containerPort: 443}]);
	});

	it('merges volumeMounts by mountPath and volumes by name', () => {
		const patched = strategic('pods', twoContainerPod(), {
			spec: {
				volumes: [{name: 'cache', emptyDir: {}}],
				containers: [{name: 'app', volumeMounts: [{mountPath: '/cache', name: 'cache'}]}],
			},
		});
		// Without $setElementOrder the server knows no place for new items: like Kubernetes, they go first.
		expect(patched.spec.volumes.map((v: Json) => v.name)).toEqual(['cache', 'data']);
		expect(patched.spec.containers[0].volumeMounts.map((m: Json) => m.mountPath)).toEqual(['/cache', '/data']);
	});

	it('merges service ports by port', () => {
		const service = {
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {name: 'web'},
			spec: {type: 'NodePort', ports: [{port: 8080, targetPort: 8080, nodePort: 31928, protocol: 'TCP'}]},
		};
		const patched = strategic('services', service, {spec: {ports: [{port: 8080, targetPort: 9090}, {port: 9000, protocol: 'TCP'}]}});
		expect(patched.spec.ports).toEqual([
			{port: 8080, targetPort: 9090, nodePort: 31928, protocol: 'TCP'},
			{port: 9000, protocol: 'TCP'},
		]);
	});

	it('merges status conditions by type', () => {
		const patched = strategic('pods/status', twoContainerPod(), {status: {conditions: [{type: 'Ready', status: 'True'}]}});
		expect(patched.status.conditions).toEqual([
			{type: 'Initialized', status: 'True'},
			{type: 'Ready', status: 'True'},
		]);
	});

	it('merges ownerReferences by uid', () => {
		const rs = {metadata: {name: 'rs', ownerReferences: [{uid: 'u1', kind: 'Deployment', name: 'd'}]}};
		const patched = strategic('replicasets', rs, {metadata: {ownerReferences: [{uid: 'u2', kind: 'Deployment', name: 'e'}]}});
		expect(patched.metadata.ownerReferences.map((o: Json) => o.uid)).toEqual(['u2', 'u1']);
	});

	it('merges containers by name in every kind that has a pod template', () => {
		for (const resource of ['deployments', 'replicasets', 'statefulsets', 'jobs']) {
			const patched = strategic(resource, nginxDeployment(), {spec: {template: {spec: {containers: [{name: 'nginx', image: 'nginx:2'}]}}}});
			expect(patched.spec.template.spec.containers[0]).toMatchObject({name: 'nginx', image: 'nginx:2', imagePullPolicy: 'IfNotPresent'});
		}
	});

	it('places new items where $setElementOrder says', () => {
		const patched = strategic('pods', twoContainerPod(), {
			spec: {'$setElementOrder/containers': [{name: 'app'}, {name: 'sidecar'}, {name: 'third'}], containers: [{name: 'third', image: 'third:v1'}]},
		});
		expect(patched.spec.containers.map((c: Json) => c.name)).toEqual(['app', 'sidecar', 'third']);
	});

	it('reorders with $setElementOrder alone', () => {
		const patched = strategic('pods', twoContainerPod(), {spec: {'$setElementOrder/containers': [{name: 'sidecar'}, {name: 'app'}]}});
		expect(patched.spec.containers.map((c: Json) => c.name)).toEqual(['sidecar', 'app']);
		expect(patched.spec.containers[1].env).toHaveLength(2);
	});

	it('replaces a whole merged list with $patch: replace', () => {
		const patched = strategic('pods', twoContainerPod(), {
			spec: {containers: [{$patch: 'replace'}, {name: 'only', image: 'only:v1'}]},
		});
		expect(patched.spec.containers).toEqual([{name: 'only', image: 'only:v1'}]);
	});

	it('refuses $patch: merge inside a list', () => {
		expect(() => strategic('pods', twoContainerPod(), {spec: {containers: [{$patch: 'merge', name: 'app'}]}})).toThrow(
			'merging lists cannot yet be specified in the patch',
		);
	});

	it('refuses an element without its merge key', () => {
		expect(() => strategic('pods', twoContainerPod(), {spec: {containers: [{image: 'x'}]}})).toThrow('does not contain declared merge key: name');
	});
});

describe('lists without a merge key', () => {
	it('replaces tolerations whole', () => {
		const patched = strategic('pods', twoContainerPod(), {spec: {tolerations: [{key: 'dedicated', operator: 'Equal', value: 'gpu'}]}});
		expect(patched.spec.tolerations).toEqual([{key: 'dedicated', operator: 'Equal', value: 'gpu'}]);
	});

	it('replaces node taints whole, so `kubectl taint ... key-` really removes one', () => {
		const node = {metadata: {name: 'n'}, spec: {taints: [{key: 'a', effect: 'NoSchedule'}, {key: 'b', effect: 'NoSchedule'}]}};
		const patched = strategic('nodes', node, {spec: {taints: [{key: 'a', effect: 'NoSchedule'}]}});
		expect(patched.spec.taints).toEqual([{key: 'a', effect: 'NoSchedule'}]);
	});

	it('replaces command and args', () => {
		const patched = strategic('pods', twoContainerPod(), {spec: {containers: [{name: 'app', command: ['sh', '-c', 'echo hi']}]}});
		expect(patched.spec.containers[0].command).toEqual(['sh', '-c', 'echo hi']);
	});
});

describe('primitive lists merged as sets', () => {
	it('adds finalizers without duplicating', () => {
		const patched = strategic('pods', twoContainerPod(), {metadata: {finalizers: ['b.example/y', 'c.example/z']}});
		expect(patched.metadata.finalizers).toEqual(['a.example/x', 'b.example/y', 'c.example/z']);
	});

	it('removes finalizers with $deleteFromPrimitiveList', () => {
		const patched = strategic('pods', twoContainerPod(), {metadata: {'$deleteFromPrimitiveList/finalizers': ['a.example/x']}});
		expect(patched.metadata.finalizers).toEqual(['b.example/y']);
	});

	it('orders finalizers with $setElementOrder', () => {
		const patched = strategic('pods', twoContainerPod(), {metadata: {'$setElementOrder/finalizers': ['b.example/y', 'a.example/x']}});
		expect(patched.metadata.finalizers).toEqual(['b.example/y', 'a.example/x']);
	});
});

describe('objects and directives', () => {
	it('deletes a field set to null and merges maps', () => {
		const patched = strategic('deployments', nginxDeployment(), {
			metadata: {labels: {tier: 'web'}, annotations: {'deployment.kubernetes.io/revision': null}},
			spec: {strategy: {rollingUpdate: null}},
		});
		expect(patched.metadata.labels).toEqual({app: 'nginx', tier: 'web'});
		expect(patched.metadata.annotations).not.toHaveProperty('deployment.kubernetes.io/revision');
		expect(patched.spec.strategy).toEqual({type: 'RollingUpdate'});
	});

	it('replaces an object with $patch: replace', () => {
		const patched = strategic('deployments', nginxDeployment(), {metadata: {labels: {$patch: 'replace', only: 'this'}}});
		expect(patched.metadata.labels).toEqual({only: 'this'});
	});

	it('empties an object with $patch: delete', () => {
		const patched = strategic('deployments', nginxDeployment(), {spec: {selector: {$patch: 'delete'}}});
		expect(patched.spec.selector).toEqual({});
	});

	it('adds new subtrees without nulls or directives in them', () => {
		const patched = strategic('pods', twoContainerPod(), {
			spec: {containers: [{name: 'third', image: 'third:v1', resources: null, '$setElementOrder/env': [{name: 'X'}], env: [{name: 'X', value: 'x'}]}]},
		});
		expect(patched.spec.containers.map((c: Json) => c.name)).toEqual(['third', 'app', 'sidecar']);
		expect(patched.spec.containers[0]).toEqual({name: 'third', image: 'third:v1', env: [{name: 'X', value: 'x'}]});
	});

	it('rejects an unknown $patch directive', () => {
		expect(() => strategic('pods', twoContainerPod(), {metadata: {$patch: 'frobnicate'}})).toThrow('unknown patch type: frobnicate');
	});

	it('rejects a $setElementOrder list that contradicts the patch', () => {
		expect(() =>
			strategic('pods', twoContainerPod(), {
				spec: {'$setElementOrder/containers': [{name: 'app'}], containers: [{name: 'sidecar', image: 'x'}]},
			}),
		).toThrow(PatchError);
	});

	it('rejects a patch that is not an object and leaves the original alone', () => {
		const pod = twoContainerPod();
		expect(() => strategic('pods', pod, [1])).toThrow('cannot unmarshal array');
		expect(pod).toEqual(twoContainerPod());
	});

	it('treats kinds it has no metadata for with the defaults', () => {
		const configMap = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}, data: {a: '1'}};
		const patched = strategic('configmaps', configMap, {data: {b: '2'}});
		expect(patched.data).toEqual({a: '1', b: '2'});
	});

	it('keeps a __proto__ key as data, for every patch type', () => {
		for (const type of ['strategic', 'merge'] as const) {
			const patched = applyPatch('configmaps', {metadata: {name: 'c'}}, JSON.parse('{"data": {"__proto__": {"x": "1"}}}'), type) as Json;
			expect(Object.getPrototypeOf(patched.data)).toBe(Object.prototype);
			expect(JSON.stringify(patched.data)).toBe('{"__proto__":{"x":"1"}}');
		}
	});

	it('stops on absurdly deep patches instead of overflowing the stack', () => {
		let deep: Json = {x: 1};
		let original: Json = {x: 1};
		for (let i = 0; i < 300; i++) {
			deep = {a: deep};
			original = {a: original};
		}
		expect(() => strategic('configmaps', original, deep)).toThrow(PatchError);
	});
});
