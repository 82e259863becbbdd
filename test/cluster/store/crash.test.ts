import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {StoreLockedError} from '../../../source/cluster/store/backend.js';
import {FileBackend} from '../../../source/cluster/store/file.js';
import {runStoreChild} from '../../helpers/store-child.js';
import {crashOps, type CrashOp} from '../../helpers/store-crash-value.js';
import {useTempDirs} from '../../helpers/store-temp.js';

const tempDir = useTempDirs();
const rounds = 15;
const writers = 8;

type KeyState = 'created' | 'updated' | 'absent';

function stateAfter(op: CrashOp): KeyState {
	return op.state === 'deleted' ? 'absent' : op.state;
}

/** What the store holds for a key, in the terms of the crash writer. */
function observedState(store: FileBackend, key: string): KeyState {
	const object = store.get(key);
	if (!object) {
		return 'absent';
	}

	const data = object.value.data as {key: string; state: string; padding: string};
	expect(data.key).toBe(key);
	expect(data.padding).toHaveLength(300);
	return data.state as KeyState;
}

/**
 * Checks one writer's keys after a crash: they must be exactly as its first `acknowledged` writes left them, or as
 * some longer run of its writes left them (writes that reached the disk before the kill, whose acknowledgement the
 * child had not yet managed to print). Returns the state of every key it wrote.
 */
function checkWriter(store: FileBackend, round: number, writer: number, acknowledged: string[]): Map<string, KeyState> {
	const ops = crashOps(String(round), writer);
	const expected = new Map<string, KeyState>();
	for (const ack of acknowledged) {
		const op = ops.next().value as CrashOp;
		expect(`${op.key} ${op.state}`).toBe(ack);
		expected.set(op.key, stateAfter(op));
	}

	const observed = new Map<string, KeyState>();
	for (const item of store.list(`/registry/configmaps/r${round}-w${writer}/`).items) {
		observed.set(item.key, observedState(store, item.key));
	}

	const mismatched = new Set<string>();
	const compare = (key: string) => {
		if ((observed.get(key) ?? 'absent') === (expected.get(key) ?? 'absent')) {
			mismatched.delete(key);
		} else {
			mismatched.add(key);
		}
	};

	for (const key of new Set([...expected.keys(), ...observed.keys()])) {
		compare(key);
	}

	const lostAt = [...mismatched];
	for (let extra = 0; mismatched.size > 0 && extra < 50_000; extra++) {
		const op = ops.next().value as CrashOp;
		expected.set(op.key, stateAfter(op));
		compare(op.key);
	}

	expect(lostAt.filter(key => mismatched.has(key)), `writer ${writer} of round ${round}`).toEqual([]);
	expect(mismatched.size).toBe(0);
	return expected;
}

describe('file store under crashes', () => {
	it('keeps every acknowledged write when the writing process is killed at random moments', async () => {
		const dataDir = tempDir();
		/** Every key written so far, across rounds, with its state. */
		const expected = new Map<string, KeyState>();
		let acknowledged = 0;
		for (let round = 0; round < rounds; round++) {
			const child = runStoreChild('store-crash-writer', [dataDir, String(writers), String(round)]);
			await child.waitForLine('ready');
			await new Promise(resolve => {
				setTimeout(resolve, 30 + Math.random() * 300);
			});
			child.process.kill('SIGKILL');
			await child.exited;

			const store = await FileBackend.open({dataDir});
			for (const [key, state] of expected) {
				expect(observedState(store, key), key).toBe(state);
			}

			for (let writer = 0; writer < writers; writer++) {
				const acks = child.lines.filter(line => line.startsWith(`${writer} `)).map(line => line.slice(line.indexOf(' ') + 1));
				acknowledged += acks.length;
				for (const [key, state] of checkWriter(store, round, writer, acks)) {
					expected.set(key, state);
				}
			}

			expect(store.count('/registry/configmaps/')).toBe([...expected.values()].filter(state => state !== 'absent').length);
			await store.close();
		}

		expect(acknowledged).toBeGreaterThan(rounds * writers);
		expect(existsSync(path.join(dataDir, 'snapshot'))).toBe(true);
	});
});

describe('file store lock', () => {
	it('refuses a data directory another live process holds, naming its pid', async () => {
		const dataDir = tempDir();
		const holder = runStoreChild('store-lock-holder', [dataDir]);
		try {
			await holder.waitForLine('ready');
			const opening = FileBackend.open({dataDir});
			await expect(opening).rejects.toBeInstanceOf(StoreLockedError);
			await expect(opening).rejects.toMatchObject({holderPid: holder.process.pid});
			await expect(opening).rejects.toThrow(`pid ${holder.process.pid}`);
		} finally {
			holder.process.kill('SIGKILL');
			await holder.exited;
		}

		// The holder died without releasing its lock: the next open takes it over.
		const store = await FileBackend.open({dataDir});
		await store.close();
	});
});
