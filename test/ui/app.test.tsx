import {afterEach, describe, expect, it} from 'vitest';
import {FakeClusterClient} from '../helpers/ui-fake-client.js';
import {BACKSPACE, CTRL_D, DOWN, ENTER, ESC, UP} from '../helpers/ui-keys.js';
import {bootcampObjects, deploymentObject, podObject, replicaSetObject} from '../helpers/ui-objects.js';
import {renderDashboard, type RenderedDashboard} from '../helpers/ui-render.js';

const podName = /kubernetes-bootcamp-fb5c67579-[a-z\d]{5}/;
let current: RenderedDashboard | undefined;

async function open(options: Parameters<typeof renderDashboard>[0] = {}) {
	current = await renderDashboard({objects: bootcampObjects(3), ...options});
	return current;
}

afterEach(() => {
	current?.unmount();
	current = undefined;
});

/** The line of a frame that contains text. */
function lineWith(frame: string, text: string | RegExp): string | undefined {
	return frame.split('\n').find(line => (typeof text === 'string' ? line.includes(text) : text.test(line)));
}

describe('dashboard', () => {
	it('opens on the pods of the default namespace with the cluster summary', async () => {
		const ui = await open({kubeconfigHint: '/tmp/kd/kubeconfig'});
		const frame = await ui.waitFor(podName);
		expect(frame).toContain('pods(default)[3]');
		expect(frame).toMatch(/NAME +READY +STATUS +RESTARTS/);
		expect(lineWith(frame, 'aaaa0')).toMatch(/kubernetes-bootcamp-fb5c67579-aaaa0 +1\/1 +Running/);
		expect(frame).toContain('Context: kubedeck');
		expect(frame).toContain('Nodes: 2/2');
		expect(frame).toContain('export KUBECONFIG=/tmp/kd/kubeconfig');
	});

	it('keeps the frame as tall as the terminal', async () => {
		const ui = await open({rows: 30});
		const frame = await ui.waitFor(podName);
		expect(frame.split('\n')).toHaveLength(30);
	});

	it('switches panes with :deploy and scales with :scale deploy/NAME N', async () => {
		const ui = await open();
		await ui.press(':deploy', ENTER);
		await ui.waitFor(/UP-TO-DATE/);
		expect(lineWith(ui.lastFrame(), 'kubernetes-bootcamp')).toMatch(/kubernetes-bootcamp +3\/3/);
		await ui.press(':scale deploy/kubernetes-bootcamp 5', ENTER);
		await ui.waitFor(/deployment.apps\/kubernetes-bootcamp scaled/);
		expect(ui.client.calls.find(call => call.verb === 'patch')).toMatchObject({resource: 'deployments', name: 'kubernetes-bootcamp', body: {spec: {replicas: 5}}});
		await ui.waitFor(/kubernetes-bootcamp +3\/5/);
	});

	it('takes a whole command typed in one chunk, keys and all', async () => {
		const ui = await open();
		await ui.press(':deploy\r');
		await ui.waitFor(/UP-TO-DATE/);
	});

	it('answers a bad command with a usage hint, not a crash', async () => {
		const ui = await open();
		await ui.press(':frobnicate now', ENTER);
		await ui.waitFor(/unknown command "frobnicate"/);
		await ui.press(':scale deploy/kubernetes-bootcamp lots', ENTER);
		await ui.waitFor(/usage: :scale/);
	});

	it('filters rows as the filter is typed, and esc clears it', async () => {
		const ui = await open();
		await ui.press('/', 'zzz-no-such-pod', ENTER);
		let frame = await ui.waitFor(/no rows match/);
		expect(frame).not.toMatch(podName);
		await ui.press(ESC);
		frame = await ui.waitFor(podName);
		await ui.press(ESC);
		expect(ui.lastFrame()).toMatch(podName);
		await ui.press('/', 'aaaa1');
		frame = await ui.waitFor(/pods\(default\)\[1\]/);
		expect(frame).toContain('kubernetes-bootcamp-fb5c67579-aaaa1');
	});

	it('moves the selection with j/k and arrows and describes the selected pod', async () => {
		const ui = await open();
		await ui.press('j', DOWN, UP);
		await ui.press('d');
		const frame = await ui.waitFor(/Containers:/);
		expect(frame).toContain('Name:             kubernetes-bootcamp-fb5c67579-aaaa1');
		expect(frame).toContain('Events:');
		await ui.press(ESC);
		await ui.waitFor(/pods\(default\)/);
	});

	it('shows the logs of the selected pod', async () => {
		const client = new FakeClusterClient({
			objects: bootcampObjects(1),
			logs: (_namespace, pod, _options, emit) => {
				emit([`2024-01-01T00:00:00Z Kubernetes Bootcamp App Started At: now | Running On: ${pod}`]);
			},
		});
		const ui = await open({client});
		await ui.press('l');
		const frame = await ui.waitFor(/Kubernetes Bootcamp App Started At/);
		expect(frame).toContain('Logs default/kubernetes-bootcamp-fb5c67579-aaaa0');
		expect(frame).not.toContain('2024-01-01T00:00:00Z');
		await ui.press('t');
		await ui.waitFor(/2024-01-01T00:00:00Z Kubernetes Bootcamp/);
	});

	it('shows help from the binding table', async () => {
		const ui = await open();
		await ui.press('?');
		const frame = await ui.waitFor(/Help/);
		expect(frame).toContain('<ctrl-d>');
		expect(frame).toContain('Delete');
		await ui.press(ESC);
		await ui.waitFor(podName);
	});

	it('quits with :q and exit code 0', async () => {
		const ui = await open();
		await ui.press(':q', ENTER);
		await expect(ui.exited).resolves.toBe(0);
		current = undefined;
	});

	it('quits with q', async () => {
		const ui = await open();
		await ui.press('q');
		await expect(ui.exited).resolves.toBe(0);
		current = undefined;
	});

	it('does not quit on esc at the top of the stack', async () => {
		const ui = await open();
		await ui.press(ESC, ESC);
		expect(ui.lastFrame()).toMatch(podName);
	});

	it('drills from a deployment to its pods and back', async () => {
		const objects = [...bootcampObjects(2), deploymentObject('other'), podObject('other-7f9c-abcde', {labels: {app: 'other'}})];
		const ui = await open({objects});
		await ui.press(':dp', ENTER);
		await ui.waitFor(/UP-TO-DATE/);
		await ui.press(ENTER);
		const frame = await ui.waitFor(/pods\(default:deployment\/kubernetes-bootcamp\)\[2\]/);
		expect(frame).not.toContain('other-7f9c-abcde');
		expect(frame).toContain('<deployments>');
		await ui.press(ESC);
		await ui.waitFor(/deployments\(default\)/);
	});

	it('asks before deleting and deletes with the chosen propagation', async () => {
		const ui = await open();
		await ui.press(CTRL_D);
		await ui.waitFor(/Delete pod default\/kubernetes-bootcamp-fb5c67579-aaaa0\?/);
		await ui.press(ESC);
		expect(ui.client.calls.some(call => call.verb === 'delete')).toBe(false);
		await ui.press(CTRL_D);
		await ui.waitFor(/Foreground/);
		await ui.press('l', ENTER);
		await ui.waitFor(/pod "kubernetes-bootcamp-fb5c67579-aaaa0" deleted/);
		expect(ui.client.calls.find(call => call.verb === 'delete')).toMatchObject({name: 'kubernetes-bootcamp-fb5c67579-aaaa0', options: {propagationPolicy: 'Foreground'}});
	});

	it('in read-only mode hides dangerous keys and refuses mutating commands', async () => {
		const ui = await open({readonly: true});
		expect(ui.lastFrame()).not.toContain('<ctrl-d>');
		await ui.press(CTRL_D);
		await ui.waitFor(/read-only mode: delete is disabled/);
		await ui.press(':scale deploy/kubernetes-bootcamp 1', ENTER);
		await ui.waitFor(/read-only mode: "scale" would change the cluster/);
		expect(ui.client.calls.some(call => call.verb === 'patch' || call.verb === 'delete')).toBe(false);
		await ui.press('?');
		const help = await ui.waitFor(/Help/);
		expect(help).not.toContain('Delete');
	});

	it('scales the selected deployment from a prompt with s', async () => {
		const ui = await open();
		await ui.press(':deploy', ENTER);
		await ui.waitFor(/UP-TO-DATE/);
		await ui.press('s');
		await ui.waitFor(/Scale kubernetes-bootcamp to: 3/);
		await ui.press(BACKSPACE, '4', ENTER);
		await ui.waitFor(/scaled/);
		expect(ui.client.calls.find(call => call.verb === 'patch')).toMatchObject({body: {spec: {replicas: 4}}});
	});

	it('follows the cluster: new and removed pods appear and disappear', async () => {
		const ui = await open();
		ui.client.put('pods', podObject('kubernetes-bootcamp-fb5c67579-zzzzz', {labels: {app: 'kubernetes-bootcamp'}}));
		await ui.waitFor(/kubernetes-bootcamp-fb5c67579-zzzzz/);
		ui.client.remove('pods', 'default', 'kubernetes-bootcamp-fb5c67579-aaaa0');
		await ui.waitFor(frame => !frame.includes('aaaa0'));
	});

	it('says what it needs below the smallest size, and recovers on resize', async () => {
		const ui = await open();
		await ui.resize(50, 10);
		await ui.waitFor(frame => frame.replaceAll("\n", " ").includes("at least 60x12; this one is 50x10"));
		await ui.resize(100, 30);
		await ui.waitFor(podName);
	});
});

