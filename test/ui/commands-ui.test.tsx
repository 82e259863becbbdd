import {afterEach, describe, expect, it} from 'vitest';
import {FakeClusterClient} from '../helpers/ui-fake-client.js';
import {BACKSPACE, DOWN, ENTER, ESC, TAB, UP} from '../helpers/ui-keys.js';
import {bootcampObjects, nodeObject, podObject, serviceObject} from '../helpers/ui-objects.js';
import {renderDashboard, type RenderedDashboard} from '../helpers/ui-render.js';

let current: RenderedDashboard | undefined;
afterEach(() => {
	current?.unmount();
	current = undefined;
});

async function open(options: Parameters<typeof renderDashboard>[0] = {}) {
	current = await renderDashboard({objects: bootcampObjects(2), ...options});
	return current;
}

describe('command line', () => {
	it('completes verbs, kinds and names with tab', async () => {
		const ui = await open();
		const line = () => ui.dashboard.services.store.getState().prompt?.line.text;
		await ui.press(':sca', TAB);
		expect(line()).toBe('scale ');
		await ui.press('dep', TAB);
		expect(line()).toBe('scale deploy/');
		await ui.press(TAB);
		expect(line()).toBe('scale deploy/kubernetes-bootcamp ');
		await ui.waitFor(/:scale deploy\/kubernetes-bootcamp/);
		await ui.press('1', ENTER);
		await ui.waitFor(/scaled/);
	});

	it('walks the history with up and down, and remembers it in the settings', async () => {
		const ui = await open({settings: {history: ['deploy']}});
		await ui.press(':svc', ENTER);
		await ui.waitFor(/services\(default\)/);
		await ui.press(':', UP);
		await ui.waitFor(/:svc/);
		await ui.press(UP);
		await ui.waitFor(/:deploy/);
		await ui.press(DOWN, DOWN);
		await ui.waitFor(frame => /^:\s*$/m.test(frame));
		await ui.press(ESC);
		expect(ui.settings.get('history')).toEqual(['deploy', 'svc']);
	});

	it('leaves the command line with backspace on an empty line', async () => {
		const ui = await open();
		await ui.press(':', BACKSPACE);
		await ui.waitFor(/<:> Command mode/);
	});

	it('labels and exposes through commands, as kubectl would', async () => {
		const ui = await open();
		await ui.press(':label deploy/kubernetes-bootcamp team=blue', ENTER);
		await ui.waitFor(/deployment.apps\/kubernetes-bootcamp labeled/);
		await ui.press(':expose deploy/kubernetes-bootcamp --type=NodePort --port=8080 --name=boot2', ENTER);
		await ui.waitFor(/service\/boot2 exposed/);
		expect((await ui.client.get('services', 'default', 'boot2'))['spec']).toMatchObject({type: 'NodePort', selector: {app: 'kubernetes-bootcamp'}});
		await ui.press(':svc', ENTER);
		await ui.waitFor(/boot2 +NodePort/);
	});

	it('switches theme live and says so for an unknown one', async () => {
		const ui = await open();
		await ui.press(':theme light', ENTER);
		await ui.waitFor(/theme light/);
		expect(ui.dashboard.services.store.getState().theme).toBe('light');
		await ui.press(':theme plaid', ENTER);
		await ui.waitFor(/unknown theme "plaid"/);
	});

	it('shows the context', async () => {
		const ui = await open();
		await ui.press(':ctx', ENTER);
		await ui.waitFor(/contexts\[1\]/);
		expect(ui.lastFrame()).toMatch(/kubedeck +https:\/\/127\.0\.0\.1:6443 +v1\.32\.4/);
	});
});

describe('drill-down', () => {
	it('opens the pods on a node and the pods behind a service', async () => {
		const objects = [...bootcampObjects(2), serviceObject('boot', {selector: {app: 'kubernetes-bootcamp'}}), podObject('lonely-abc-12345', {labels: {app: 'lonely'}, node: 'node-2'})];
		const ui = await open({objects});
		await ui.press(':no', ENTER);
		await ui.waitFor(/nodes\[2\]/);
		await ui.press('j', ENTER);
		let frame = await ui.waitFor(/pods\(all:node\/node-2\)\[2\]/);
		expect(frame).toContain('lonely-abc-12345');
		await ui.press(ESC, ':svc', ENTER);
		await ui.waitFor(/services\(default\)/);
		await ui.press(ENTER);
		frame = await ui.waitFor(/pods\(default:service\/boot\)\[2\]/);
		expect(frame).not.toContain('lonely');
	});

	it('switches to a namespace from the namespaces list', async () => {
		const objects = [...bootcampObjects(1), podObject('coredns-abc-12345', {namespace: 'kube-system'})];
		const ui = await open({objects});
		await ui.press(':ns', ENTER);
		await ui.waitFor(/namespaces\[2\]/);
		await ui.press('j', ENTER);
		await ui.waitFor(/pods\(kube-system\)\[1\]/);
	});
});

describe('node actions', () => {
	it('cordons with c, drains after confirming, and powers off only on kubedeck clusters', async () => {
		const objects = [nodeObject('node-1'), podObject('web-abc-12345', {node: 'node-1'})];
		const ui = await open({objects});
		await ui.press(':no', ENTER);
		await ui.waitFor(/nodes\[1\]/);
		await ui.press('c');
		await ui.waitFor(/node\/node-1 cordoned/);
		await ui.waitFor(/Ready,SchedulingDisabled/);
		await ui.press('r');
		await ui.waitFor(/Drain node node-1\?/);
		await ui.press(ENTER);
		await ui.waitFor(/node\/node-1 drained \(1 pod evicted\)/);
		await ui.press('o');
		await ui.waitFor(/Power off node node-1\?/);
		await ui.press(ENTER);
		await ui.waitFor(/node\/node-1 powered off/);
	});

	it('has no power key on a real cluster', async () => {
		const client = new FakeClusterClient({objects: [nodeObject('node-1')], info: {embedded: false}});
		const ui = await open({client});
		await ui.press(':no', ENTER);
		const frame = await ui.waitFor(/nodes\[1\]/);
		expect(frame).not.toContain('Power');
		await ui.press('o');
		expect(ui.client.calls.some(call => call.verb === 'patch')).toBe(false);
	});
});
