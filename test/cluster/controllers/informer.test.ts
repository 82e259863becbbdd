import {describe, expect, it} from 'vitest';
import {createRegistry} from '../../../source/cluster/api/registry.js';
import {Informer} from '../../../source/cluster/controllers/informer.js';
import {WorkQueue} from '../../../source/cluster/controllers/work-queue.js';
import {MemoryBackend} from '../../../source/cluster/store/memory.js';
import {FakeClock} from '../../helpers/cluster-fake-clock.js';

const turn = () => new Promise(resolve => setImmediate(resolve));

describe('informer', () => {
	it('keeps a copy of a resource with indexes and tells handlers what changed', async () => {
		const clock = new FakeClock();
		const api = createRegistry(new MemoryBackend(), {clock, defaultTolerationSeconds: 300});
		await api.create('namespaces', undefined, {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'default'}});
		await api.create('configmaps', 'default', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'a', labels: {tier: 'web'}}});
		const informer = new Informer(api, 'configmaps');
		informer.addIndex('tier', object => (object.metadata.labels?.['tier'] ? [object.metadata.labels['tier']] : []));
		const seen: string[] = [];
		informer.on({
			added: object => seen.push(`added ${object.metadata.name}`),
			updated: (_, object) => seen.push(`updated ${object.metadata.name}`),
			deleted: object => seen.push(`deleted ${object.metadata.name}`),
		});
		informer.start();
		expect(informer.get('default', 'a')).toBeDefined();
		await api.create('configmaps', 'default', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'b', labels: {tier: 'db'}}});
		await api.modify('configmaps', 'default', 'a', object => ({...object, metadata: {...object.metadata, labels: {tier: 'db'}}}));
		await api.delete('configmaps', 'default', 'b');
		for (let index = 0; index < 5; index++) await turn();
		expect(seen).toEqual(['added a', 'added b', 'updated a', 'deleted b']);
		expect(informer.byIndex('tier', 'db').map(object => object.metadata.name)).toEqual(['a']);
		expect(informer.byIndex('tier', 'web')).toEqual([]);
		const late: string[] = [];
		informer.on({added: object => late.push(object.metadata.name!)});
		expect(late).toEqual(['a']);
		informer.stop();
	});
});

describe('work queue', () => {
	it('processes a key queued many times once, and again when queued during processing', async () => {
		const clock = new FakeClock();
		const runs: string[] = [];
		let queue!: WorkQueue;
		queue = new WorkQueue(
			async key => {
				runs.push(key);
				if (runs.length === 1) queue.add(key);
			},
			{clock},
		);
		queue.add('a');
		queue.add('a');
		queue.add('a');
		await queue.idle();
		for (let index = 0; index < 5; index++) await turn();
		await queue.idle();
		expect(runs).toEqual(['a', 'a']);
	});

	it('retries a failing key with growing delays on the injected clock', async () => {
		const clock = new FakeClock();
		let attempts = 0;
		const queue = new WorkQueue(
			async () => {
				attempts++;
				if (attempts < 3) throw new Error('conflict');
			},
			{clock, baseDelayMs: 100},
		);
		queue.add('k');
		await queue.idle();
		expect(attempts).toBe(1);
		clock.advance(99);
		await queue.idle();
		expect(attempts).toBe(1);
		clock.advance(1);
		for (let index = 0; index < 3; index++) await turn();
		await queue.idle();
		expect(attempts).toBe(2);
		clock.advance(200);
		for (let index = 0; index < 3; index++) await turn();
		await queue.idle();
		expect(attempts).toBe(3);
	});
});