describe('dashboard without colour', () => {
	it('marks the selected row when styles may not show (monochrome under TERM=dumb)', async () => {
		const ui = await renderDashboard({objects: bootcampObjects(2), environment: {TERM: 'dumb'}});
		current = ui;
		await ui.waitFor(/>kubernetes-bootcamp-fb5c67579-aaaa0/);
		await ui.press('j');
		const frame = await ui.waitFor(/>kubernetes-bootcamp-fb5c67579-aaaa1/);
		expect(frame).toContain(' kubernetes-bootcamp-fb5c67579-aaaa0');
	});
});

describe('rollout history', () => {
	it('lists revisions with images and rolls back to the selected one after confirming', async () => {
		const deployment = deploymentObject('web', {image: 'web:v2', revision: 2});
		const objects = [
			deployment,
			replicaSetObject('web-111', deployment, {revision: 1, image: 'web:v1'}),
			replicaSetObject('web-222', deployment, {revision: 2, image: 'web:v2', replicas: 1}),
		];
		const ui = await renderDashboard({objects});
		current = ui;
		await ui.press(':rollout history deploy/web', ENTER);
		const frame = await ui.waitFor(/history\(default:deployment\/web\)\[2\]/);
		expect(frame).toMatch(/REVISION +REPLICASET +IMAGES/);
		expect(lineWith(frame, 'web-222')).toMatch(/^ +2 +web-222 +web:v2/);
		await ui.press('j', '\u000C');
		await ui.waitFor(/Roll deployment web back to revision 1\?/);
		await ui.press(ENTER);
		await ui.waitFor(/deployment.apps\/web rolled back/);
		expect((await ui.client.get('deployments', 'default', 'web'))['spec']).toMatchObject({template: {spec: {containers: [{image: 'web:v1'}]}}});
	});
});

