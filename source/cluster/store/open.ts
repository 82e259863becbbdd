import type {Backend} from './backend.js';
import {FileBackend} from './file.js';
import {MemoryBackend} from './memory.js';

export type OpenStoreOptions = {
	/** Where a durable store keeps its files; without it the store lives in memory only. */
	dataDir?: string;
	/** How many past writes are kept for watch replay and list-at-revision. Default 10000. */
	historyLimit?: number;
};

/**
 * Opens the store: durable in dataDir when one is given (StoreLockedError when another process holds it), in memory
 * otherwise.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Backend> {
	if (options.dataDir !== undefined) {
		return FileBackend.open({dataDir: options.dataDir, historyLimit: options.historyLimit});
	}

	return new MemoryBackend({historyLimit: options.historyLimit});
}
