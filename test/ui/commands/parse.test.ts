import {describe, expect, it} from 'vitest';
import {CommandError} from '../../../source/ui/commands/command.js';
import {KindTable} from '../../../source/ui/commands/kinds.js';
import {parseCommand} from '../../../source/ui/commands/parse.js';

const kinds = new KindTable();
const parse = (line: string) => parseCommand(line, kinds);

describe('command parser', () => {
	it.each([
		['pods', {verb: 'view', resource: 'pods'}],
		[':po', {verb: 'view', resource: 'pods'}],
		['dp', {verb: 'view', resource: 'deployments'}],
		['deploy kube-system', {verb: 'view', resource: 'deployments', namespace: 'kube-system'}],
		['pods all', {verb: 'view', resource: 'pods', allNamespaces: true}],
		['pod app=web', {verb: 'view', resource: 'pods', selector: 'app=web'}],
		['svc', {verb: 'view', resource: 'services'}],
		['no', {verb: 'view', resource: 'nodes'}],
		['rs', {verb: 'view', resource: 'replicasets'}],
		['sts', {verb: 'view', resource: 'statefulsets'}],
		['jobs', {verb: 'view', resource: 'jobs'}],
		['ing', {verb: 'view', resource: 'ingresses'}],
		['cm', {verb: 'view', resource: 'configmaps'}],
		['sec', {verb: 'view', resource: 'secrets'}],
		['ev', {verb: 'view', resource: 'events'}],
		['ns', {verb: 'view', resource: 'namespaces'}],
		['ns kube-system', {verb: 'namespace', namespace: 'kube-system'}],
		['ns all', {verb: 'namespace', namespace: undefined}],
		['ctx', {verb: 'context'}],
		['q', {verb: 'quit'}],
		['quit', {verb: 'quit'}],
		['help', {verb: 'help'}],
		['theme light', {verb: 'theme', name: 'light'}],
		['scale deploy/web 4', {verb: 'scale', target: {resource: 'deployments', name: 'web'}, replicas: 4}],
		['scale deploy/web --replicas=4', {verb: 'scale', target: {resource: 'deployments', name: 'web'}, replicas: 4}],
		['scale --replicas 2 deployment web', {verb: 'scale', target: {resource: 'deployments', name: 'web'}, replicas: 2}],
		['scale deploy/web 0 -n prod', {verb: 'scale', target: {resource: 'deployments', name: 'web', namespace: 'prod'}, replicas: 0}],
		['scale 3', {verb: 'scale', target: {}, replicas: 3}],
		['label deploy/web team=blue', {verb: 'label', target: {resource: 'deployments', name: 'web'}, changes: [{key: 'team', value: 'blue'}], overwrite: false}],
		['label deploy/web team- tier=front --overwrite', {verb: 'label', target: {resource: 'deployments', name: 'web'}, changes: [{key: 'team'}, {key: 'tier', value: 'front'}], overwrite: true}],
		['label team=red', {verb: 'label', target: {}, changes: [{key: 'team', value: 'red'}], overwrite: false}],
		['expose deploy/web --type=NodePort --port=8080', {verb: 'expose', target: {resource: 'deployments', name: 'web'}, port: 8080, type: 'NodePort', protocol: 'TCP'}],
		['expose deploy/web --port 80 --target-port=8080 --name=front', {verb: 'expose', port: 80, targetPort: '8080', name: 'front', type: 'ClusterIP'}],
		['set image deploy/web web=nginx:1.27', {verb: 'set-image', target: {resource: 'deployments', name: 'web'}, images: [{container: 'web', image: 'nginx:1.27'}]}],
		['set image web=nginx:1.27', {verb: 'set-image', target: {}, images: [{container: 'web', image: 'nginx:1.27'}]}],
		['rollout undo deploy/web', {verb: 'rollout', action: 'undo', target: {resource: 'deployments', name: 'web'}}],
		['rollout undo deploy/web --to-revision=2', {verb: 'rollout', action: 'undo', toRevision: 2}],
		['rollout restart deployment web', {verb: 'rollout', action: 'restart', target: {resource: 'deployments', name: 'web'}}],
		['rollout status deploy/web', {verb: 'rollout', action: 'status'}],
		['rollout history deploy/web', {verb: 'rollout', action: 'history'}],
		['delete pod/web-1', {verb: 'delete', target: {resource: 'pods', name: 'web-1'}, cascade: 'background'}],
		['delete deploy web --cascade=orphan', {verb: 'delete', target: {resource: 'deployments', name: 'web'}, cascade: 'orphan'}],
		['delete', {verb: 'delete', target: {}}],
		['create deployment web --image=nginx', {verb: 'create-deployment', name: 'web', image: 'nginx', replicas: 1}],
		['create deploy web --image nginx --replicas=3', {verb: 'create-deployment', name: 'web', image: 'nginx', replicas: 3}],
		['apply -f /tmp/app.yaml', {verb: 'apply', file: '/tmp/app.yaml'}],
		['apply --filename=app.yaml', {verb: 'apply', file: 'app.yaml'}],
		['cordon node-1', {verb: 'cordon', target: {resource: 'nodes', name: 'node-1'}}],
		['uncordon node/node-1', {verb: 'uncordon', target: {resource: 'nodes', name: 'node-1'}}],
		['drain', {verb: 'drain', target: {resource: 'nodes'}}],
		['node stop node-2', {verb: 'power', state: 'off', target: {resource: 'nodes', name: 'node-2'}}],
		['node start node-2', {verb: 'power', state: 'on'}],
		['label "deploy/web" note="two words"', {verb: 'label', changes: [{key: 'note', value: 'two words'}]}],
	])('%s', (line, expected) => {
		expect(parse(line)).toMatchObject(expected);
	});

	it.each([
		['frobnicate now', /unknown command "frobnicate"/],
		['', /empty command/],
		['scale deploy/web', /number of replicas is required/],
		['scale deploy/web many', /unexpected argument "many"|must be a non-negative integer/],
		['scale deploy/web --replicas=-1', /must be a non-negative integer/],
		['scale widgets/web 2', /doesn't have a resource type "widgets"/],
		['label deploy/web', /at least one label update/],
		['expose deploy/web', /--port is required/],
		['expose deploy/web --port=80 --type=Magic', /unknown service type/],
		['set image deploy/web', /CONTAINER=IMAGE is required/],
		['set env deploy/web A=1', /unknown set command "env"/],
		['rollout pause deploy/web', /unknown rollout command "pause"/],
		['delete deploy/web --cascade=sometimes', /invalid cascade/],
		['create deployment web', /--image is required/],
		['create pod web --image=x', /cannot create "pod"/],
		['apply', /-f FILE is required/],
		['node reboot n1', /unknown node command/],
	])('%j fails with a usage hint: %s', (line, message) => {
		let error: unknown;
		try {
			parse(line);
		} catch (caught) {
			error = caught;
		}

		expect(error).toBeInstanceOf(CommandError);
		expect((error as CommandError).message).toMatch(message);
		expect((error as CommandError).usage).toBeTruthy();
	});
});