describe('namespaces', () => {
	it('switches with :ns, lists favourites, 0 shows all and 1-9 go back', async () => {
		const objects = [...bootcampObjects(1), podObject('coredns-abc-12345', {namespace: 'kube-system'})];
		const ui = await renderDashboard({objects});
		current = ui;
		await ui.press(':ns kube-system', ENTER);
		let frame = await ui.waitFor(/pods\(kube-system\)\[1\]/);
		expect(frame).toContain('<1> kube-system <2> default');
		await ui.press('0');
		frame = await ui.waitFor(/pods\(all\)\[2\]/);
		expect(frame).toMatch(/NAMESPACE +NAME/);
		await ui.press('2');
		await ui.waitFor(/pods\(default\)\[1\]/);
		expect(ui.settings.get('views')?.['kubedeck']?.namespace).toBe('default');
	});
});

describe('robustness', () => {
	it('shows an object its renderer cannot read as a failing row instead of crashing', async () => {
		const broken = podObject('broken-pod');
		(broken['spec'] as Record<string, unknown>)['initContainers'] = 'not a list';
		const ui = await renderDashboard({objects: [...bootcampObjects(1), broken]});
		current = ui;
		const frame = await ui.waitFor(/broken-pod/);
		expect(lineWith(frame, 'broken-pod')).toMatch(/broken-pod +\?/);
		expect(frame).toContain('kubernetes-bootcamp-fb5c67579-aaaa0');
	});
});
