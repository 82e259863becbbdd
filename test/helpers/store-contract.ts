import {describe, expect, it} from 'vitest';
import {
	CompactedError,
	ConflictError,
	FutureRevisionError,
	KeyExistsError,
	KeyNotFoundError,
	StoreError,
	type Backend,
} from '../../source/cluster/store/backend.js';
import {collectEvents, configMap, podKey, settle} from './store-objects.js';

/**
 * The behaviour every store driver shares, run against each of them.
 * @param open opens a fresh, empty store; historyLimit bounds its kept history.
 */
export function describeBackendContract(
	driver: string,
	open: (options?: {historyLimit?: number}) => Promise<Backend>,
): void {
	describe(`${driver} store`, () => {
		it('starts at revision 1 and gives the first write revision 2', async () => {
			const store = await open();
			expect(store.currentRevision()).toBe(1);
			const created = await store.create(podKey('a'), configMap('a'));
			expect(created.modRevision).toBe(2);
			expect(created.createRevision).toBe(2);
			expect(store.currentRevision()).toBe(2);
			await store.close();
		});

		it('sets resourceVersion on the stored value without touching the caller object', async () => {
			const store = await open();
			const value = configMap('a', {colour: 'blue'});
			const created = await store.create(podKey('a'), value);
			expect(created.value.metadata.resourceVersion).toBe('2');
			expect(value.metadata.resourceVersion).toBeUndefined();
			expect(store.get(podKey('a'))?.value).toEqual({...value, metadata: {...value.metadata, resourceVersion: '2'}});
			await store.close();
		});

		it('refuses to create a key that exists', async () => {
			const store = await open();
			await store.create(podKey('a'), configMap('a'));
			await expect(store.create(podKey('a'), configMap('a'))).rejects.toBeInstanceOf(KeyExistsError);
			expect(store.currentRevision()).toBe(2);
			await store.close();
		});

		it('updates only when the expected revision matches', async () => {
			const store = await open();
			const created = await store.create(podKey('a'), configMap('a', {v: '1'}));
			const updated = await store.update(podKey('a'), configMap('a', {v: '2'}), created.modRevision);
			expect(updated.modRevision).toBe(3);
			expect(updated.createRevision).toBe(2);
			expect(updated.value.metadata.resourceVersion).toBe('3');

			const stale = store.update(podKey('a'), configMap('a', {v: '3'}), created.modRevision);
			await expect(stale).rejects.toBeInstanceOf(ConflictError);
			await expect(stale).rejects.toMatchObject({expected: 2, actual: 3});
			await expect(store.update(podKey('b'), configMap('b'), 2)).rejects.toBeInstanceOf(KeyNotFoundError);
			expect(store.get(podKey('a'))?.value.data).toEqual({v: '2'});
			await store.close();
		});

		it('decides concurrent compare-and-swap writes in order: exactly one wins', async () => {
			const store = await open();
			const created = await store.create(podKey('a'), configMap('a'));
			const attempts = await Promise.allSettled(
				Array.from({length: 5}, async (_, index) =>
					store.update(podKey('a'), configMap('a', {writer: String(index)}), created.modRevision),
				),
			);
			expect(attempts.filter(attempt => attempt.status === 'fulfilled')).toHaveLength(1);
			expect(store.get(podKey('a'))?.value.data).toEqual({writer: '0'});
			await store.close();
		});

		it('deletes, returning the last object, and honours an expected revision', async () => {
			const store = await open();
			const created = await store.create(podKey('a'), configMap('a'));
			await expect(store.delete(podKey('a'), 99)).rejects.toBeInstanceOf(ConflictError);
			const deleted = await store.delete(podKey('a'), created.modRevision);
			expect(deleted.value.metadata.name).toBe('a');
			expect(deleted.modRevision).toBe(2);
			expect(store.get(podKey('a'))).toBeUndefined();
			expect(store.currentRevision()).toBe(3);
			await expect(store.delete(podKey('a'))).rejects.toBeInstanceOf(KeyNotFoundError);

			const again = await store.create(podKey('a'), configMap('a'));
			expect(again.createRevision).toBe(4);
			await store.close();
		});

		it('lists keys under a prefix in key order, and counts them', async () => {
			const store = await open();
			for (const name of ['c', 'a', 'b']) {
				await store.create(podKey(name, 'one'), configMap(name));
			}

			await store.create(podKey('z', 'two'), configMap('z'));
			await store.create('/registry/services/one/a', configMap('a'));
			const listed = store.list('/registry/pods/one/');
			expect(listed.items.map(item => item.key)).toEqual([podKey('a', 'one'), podKey('b', 'one'), podKey('c', 'one')]);
			expect(listed.revision).toBe(6);
			expect(store.list('/registry/pods/').items).toHaveLength(4);
			expect(store.count('/registry/pods/')).toBe(4);
			expect(store.count('/registry/pods/one/')).toBe(3);
			expect(store.count('/registry/nothing/')).toBe(0);
			await store.delete(podKey('b', 'one'));
			expect(store.count('/registry/pods/one/')).toBe(2);
			await store.close();
		});

		it('lists the state as it was at a past revision', async () => {
			const store = await open();
			const a = await store.create(podKey('a'), configMap('a', {v: '1'}));
			await store.create(podKey('b'), configMap('b'));
			const before = store.currentRevision();
			await store.update(podKey('a'), configMap('a', {v: '2'}), a.modRevision);
			await store.delete(podKey('b'));
			await store.create(podKey('c'), configMap('c'));

			const past = store.list('/registry/pods/', before);
			expect(past.revision).toBe(before);
			expect(past.items.map(item => [item.key, item.modRevision, item.value.data])).toEqual([
				[podKey('a'), 2, {v: '1'}],
				[podKey('b'), 3, {}],
			]);
			expect(past.items[0].value.metadata.resourceVersion).toBe('2');
			expect(store.list('/registry/pods/').items.map(item => item.key)).toEqual([podKey('a'), podKey('c')]);
			expect(() => store.list('/registry/pods/', store.currentRevision() + 1)).toThrow(FutureRevisionError);
			await store.close();
		});

		it('replays history to a watch, then delivers live events in order, never inside the write', async () => {
			const store = await open();
			await store.create(podKey('a'), configMap('a'));
			await store.create('/registry/services/default/s', configMap('s'));
			const b = await store.create(podKey('b'), configMap('b'));

			const seen = collectEvents();
			store.watch('/registry/pods/', 1, seen.onEvents);
			expect(seen.events).toHaveLength(0);
			const write = store.update(podKey('b'), configMap('b', {v: '2'}), b.modRevision);
			expect(seen.events).toHaveLength(0);
			await write;
			await store.delete(podKey('a'));
			const events = await seen.waitFor(4);
			expect(events.map(event => [event.type, event.key, event.revision, event.created])).toEqual([
				['put', podKey('a'), 2, true],
				['put', podKey('b'), 4, true],
				['put', podKey('b'), 5, false],
				['delete', podKey('a'), 6, false],
			]);
			expect(events[2].prevValue?.metadata.resourceVersion).toBe('4');
			expect(events[3].value.metadata.name).toBe('a');
			expect(events[3].value.metadata.resourceVersion).toBe('6');
			expect(events[3].prevValue?.metadata.resourceVersion).toBe('2');
			await store.close();
		});

		it('watches from the current revision without replay, and stops on request', async () => {
			const store = await open();
			await store.create(podKey('a'), configMap('a'));
			const seen = collectEvents();
			const watcher = store.watch('/registry/pods/', store.currentRevision(), seen.onEvents);
			await store.create(podKey('b'), configMap('b'));
			await seen.waitFor(1);
			expect(seen.events.map(event => event.key)).toEqual([podKey('b')]);
			watcher.stop();
			watcher.stop();
			await store.create(podKey('c'), configMap('c'));
			await settle();
			expect(seen.events).toHaveLength(1);
			await store.close();
		});

		it('batches the events of writes made together', async () => {
			const store = await open();
			const seen = collectEvents();
			store.watch('', store.currentRevision(), seen.onEvents);
			await Promise.all(['a', 'b', 'c'].map(async name => store.create(podKey(name), configMap(name))));
			await seen.waitFor(3);
			expect(seen.batches.length).toBeLessThan(3);
			expect(seen.events.map(event => event.revision)).toEqual([2, 3, 4]);
			await store.close();
		});

		it('fails a watch or a list from a compacted revision', async () => {
			const store = await open();
			for (const name of ['a', 'b', 'c', 'd']) {
				await store.create(podKey(name), configMap(name));
			}

			store.compact(4);
			expect(store.compactedRevision()).toBe(4);
			expect(() => store.watch('', 3, () => {})).toThrow(CompactedError);
			expect(() => store.list('', 3)).toThrow(CompactedError);
			expect(store.list('', 4).items.map(item => item.key)).toEqual([podKey('a'), podKey('b'), podKey('c')]);

			const seen = collectEvents();
			store.watch('', 4, seen.onEvents);
			const events = await seen.waitFor(1);
			expect(events.map(event => event.revision)).toEqual([5]);
			await store.close();
		});

		it('counts history that overflowed its limit as compacted', async () => {
			const store = await open({historyLimit: 3});
			for (const name of ['a', 'b', 'c', 'd', 'e']) {
				await store.create(podKey(name), configMap(name));
			}

			expect(store.currentRevision()).toBe(6);
			expect(store.compactedRevision()).toBe(3);
			expect(() => store.watch('', 2, () => {})).toThrow(CompactedError);
			const seen = collectEvents();
			store.watch('', 3, seen.onEvents);
			const events = await seen.waitFor(3);
			expect(events.map(event => event.revision)).toEqual([4, 5, 6]);
			await store.close();
		});

		it('refuses writes once closed', async () => {
			const store = await open();
			await store.close();
			await expect(store.create(podKey('a'), configMap('a'))).rejects.toBeInstanceOf(StoreError);
		});
	});
}
