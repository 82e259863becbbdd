import {promises as fs} from 'node:fs';
import path from 'node:path';
import {StoreError} from './backend.js';
import {directoryMode, syncDirectory} from './durable-fs.js';
import {lockDirectory, type DirectoryLock} from './lock.js';
import {decodeLog, encodeChange, parseLoggedChange, revisionOf, type LoggedChange} from './log-record.js';
import {listSegments, removeSegmentsBefore, segmentPath} from './log-segments.js';
import {LogWriter} from './log-writer.js';
import {defaultHistoryLimit, MemoryBackend} from './memory.js';
import {readSnapshot, removeTemporarySnapshot, writeSnapshot} from './snapshot.js';
import {StoreState, type StoreChange} from './state.js';

export type FileBackendOptions = {
	/** Directory for the store's files; created with mode 0700 when missing. */
	dataDir: string;
	/** How many past writes are kept for watch replay and list-at-revision. Default 10000. */
	historyLimit?: number;
	/**
	 * Log bytes written since the last snapshot that trigger a new one; at least half the size of the last snapshot,
	 * so the cost of snapshots stays in proportion to the writes. Default 16 MiB.
	 */
	snapshotLogBytes?: number;
	/**
	 * Whether close folds the log into a snapshot, so the next open has little to replay; done only when the log has
	 * grown past 1 MiB and an eighth of the last snapshot, so closing a large store stays quick. Default true.
	 */
	snapshotOnClose?: boolean;
};

const defaultSnapshotLogBytes = 16 * 1024 * 1024;
const snapshotOnCloseLogBytes = 1024 * 1024;

/**
 * The durable store: the whole state in memory, as in MemoryBackend, and every write appended to a checksummed log
 * in the data directory before it is acknowledged. Snapshots of the full state keep the log short; opening loads the
 * snapshot and replays the log after it, dropping a torn tail left by a crash.
 */
export class FileBackend extends MemoryBackend {
	private logBytesSinceSnapshot: number;
	private lastSnapshotBytes: number;
	private snapshotting: Promise<void> | undefined;
	private closing: Promise<void> | undefined;
	/** Set when a snapshot failed; the log still holds everything, and the next snapshot tries again. */
	lastSnapshotError: Error | undefined;

	private constructor(
		state: StoreState,
		private readonly directory: string,
		private readonly writer: LogWriter,
		private readonly lock: DirectoryLock,
		private readonly snapshotPolicy: {logBytes: number; onClose: boolean},
		recovered: {logBytes: number; snapshotBytes: number},
	) {
		super({}, state);
		this.logBytesSinceSnapshot = recovered.logBytes;
		this.lastSnapshotBytes = recovered.snapshotBytes;
	}

	/** Opens (or creates) the store in options.dataDir. Fails with StoreLockedError when another process holds it. */
	static async open(options: FileBackendOptions): Promise<FileBackend> {
		const directory = path.resolve(options.dataDir);
		await fs.mkdir(directory, {recursive: true, mode: directoryMode});
		await fs.chmod(directory, directoryMode).catch(() => {});
		const lock = lockDirectory(directory);
		try {
			const recovered = await recover(directory, options.historyLimit ?? defaultHistoryLimit);
			const writer = await LogWriter.open(directory, recovered.segment);
			return new FileBackend(
				recovered.state,
				directory,
				writer,
				lock,
				{logBytes: options.snapshotLogBytes ?? defaultSnapshotLogBytes, onClose: options.snapshotOnClose ?? true},
				recovered,
			);
		} catch (error) {
			lock.release();
			throw error;
		}
	}

	/** Writes a snapshot of the current state now and drops the log it replaces. */
	async snapshot(): Promise<void> {
		while (this.snapshotting) {
			await this.snapshotting;
		}

		this.snapshotting = this.writeSnapshotNow();
		await this.snapshotting;
	}

	override async close(): Promise<void> {
		this.closing ??= this.closeOnce();
		return this.closing;
	}

	private async closeOnce(): Promise<void> {
		await super.close();
		await this.snapshotting?.catch(() => {});
		if (
			this.snapshotPolicy.onClose &&
			this.logBytesSinceSnapshot >= Math.max(snapshotOnCloseLogBytes, this.lastSnapshotBytes / 8)
		) {
			// Best effort: the log already holds everything, the snapshot only shortens the next open.
			await this.snapshot().catch((error: unknown) => {
				this.noteSnapshotError(error);
			});
		}

		await this.writer.close();
		this.lock.release();
	}

