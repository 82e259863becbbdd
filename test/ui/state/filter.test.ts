import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/cluster/api/object.js';
import {makeRow} from '../../../source/ui/render/common.js';
import {applyFilter, parseFilter} from '../../../source/ui/state/filter.js';

function row(name: string, labels: Record<string, string>, status = 'Running') {
	const object: KubeObject = {metadata: {name, namespace: 'default', labels}};
	return makeRow(object, [name, status]);
}

const rows = [
	row('web-abc', {app: 'web', tier: 'front'}),
	row('web-def', {app: 'web', tier: 'front'}, 'CrashLoopBackOff'),
	row('db-0', {app: 'db', tier: 'back'}),
	row('kubernetes-bootcamp-x1', {app: 'kubernetes-bootcamp'}),
];
const names = (input: string) => applyFilter(rows, parseFilter(input)).map(entry => entry.object.metadata.name);

describe('filter', () => {
	it.each([
		['', ['web-abc', 'web-def', 'db-0', 'kubernetes-bootcamp-x1']],
		['web', ['web-abc', 'web-def']],
		['WEB', ['web-abc', 'web-def']],
		['crashloop', ['web-def']],
		['!web', ['db-0', 'kubernetes-bootcamp-x1']],
		['-l app=web', ['web-abc', 'web-def']],
		['-l tier!=front', ['db-0', 'kubernetes-bootcamp-x1']],
		['-l app in (db,web),tier=back', ['db-0']],
		['-l tier', ['web-abc', 'web-def', 'db-0']],
		['-l !tier', ['kubernetes-bootcamp-x1']],
		['zzz-no-such-pod', []],
	])('%j keeps %j', (input, expected) => {
		expect(names(input)).toEqual(expected);
	});

	it('fuzzy matching puts the best match first', () => {
		expect(names('-f kbc')[0]).toBe('kubernetes-bootcamp-x1');
		expect(names('-f wbdf')).toEqual(['web-def']);
	});

	it('reports a bad label selector and keeps all rows', () => {
		const filter = parseFilter('-l app=(');
		expect(filter.kind).toBe('invalid');
		expect(applyFilter(rows, filter)).toHaveLength(4);
	});
});
