import {promises as fs} from 'node:fs';

/** Files the store creates are readable by their owner only: they hold every Secret. */
export const fileMode = 0o600;
export const directoryMode = 0o700;

/** Makes the entries of a directory (files created, renamed, removed) survive a crash. */
export async function syncDirectory(directory: string): Promise<void> {
	let handle: fs.FileHandle | undefined;
	try {
		handle = await fs.open(directory, 'r');
		await handle.sync();
	} catch (error) {
		// Some platforms (Windows) cannot open or sync a directory; their renames are durable without it.
		if (!isErrorCode(error, 'EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'EBADF')) {
			throw error;
		}
	} finally {
		await handle?.close();
	}
}

/** Writes the whole buffer at the handle's position, however many calls that takes. */
export async function writeAll(handle: fs.FileHandle, bytes: Uint8Array): Promise<void> {
	let offset = 0;
	while (offset < bytes.length) {
		const {bytesWritten} = await handle.write(bytes, offset, bytes.length - offset);
		offset += bytesWritten;
	}
}

export function isErrorCode(error: unknown, ...codes: string[]): boolean {
	return error instanceof Error && codes.includes((error as NodeJS.ErrnoException).code ?? '');
}
