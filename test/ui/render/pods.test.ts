import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {podsRenderer} from '../../../source/ui/render/pods.js';

const pods = JSON.parse(readFileSync(new URL('../../fixtures/ui/pods.json', import.meta.url), 'utf8')) as KubeObject[];

function cellsByTitle(object: KubeObject, allNamespaces = false): Record<string, string> {
	const columns = podsRenderer.columns({allNamespaces});
	const row = podsRenderer.row(object, {allNamespaces});
	return Object.fromEntries(columns.map((column, index) => [column.title, row.cells[index]]));
}

describe('pods renderer', () => {
	it('has the k9s columns, NAMESPACE only for all namespaces', () => {
		expect(podsRenderer.columns({allNamespaces: false}).map(column => column.title)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'CPU', 'MEM', 'IP', 'NODE', 'AGE']);
		expect(podsRenderer.columns({allNamespaces: true})[0].title).toBe('NAMESPACE');
	});

	it.each([
		['web-7d4b9c6f5d-abcde', '1/1', 'Running', '0', 'running'],
		['web-7d4b9c6f5d-fghij', '0/1', 'Pending', '0', 'pending'],
		['crashy-0', '1/2', 'CrashLoopBackOff', '7', 'failing'],
		['batch-xyz12', '0/1', 'Completed', '0', 'completed'],
		['web-7d4b9c6f5d-klmno', '1/1', 'Terminating', '0', 'terminating'],
		['init-wait', '0/1', 'Init:0/1', '0', 'pending'],
	])('%s: READY %s, STATUS %s, RESTARTS %s, coloured %s', (name, ready, status, restarts, state) => {
		const pod = pods.find(candidate => candidate.metadata.name === name)!;
		const cells = cellsByTitle(pod);
		expect([cells['READY'], cells['STATUS'], cells['RESTARTS']]).toEqual([ready, status, restarts]);
		expect(podsRenderer.row(pod, {allNamespaces: false}).state).toBe(state);
	});

	it('fills IP and NODE, <none> when unscheduled', () => {
		expect(cellsByTitle(pods[0])).toMatchObject({IP: '10.244.1.5', NODE: 'node-1'});
		expect(cellsByTitle(pods[1])).toMatchObject({IP: '<none>', NODE: '<none>'});
	});

	it('computes AGE, CPU and MEM at display time from the clock and metrics', () => {
		const columns = podsRenderer.columns({allNamespaces: false});
		const live = (id: string) => columns.find(column => column.id === id)!.live!;
		const now = Date.parse('2024-01-01T00:03:32Z');
		expect(live('age').value(pods[0], {now})).toBe('3m32s');
		const podMetrics = new Map([['default/web-7d4b9c6f5d-abcde', {namespace: 'default', name: 'web-7d4b9c6f5d-abcde', cpuMilli: 12, memoryBytes: 64 * 2 ** 20}]]);
		expect(live('cpu').value(pods[0], {now, podMetrics})).toBe('12m');
		expect(live('mem').value(pods[0], {now, podMetrics})).toBe('64Mi');
		expect(live('cpu').value(pods[1], {now, podMetrics})).toBe('n/a');
	});

	it('keys rows by namespace/name and searches all cells lower-cased', () => {
		const row = podsRenderer.row(pods[2], {allNamespaces: true});
		expect(row.key).toBe('apps/crashy-0');
		expect(row.search).toContain('crashloopbackoff');
		expect(row.search).toContain('apps');
	});
});
