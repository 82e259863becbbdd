import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {rendererFor} from '../../../source/ui/render/registry.js';
import type {Renderer} from '../../../source/ui/render/types.js';

function fixture(name: string): KubeObject[] {
	return JSON.parse(readFileSync(new URL(`../../fixtures/ui/${name}.json`, import.meta.url), 'utf8')) as KubeObject[];
}

function table(renderer: Renderer, objects: KubeObject[], allNamespaces = false) {
	const columns = renderer.columns({allNamespaces});
	return {
		titles: columns.map(column => column.title),
		rows: objects.map(object => {
			const row = renderer.row(object, {allNamespaces});
			return {cells: Object.fromEntries(columns.map((column, index) => [column.title, row.cells[index]])), state: row.state};
		}),
	};
}

describe('renderers', () => {
	it('deployments: NAME READY UP-TO-DATE AVAILABLE AGE, pending while rolling, grey at zero', () => {
		const {titles, rows} = table(rendererFor('deployments'), fixture('deployments'));
		expect(titles).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
		expect(rows.map(row => [row.cells['NAME'], row.cells['READY'], row.cells['UP-TO-DATE'], row.cells['AVAILABLE'], row.state])).toEqual([
			['kubernetes-bootcamp', '3/3', '3', '3', 'running'],
			['rolling', '3/4', '2', '3', 'pending'],
			['idle', '0/0', '0', '0', 'completed'],
		]);
	});

	it('nodes: status with SchedulingDisabled, roles from labels, version', () => {
		const {titles, rows} = table(rendererFor('nodes'), fixture('nodes'));
		expect(titles).toEqual(['NAME', 'STATUS', 'ROLE', 'VERSION', 'PODS', 'CPU', 'MEM', 'AGE']);
		expect(rows[0].cells).toMatchObject({STATUS: 'Ready', ROLE: 'control-plane', VERSION: 'v1.32.4'});
		expect(rows[0].state).toBe('running');
		expect(rows[1].cells).toMatchObject({STATUS: 'Unknown,SchedulingDisabled', ROLE: '<none>'});
		expect(rows[1].state).toBe('failing');
	});

	it('nodes: PODS, CPU and MEM from the live context', () => {
		const renderer = rendererFor('nodes');
		const [node] = fixture('nodes');
		const columns = renderer.columns({allNamespaces: false});
		const context = {now: 0, podCounts: new Map([['kubedeck-control-plane', 7]]), nodeMetrics: new Map([['kubedeck-control-plane', {cpuMilli: 400, memoryBytes: 2 * 2 ** 30}]])};
		const value = (id: string) => columns.find(column => column.id === id)!.live!.value(node, context);
		expect([value('pods'), value('cpu'), value('mem')]).toEqual(['7', '400m 10%', '2048Mi 25%']);
	});

	it('services: ports like kubectl, <pending> for a load balancer without address', () => {
		const {titles, rows} = table(rendererFor('services'), fixture('services'));
		expect(titles).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
		expect(rows.map(row => [row.cells['TYPE'], row.cells['EXTERNAL-IP'], row.cells['PORT(S)']])).toEqual([
			['ClusterIP', '<none>', '443/TCP'],
			['NodePort', '<none>', '8080:32766/TCP'],
			['LoadBalancer', '<pending>', '80:30080/TCP'],
		]);
	});

	it('events: warnings stand out, newest first by default', () => {
		const renderer = rendererFor('events');
		const {rows} = table(renderer, fixture('events'));
		expect(rows[1].cells).toMatchObject({TYPE: 'Warning', REASON: 'BackOff', OBJECT: 'pod/crashy-0', COUNT: '12'});
		expect(rows[1].state).toBe('warning');
		expect(renderer.defaultSort).toEqual({column: 'last-seen', descending: false});
	});

	it('unknown kinds get NAME and AGE', () => {
		const renderer = rendererFor('leases');
		expect(renderer.columns({allNamespaces: true}).map(column => column.title)).toEqual(['NAMESPACE', 'NAME', 'AGE']);
	});
});
