import fs from 'node:fs';
import path from 'node:path';
import {StoreLockedError} from './backend.js';
import {fileMode, isErrorCode} from './durable-fs.js';

export const lockFile = 'lock';

/** Lock files this process holds; a lock naming our pid but not listed here was left by an earlier process. */
const heldHere = new Set<string>();

export type DirectoryLock = {
	/** Removes the lock file if it is still ours; idempotent. */
	release(): void;
};

/**
 * Takes the data directory for this process: a lock file holding our pid, created exclusively. The pid is written to
 * a private file first and then hard-linked under the lock's name, which fails if the name exists (like O_EXCL) and
 * never shows another process an empty lock file. A lock whose process is gone is taken over.
 */
export function lockDirectory(directory: string): DirectoryLock {
	const lockPath = path.resolve(directory, lockFile);
	const ownPath = `${lockPath}.${process.pid}`;
	fs.writeFileSync(ownPath, `${process.pid}\n`, {mode: fileMode});
	try {
		for (let attempt = 0; ; attempt++) {
			try {
				fs.linkSync(ownPath, lockPath);
				break;
			} catch (error) {
				if (!isErrorCode(error, 'EEXIST') || attempt >= 3) {
					throw error;
				}
			}

			const holder = readPid(lockPath);
			if (holder === undefined) {
				// The holder vanished between our attempts; try again.
				continue;
			}

			if (holder === process.pid ? heldHere.has(lockPath) : isAlive(holder)) {
				throw new StoreLockedError(directory, holder);
			}

			takeOverStale(directory, lockPath, holder);
		}
	} finally {
		fs.rmSync(ownPath, {force: true});
	}

	heldHere.add(lockPath);
	let released = false;
	return {
		release() {
			if (!released) {
				released = true;
				heldHere.delete(lockPath);
				if (readPid(lockPath) === process.pid) {
					fs.rmSync(lockPath, {force: true});
				}
			}
		},
	};
}

/**
 * Moves a dead process's lock aside. Another process may have taken it over in the meantime; if what was moved turns
 * out to be that live lock, it is put back and the directory counts as locked.
 */
function takeOverStale(directory: string, lockPath: string, deadPid: number): void {
	const stalePath = `${lockPath}.stale.${process.pid}`;
	try {
		fs.renameSync(lockPath, stalePath);
	} catch (error) {
		if (isErrorCode(error, 'ENOENT')) {
			return;
		}

		throw error;
	}

	const moved = readPid(stalePath);
	if (moved !== undefined && moved !== deadPid && isAlive(moved)) {
		try {
			fs.linkSync(stalePath, lockPath);
		} catch {}

		fs.rmSync(stalePath, {force: true});
		throw new StoreLockedError(directory, moved);
	}

	fs.rmSync(stalePath, {force: true});
}

function readPid(lockPath: string): number | undefined {
	let text: string;
	try {
		text = fs.readFileSync(lockPath, 'utf8');
	} catch (error) {
		if (isErrorCode(error, 'ENOENT')) {
			return undefined;
		}

		throw error;
	}

	const pid = Number.parseInt(text.trim(), 10);
	// A lock file without a pid cannot name a live process; treat it as stale.
	return Number.isSafeInteger(pid) && pid > 0 ? pid : 0;
}

function isAlive(pid: number): boolean {
	if (pid === 0) {
		return false;
	}

	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return isErrorCode(error, 'EPERM');
	}
}
