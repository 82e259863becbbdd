import {describe, expect, it} from 'vitest';
import {SortedKeys} from '../../../source/cluster/store/sorted-keys.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

describe('SortedKeys', () => {
	it('keeps keys in order through many inserts and removals, and finds every key under a prefix', () => {
		const next = random(7);
		const keys = new SortedKeys();
		const reference = new Set<string>();
		for (let step = 0; step < 20_000; step++) {
			const key = `/registry/pods/ns-${Math.floor(next() * 5)}/pod-${Math.floor(next() * 3000)}`;
			if (reference.has(key)) {
				keys.remove(key);
				reference.delete(key);
			} else {
				keys.insert(key);
				reference.add(key);
			}
		}

		const sorted = [...reference].sort();
		const listed: string[] = [];
		keys.forEachUnder('', key => listed.push(key));
		expect(listed).toEqual(sorted);
		expect(keys.size).toBe(sorted.length);
		const prefix = '/registry/pods/ns-3/';
		const under: string[] = [];
		keys.forEachUnder(prefix, key => under.push(key));
		expect(under).toEqual(sorted.filter(key => key.startsWith(prefix)));
		expect(keys.countUnder(prefix)).toBe(under.length);
		expect(keys.countUnder('/registry/pods/ns-3/pod-1')).toBe(sorted.filter(key => key.startsWith('/registry/pods/ns-3/pod-1')).length);
		expect(keys.countUnder('/registry/zzz')).toBe(0);
	});

	it('builds from sorted keys and keeps working', () => {
		const initial = Array.from({length: 5000}, (_, index) => `k/${String(index).padStart(5, '0')}`);
		const keys = SortedKeys.fromSorted(initial);
		keys.insert('k/00000a');
		keys.remove('k/04999');
		const listed: string[] = [];
		keys.forEachUnder('k/0000', key => listed.push(key));
		expect(listed).toEqual(['k/00000', 'k/00000a', 'k/00001', 'k/00002', 'k/00003', 'k/00004', 'k/00005', 'k/00006', 'k/00007', 'k/00008', 'k/00009']);
		expect(keys.countUnder('k/')).toBe(5000);
	});
});