	protected override async persist(change: StoreChange): Promise<void> {
		const record = encodeChange(change);
		this.logBytesSinceSnapshot += record.length;
		const written = this.writer.append(record);
		const snapshotDue = this.logBytesSinceSnapshot >= Math.max(this.snapshotPolicy.logBytes, this.lastSnapshotBytes / 2);
		if (snapshotDue && this.snapshotting === undefined) {
			this.snapshotting = this.writeSnapshotNow().catch((error: unknown) => {
				this.noteSnapshotError(error);
			});
		}

		await written;
	}

	private noteSnapshotError(error: unknown): void {
		this.lastSnapshotError = error instanceof Error ? error : new Error(String(error));
	}

	/**
	 * Captures the state at this instant (values are never mutated, so holding references is enough), starts a new
	 * log segment for the writes after it, writes the snapshot, then removes the older segments.
	 */
	private async writeSnapshotNow(): Promise<void> {
		try {
			const revision = this.state.currentRevision();
			const objects = this.state.entries();
			const nextSegment = this.writer.rotate(segmentPath(this.directory, revision + 1));
			// Awaited below; this keeps a failure from counting as unhandled while the snapshot is still being written.
			nextSegment.catch(() => {});
			this.logBytesSinceSnapshot = 0;
			this.lastSnapshotBytes = await writeSnapshot(this.directory, revision, objects);
			await nextSegment;
			await removeSegmentsBefore(this.directory, revision + 1);
			this.lastSnapshotError = undefined;
		} finally {
			this.snapshotting = undefined;
		}
	}
}

type Recovered = {
	state: StoreState;
	/** The segment new writes go to. */
	segment: string;
	logBytes: number;
	snapshotBytes: number;
};

/**
 * Loads the snapshot, then replays the log after it. A record that is torn or fails its checksum marks where a crash
 * cut a write short: the log is cut there, and any later segment (which can only be empty of acknowledged writes) is
 * removed. A whole record out of sequence means the files were damaged some other way, and opening fails.
 * Only the last historyLimit writes are parsed and kept as history; older ones just set their key's value, unparsed.
 */
async function recover(directory: string, historyLimit: number): Promise<Recovered> {
	await removeTemporarySnapshot(directory);
	const snapshot = await readSnapshot(directory);
	const snapshotRevision = snapshot?.revision ?? 1;
	const segments = await listSegments(directory);
	const changes: LoggedChange[] = [];
	let lastRevision = snapshotRevision;
	let logBytes = 0;
	let segment = segments.at(-1)?.path;
	for (const [index, {path: segmentFile}] of segments.entries()) {
		const bytes = await fs.readFile(segmentFile);
		const decoded = decodeLog(bytes);
		for (const change of decoded.changes) {
			const revision = revisionOf(change);
			if (revision <= snapshotRevision) {
				continue;
			}

			if (revision !== lastRevision + 1) {
				throw new StoreError(`the log ${segmentFile} is damaged: revision ${revision} follows ${lastRevision}`);
			}

			changes.push(change);
			lastRevision = revision;
		}

		logBytes += decoded.validBytes;
		if (decoded.validBytes < bytes.length) {
			await cutLog(segmentFile, decoded.validBytes);
			for (const later of segments.slice(index + 1)) {
				await fs.rm(later.path, {force: true});
			}

			await syncDirectory(directory);
			segment = segmentFile;
			break;
		}
	}

	const state = new StoreState({historyLimit, revision: snapshotRevision, objects: snapshot?.objects});
	const firstKept = changes.length - historyLimit;
	for (const [index, change] of changes.entries()) {
		if (index < firstKept) {
			state.restoreUnparsed(change);
		} else {
			state.replay(parseLoggedChange(change));
		}
	}

	return {
		state,
		segment: segment ?? segmentPath(directory, lastRevision + 1),
		logBytes,
		snapshotBytes: snapshot?.bytes ?? 0,
	};
}

async function cutLog(segmentFile: string, length: number): Promise<void> {
	const handle = await fs.open(segmentFile, 'r+');
	try {
		await handle.truncate(length);
		await handle.sync();
	} finally {
		await handle.close();
	}
}
