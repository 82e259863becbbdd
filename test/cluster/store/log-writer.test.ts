import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {decodeLog, encodeChange, revisionOf} from '../../../source/cluster/store/log-record.js';
import {LogWriter} from '../../../source/cluster/store/log-writer.js';
import {SyncPlacement} from '../../../source/cluster/store/sync-placement.js';
import {configMap} from '../../helpers/store-objects.js';
import {useTempDirs} from '../../helpers/store-temp.js';

const tempDir = useTempDirs();

function record(revision: number): Buffer {
	const key = `/registry/configmaps/default/c${revision}`;
	return encodeChange({type: 'put', object: {key, value: configMap(`c${revision}`), createRevision: revision, modRevision: revision}});
}

function revisionsIn(file: string): number[] {
	const bytes = readFileSync(file);
	const decoded = decodeLog(bytes);
	expect(decoded.validBytes).toBe(bytes.length);
	return decoded.changes.map(change => revisionOf(change));
}

const range = (from: number, count: number) => Array.from({length: count}, (_, index) => from + index);

describe.each([
	{where: 'on the event loop', inlineSyncLimitMs: Number.POSITIVE_INFINITY},
	{where: 'in the thread pool', inlineSyncLimitMs: 0},
])('log writer with syncs $where', ({inlineSyncLimitMs}) => {
	it('writes every acknowledged record, in the order appended, across many concurrent appends', async () => {
		const directory = tempDir();
		const file = path.join(directory, 'log.wal');
		const writer = await LogWriter.open(directory, file, {inlineSyncLimitMs});
		const acknowledged: number[] = [];
		await Promise.all(
			range(1, 300).map(async revision => {
				await writer.append(record(revision));
				acknowledged.push(revision);
			}),
		);
		expect(acknowledged).toEqual(range(1, 300));
		await writer.close();
		expect(revisionsIn(file)).toEqual(range(1, 300));
	});

	it('continues an existing log after its last record', async () => {
		const directory = tempDir();
		const file = path.join(directory, 'log.wal');
		const first = await LogWriter.open(directory, file, {inlineSyncLimitMs});
		await Promise.all(range(1, 5).map(async revision => first.append(record(revision))));
		await first.close();

		const second = await LogWriter.open(directory, file, {inlineSyncLimitMs});
		await Promise.all(range(6, 5).map(async revision => second.append(record(revision))));
		await second.close();
		expect(revisionsIn(file)).toEqual(range(1, 10));
	});

	it('sends records appended after a rotation to the new segment, leaving the old one whole', async () => {
		const directory = tempDir();
		const first = path.join(directory, 'first.wal');
		const second = path.join(directory, 'second.wal');
		const writer = await LogWriter.open(directory, first, {inlineSyncLimitMs});
		const before = range(1, 20).map(async revision => writer.append(record(revision)));
		const rotated = writer.rotate(second);
		const after = range(21, 20).map(async revision => writer.append(record(revision)));
		await Promise.all([...before, rotated, ...after]);
		await writer.close();
		expect(revisionsIn(first)).toEqual(range(1, 20));
		expect(revisionsIn(second)).toEqual(range(21, 20));
	});
});

describe('sync placement', () => {
	it('keeps syncs on the event loop while they are quick', () => {
		const placement = new SyncPlacement(1);
		for (let sync = 0; sync < 100; sync++) {
			expect(placement.onEventLoop()).toBe(true);
			placement.measured(0.2);
		}
	});

	it('moves syncs to the thread pool once they are slow, and tries the event loop again now and then', () => {
		const placement = new SyncPlacement(1);
		for (let sync = 0; sync < 20; sync++) {
			if (placement.onEventLoop()) {
				placement.measured(10);
			}
		}

		const placed = range(0, 64).map(() => placement.onEventLoop());
		expect(placed.filter(Boolean)).toHaveLength(2);

		// The disk got quick again: the probes see it, and syncs come back to the event loop.
		for (let sync = 0; sync < 32 * 40; sync++) {
			if (placement.onEventLoop()) {
				placement.measured(0.1);
			}
		}

		expect(range(0, 10).every(() => placement.onEventLoop())).toBe(true);
	});

	it('never runs a sync on the event loop when its limit is 0', () => {
		const placement = new SyncPlacement(0);
		expect(range(0, 100).some(() => placement.onEventLoop())).toBe(false);
	});
});
