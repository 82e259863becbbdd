import {describe, expect, it} from 'vitest';
import {MemoryBackend} from '../../../source/cluster/store/memory.js';
import {openStore} from '../../../source/cluster/store/open.js';
import {describeBackendContract} from '../../helpers/store-contract.js';
import {configMap, podKey} from '../../helpers/store-objects.js';

describeBackendContract('memory', async options => new MemoryBackend(options));

describe('openStore', () => {
	it('opens a memory store when no data directory is given', async () => {
		const store = await openStore({});
		expect(store).toBeInstanceOf(MemoryBackend);
		await store.create(podKey('a'), configMap('a'));
		expect(store.count('')).toBe(1);
		await store.close();
	});
});
