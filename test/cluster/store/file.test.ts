import {appendFileSync, copyFileSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CompactedError, StoreError, StoreLockedError} from '../../../source/cluster/store/backend.js';
import {FileBackend} from '../../../source/cluster/store/file.js';
import {openStore} from '../../../source/cluster/store/open.js';
import {describeBackendContract} from '../../helpers/store-contract.js';
import {collectEvents, configMap, podKey} from '../../helpers/store-objects.js';
import {useTempDirs} from '../../helpers/store-temp.js';

const tempDir = useTempDirs();

describeBackendContract('file', async options => FileBackend.open({dataDir: tempDir(), ...options}));

function segments(dataDir: string): string[] {
	return readdirSync(dataDir)
		.filter(name => name.endsWith('.wal'))
		.sort()
		.map(name => path.join(dataDir, name));
}

async function writeSome(store: FileBackend, count: number, namespace = 'default'): Promise<void> {
	for (let index = 0; index < count; index++) {
		await store.create(podKey(`p${index}`, namespace), configMap(`p${index}`, {index: String(index)}, namespace));
	}
}

describe('file store', () => {
	it('keeps objects, revisions and create revisions across a reopen', async () => {
		const dataDir = tempDir();
		const first = await FileBackend.open({dataDir});
		const a = await first.create(podKey('a'), configMap('a', {v: '1'}));
		await first.create(podKey('b'), configMap('b'));
		await first.update(podKey('a'), configMap('a', {v: '2'}), a.modRevision);
		await first.delete(podKey('b'));
		await first.close();

		const second = await FileBackend.open({dataDir});
		expect(second.currentRevision()).toBe(5);
		expect(second.get(podKey('a'))).toMatchObject({createRevision: 2, modRevision: 4, value: {data: {v: '2'}}});
		expect(second.get(podKey('a'))?.value.metadata.resourceVersion).toBe('4');
		expect(second.get(podKey('b'))).toBeUndefined();
		const c = await second.create(podKey('c'), configMap('c'));
		expect(c.modRevision).toBe(6);
		await second.close();
	});

	it('opens through openStore when given a data directory', async () => {
		const dataDir = path.join(tempDir(), 'nested', 'data');
		const store = await openStore({dataDir});
		expect(store).toBeInstanceOf(FileBackend);
		await store.create(podKey('a'), configMap('a'));
		await store.close();
		const again = await openStore({dataDir});
		expect(again.count('')).toBe(1);
		await again.close();
	});

	it('replays the log after a reopen to watchers, and reports older revisions as compacted', async () => {
		const dataDir = tempDir();
		const first = await FileBackend.open({dataDir});
		await writeSome(first, 3);
		await first.snapshot();
		await writeSome(first, 2, 'other');
		await first.close();

		const second = await FileBackend.open({dataDir});
		expect(second.compactedRevision()).toBe(4);
		expect(() => second.watch('', 3, () => {})).toThrow(CompactedError);
		const seen = collectEvents();
		second.watch('', 4, seen.onEvents);
		const events = await seen.waitFor(2);
		expect(events.map(event => [event.key, event.revision])).toEqual([
			[podKey('p0', 'other'), 5],
			[podKey('p1', 'other'), 6],
		]);
		await second.close();
	});

	it('takes snapshots as the log grows, drops the log they replace, and reopens from them', async () => {
		const dataDir = tempDir();
		const store = await FileBackend.open({dataDir, snapshotLogBytes: 4096});
		await writeSome(store, 200);
		for (let index = 0; index < 200; index += 2) {
			await store.delete(podKey(`p${index}`));
		}

		await store.close();
		expect(existsSync(path.join(dataDir, 'snapshot'))).toBe(true);
		expect(segments(dataDir)).toHaveLength(1);
		const totalLog = segments(dataDir).reduce((sum, file) => sum + statSync(file).size, 0);
		expect(totalLog).toBeLessThan(20_000);

		const reopened = await FileBackend.open({dataDir});
		expect(reopened.currentRevision()).toBe(301);
		expect(reopened.count('/registry/pods/')).toBe(100);
		const oddStartingWithOne = Array.from({length: 200}, (_, index) => index)
			.filter(index => index % 2 === 1 && String(index).startsWith('1'))
			.map(index => `p${index}`)
			.sort();
		const listed = reopened.list('/registry/pods/default/p1').items.map(item => item.value.metadata.name);
		expect(listed).toEqual(oddStartingWithOne);
		await reopened.close();
	});

	it('serves objects loaded from a snapshot like any other, and carries them into the next snapshot', async () => {
		const dataDir = tempDir();
		const first = await FileBackend.open({dataDir});
		await writeSome(first, 4);
		await first.snapshot();
		await first.close();

		const second = await FileBackend.open({dataDir});
		const seen = collectEvents();
		second.watch('', second.currentRevision(), seen.onEvents);
		const p1 = second.get(podKey('p1'))!;
		expect(p1).toMatchObject({createRevision: 3, modRevision: 3, value: {metadata: {resourceVersion: '3'}, data: {index: '1'}}});
		await second.update(podKey('p2'), configMap('p2', {index: 'two'}), 4);
		await second.delete(podKey('p3'));
		const events = await seen.waitFor(2);
		expect(events[0].prevValue?.data).toEqual({index: '2'});
		expect(events[1].prevValue?.data).toEqual({index: '3'});
		expect(second.list('/registry/pods/', 5).items.map(item => item.value.data)).toEqual([
			{index: '0'},
			{index: '1'},
			{index: '2'},
			{index: '3'},
		]);
		// p0 was never read: the next snapshot copies it as it was.
		await second.snapshot();
		await second.close();

		const third = await FileBackend.open({dataDir});
		expect(third.list('/registry/pods/').items.map(item => [item.key, item.modRevision, item.value.data])).toEqual([
			[podKey('p0'), 2, {index: '0'}],
			[podKey('p1'), 3, {index: '1'}],
			[podKey('p2'), 6, {index: 'two'}],
		]);
		await third.close();
	});

	it('replays a long log keeping only the most recent writes as history', async () => {
		const dataDir = tempDir();
		const first = await FileBackend.open({dataDir});
		await writeSome(first, 6);
		const p0 = first.get(podKey('p0'))!;
		await first.update(podKey('p0'), configMap('p0', {index: 'zero'}), p0.modRevision);
		await first.close();

		const second = await FileBackend.open({dataDir, historyLimit: 3});
		expect(second.currentRevision()).toBe(8);
		expect(second.compactedRevision()).toBe(5);
		expect(second.get(podKey('p0'))).toMatchObject({createRevision: 2, modRevision: 8, value: {data: {index: 'zero'}}});
		expect(second.list('/registry/pods/', 5).items.map(item => item.value.data)).toEqual([
			{index: '0'},
			{index: '1'},
			{index: '2'},
			{index: '3'},
		]);
		expect(() => second.list('/registry/pods/', 4)).toThrow(CompactedError);
		await second.close();
	});

	it('drops a torn last record and keeps everything before it', async () => {
		const dataDir = tempDir();
		const store = await FileBackend.open({dataDir});
		await writeSome(store, 5);
		await store.close();
		const [log] = segments(dataDir);
		const size = statSync(log).size;
		truncateSync(log, size - 10);

		const reopened = await FileBackend.open({dataDir});
		expect(reopened.currentRevision()).toBe(5);
		expect(reopened.get(podKey('p3'))?.value.data).toEqual({index: '3'});
		expect(reopened.get(podKey('p4'))).toBeUndefined();
		// The torn bytes are gone, so new writes follow on cleanly and survive the next reopen.
		await reopened.create(podKey('after'), configMap('after'));
		await reopened.close();

		const third = await FileBackend.open({dataDir});
		expect(third.currentRevision()).toBe(6);
		expect(third.get(podKey('after'))?.modRevision).toBe(6);
		await third.close();
	});

	it('reopens the files as a crash leaves them, with the space reserved after the last record still in the log', async () => {
		const dataDir = tempDir();
		const crashed = tempDir();
		const store = await FileBackend.open({dataDir});
		await writeSome(store, 5);
		// The store is still open: its files are copied as they would be found after the process was killed.
		for (const name of readdirSync(dataDir).filter(name => name !== 'lock')) {
			copyFileSync(path.join(dataDir, name), path.join(crashed, name));
		}

		await store.close();
		const [log] = segments(crashed);
		expect(readFileSync(log).subarray(-16)).toEqual(Buffer.alloc(16));

		const reopened = await FileBackend.open({dataDir: crashed});
		expect(reopened.currentRevision()).toBe(6);
		expect(reopened.get(podKey('p4'))?.value.data).toEqual({index: '4'});
		await reopened.create(podKey('after'), configMap('after'));
		await reopened.close();

		const third = await FileBackend.open({dataDir: crashed});
		expect(third.count('')).toBe(6);
		expect(third.get(podKey('after'))?.modRevision).toBe(7);
		await third.close();
	});

	it('cuts the reserved space off the log when it closes', async () => {
		const dataDir = tempDir();
		const store = await FileBackend.open({dataDir});
		await writeSome(store, 3);
		await store.close();
		const [log] = segments(dataDir);
		const bytes = readFileSync(log);
		expect(bytes.at(-1)).not.toBe(0);
		// Three records, each a few hundred bytes.
		expect(bytes.length).toBeLessThan(3 * 1024);
	});

	it('drops a garbage tail after the last record', async () => {
		const dataDir = tempDir();
		const store = await FileBackend.open({dataDir});
		await writeSome(store, 3);
		await store.close();
		const [log] = segments(dataDir);
		const size = statSync(log).size;
		appendFileSync(log, Buffer.from([0x10, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9]));

		const reopened = await FileBackend.open({dataDir});
		expect(reopened.currentRevision()).toBe(4);
		expect(reopened.count('')).toBe(3);
		expect(statSync(log).size).toBe(size);
		await reopened.close();
	});

	it('drops a record whose checksum does not match, and everything after it', async () => {
		const dataDir = tempDir();
		const store = await FileBackend.open({dataDir});
		await writeSome(store, 3);
		await store.close();
		const [log] = segments(dataDir);
		const bytes = readFileSync(log);
		// Flip one byte inside the second record's payload.
		const secondRecord = 8 + bytes.readUInt32LE(0);
		bytes[secondRecord + 20] ^= 0xff;
		writeFileSync(log, bytes);

		const reopened = await FileBackend.open({dataDir});
		expect(reopened.currentRevision()).toBe(2);
		expect(reopened.count('')).toBe(1);
		await reopened.close();
	});

	it('ignores a half-written snapshot temporary file', async () => {
		const dataDir = tempDir();
		const store = await FileBackend.open({dataDir});
		await writeSome(store, 3);
		await store.close();
		writeFileSync(path.join(dataDir, 'snapshot.tmp'), '{"format":"kubedeck-store-snapshot","version":1,"revision":90,"cou');

		const reopened = await FileBackend.open({dataDir});
		expect(reopened.currentRevision()).toBe(4);
		expect(reopened.count('')).toBe(3);
		expect(existsSync(path.join(dataDir, 'snapshot.tmp'))).toBe(false);
		await reopened.close();
	});

	it('refuses to open over a damaged snapshot rather than lose data silently', async () => {
		const dataDir = tempDir();
		const store = await FileBackend.open({dataDir});
		await writeSome(store, 3);
		await store.snapshot();
		await store.close();
		const snapshotPath = path.join(dataDir, 'snapshot');
		writeFileSync(snapshotPath, readFileSync(snapshotPath, 'utf8').replace('"p1"', '"q1"'));

		await expect(FileBackend.open({dataDir})).rejects.toBeInstanceOf(StoreError);
		// A failed open releases the lock.
		expect(existsSync(path.join(dataDir, 'lock'))).toBe(false);
	});

	it('keeps its files private to the owner', async () => {
		const dataDir = path.join(tempDir(), 'data');
		const store = await FileBackend.open({dataDir});
		await writeSome(store, 2);
		await store.snapshot();
		expect(statSync(dataDir).mode & 0o777).toBe(0o700);
		for (const name of readdirSync(dataDir)) {
			expect(statSync(path.join(dataDir, name)).mode & 0o777, name).toBe(0o600);
		}

		await store.close();
	});

	it('refuses a second open of a directory it holds, and frees it on close', async () => {
		const dataDir = tempDir();
		const store = await FileBackend.open({dataDir});
		const second = FileBackend.open({dataDir});
		await expect(second).rejects.toBeInstanceOf(StoreLockedError);
		await expect(second).rejects.toMatchObject({holderPid: process.pid});
		await store.close();
		const again = await FileBackend.open({dataDir});
		await again.close();
	});

	it('takes over a lock left by a process that is gone', async () => {
		const dataDir = tempDir();
		// Pid numbers this large are beyond what Linux and macOS hand out.
		writeFileSync(path.join(dataDir, 'lock'), '99999999\n');
		const store = await FileBackend.open({dataDir});
		expect(readFileSync(path.join(dataDir, 'lock'), 'utf8').trim()).toBe(String(process.pid));
		await store.close();
		expect(existsSync(path.join(dataDir, 'lock'))).toBe(false);
	});

	it('acknowledges many concurrent writes, all of which survive a reopen', async () => {
		const dataDir = tempDir();
		const store = await FileBackend.open({dataDir});
		await Promise.all(
			Array.from({length: 16}, async (_, writer) => {
				for (let index = 0; index < 20; index++) {
					await store.create(podKey(`w${writer}-${index}`), configMap(`w${writer}-${index}`));
				}
			}),
		);
		await store.close();
		const reopened = await FileBackend.open({dataDir});
		expect(reopened.count('')).toBe(320);
		expect(reopened.currentRevision()).toBe(321);
		await reopened.close();
	});
});
