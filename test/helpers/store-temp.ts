import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';

/** A fresh temporary directory, removed after the test. */
export function useTempDirs(): () => string {
	const made: string[] = [];
	afterEach(() => {
		for (const directory of made.splice(0)) {
			rmSync(directory, {recursive: true, force: true});
		}
	});
	return () => {
		const directory = mkdtempSync(path.join(os.tmpdir(), 'kubedeck-store-'));
		made.push(directory);
		return directory;
	};
}
