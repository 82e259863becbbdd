import fs from 'node:fs';
import {promisify} from 'node:util';
import {StoreError} from './backend.js';
import {fileMode, syncDirectory} from './durable-fs.js';
import {SyncPlacement} from './sync-placement.js';

type Waiter = {resolve: () => void; reject: (error: Error) => void};
type QueuedRecord = Waiter & {record: Buffer};
type QueuedRotation = Waiter & {rotateTo: string};

/** An open segment: records fill it from the start; past `written` it holds zeros up to `allocated`. */
type OpenSegment = {descriptor: number; path: string; written: number; allocated: number};

/** Records written in one go are capped, so a burst cannot build one enormous buffer. */
const largestBatchBytes = 8 * 1024 * 1024;
/**
 * How far ahead of the records a segment is filled with zeros: as much again as the segment holds, within these
 * bounds, so a store that sees a few writes stays small and a busy one extends its log a few times per segment.
 */
const smallestPreallocation = 64 * 1024;
const largestPreallocation = 4 * 1024 * 1024;
const zeros = Buffer.alloc(smallestPreallocation);

export type LogWriterOptions = {
	/**
	 * Syncs that take longer than this on average (milliseconds) run in the thread pool instead of on the event loop;
	 * 0 runs every sync in the thread pool. Default 1.
	 */
	inlineSyncLimitMs?: number;
};

/**
 * Appends records to the current log segment with group commit: one write and one fdatasync per batch, where a batch
 * is everything that arrived while the previous batch was being synced. A record's promise resolves once the fdatasync
 * that covers it has returned. The next batch starts as soon as the previous sync returns, with no timer: a lone
 * write waits for one sync, and under load every sync carries all that queued meanwhile.
 *
 * Two things keep each sync short. The segment is filled with zeros ahead of the records (and its size made durable
 * then), so writing a record changes no metadata and fdatasync only flushes data, without a journal commit that would
 * also wait on every other file's changes; replay reads a zero length as the end of the log, and the zeros are cut
 * off when the segment is closed. And no thread hand-off is made that costs more than it saves: the write is a copy
 * into the page cache, done on the event loop, and the sync runs there too while syncs are quick (SyncPlacement).
 */
export class LogWriter {
	private queue: Array<QueuedRecord | QueuedRotation> = [];
	/** Set while a sync or a rotation is under way; the next batch starts when it ends. */
	private busy = false;
	/** Set once the next batch is due to start at the end of this turn of the event loop. */
	private scheduled = false;
	private idle: Array<() => void> = [];
	private failure: Error | undefined;
	private readonly placement: SyncPlacement;

	private constructor(
		private readonly directory: string,
		private segment: OpenSegment | undefined,
		options: LogWriterOptions,
	) {
		this.placement = new SyncPlacement(options.inlineSyncLimitMs ?? 1);
	}

	/** Opens a segment for appending after the records it holds, creating it (and making its name durable) if needed. */
	static async open(directory: string, path: string, options: LogWriterOptions = {}): Promise<LogWriter> {
		return new LogWriter(directory, await openSegment(directory, path), options);
	}

	get segmentPath(): string {
		return this.segment?.path ?? '';
	}

	append(record: Buffer): Promise<void> {
		if (this.failure) {
			return Promise.reject(this.failure);
		}

		return new Promise((resolve, reject) => {
			this.queue.push({record, resolve, reject});
			this.schedule();
		});
	}

	/**
	 * Switches to a new segment once every record queued so far is written to the current one; records queued later
	 * go to the new segment.
	 */
	rotate(path: string): Promise<void> {
		if (this.failure) {
			return Promise.reject(this.failure);
		}

		return new Promise((resolve, reject) => {
			this.queue.push({rotateTo: path, resolve, reject});
			this.schedule();
		});
	}

	/** Writes everything queued, then closes the segment, cutting off its zeros. */
	async close(): Promise<void> {
		if (this.busy || this.scheduled || this.queue.length > 0) {
			await new Promise<void>(resolve => {
				this.idle.push(resolve);
			});
		}

		const {segment} = this;
		this.segment = undefined;
		if (segment) {
			await closeSegment(segment, !this.failure);
		}
	}

	/**
	 * Starts the next batch once the current one is synced, at the end of this turn of the event loop: requests read in
	 * the same turn (one per client that sent one meanwhile) then share one sync instead of the first going alone.
	 */
	private schedule(): void {
		if (this.busy || this.scheduled || this.failure) {
			return;
		}

		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			this.startNext();
		});
	}

	private startNext(): void {
		const head = this.queue[0];
		const segment = this.segment;
		if (this.busy || this.failure || !head || !segment) {
			if (!this.busy) {
				for (const resolve of this.idle.splice(0)) {
					resolve();
				}
			}

			return;
		}

		this.busy = true;
		if ('rotateTo' in head) {
			this.queue.shift();
			this.switchTo(head.rotateTo).then(
				() => {
					this.finish([head]);
				},
				(error: unknown) => {
					this.fail(error, [head]);
				},
			);
			return;
		}

		const batch = this.takeBatch();
		const bytes = batch.length === 1 ? batch[0].record : Buffer.concat(batch.map(item => item.record));
		try {
			writeAt(segment.descriptor, bytes, segment.written);
		} catch (error) {
			this.fail(error, batch);
			return;
		}

		segment.written += bytes.length;
		const synced = (error: Error | null) => {
			if (error) {
				this.fail(error, batch);
			} else {
				this.finish(batch);
			}
		};

		if (segment.written <= segment.allocated) {
			this.sync(segment.descriptor, synced);
		} else {
			// This batch grew the file: the zeros after it go out with the same sync, which commits the new size.
			// Zeros that do not fit (a full disk) are only a lost speed-up: the sync still says whether the batch is safe.
			preallocate(segment)
				.catch(() => {})
				.then(() => {
					fs.fdatasync(segment.descriptor, synced);
				});
		}
	}

	private sync(descriptor: number, synced: (error: Error | null) => void): void {
		if (!this.placement.onEventLoop()) {
			fs.fdatasync(descriptor, synced);
			return;
		}

		const started = performance.now();
		let failure: Error | null = null;
		try {
			fs.fdatasyncSync(descriptor);
		} catch (error) {
			failure = error instanceof Error ? error : new Error(String(error));
		}

		this.placement.measured(performance.now() - started);
		synced(failure);
	}

	/** The next batch goes out before the waiters of this one hear back, so the disk never waits on them. */
	private finish(done: Waiter[]): void {
		this.busy = false;
		this.schedule();
		for (const item of done) {
			item.resolve();
		}
	}

	/** The records at the head of the queue, up to a rotation or the batch size cap. */
	private takeBatch(): QueuedRecord[] {
		let count = 0;
		let bytes = 0;
		while (count < this.queue.length) {
			const item = this.queue[count];
			if ('rotateTo' in item || (count > 0 && bytes + item.record.length > largestBatchBytes)) {
				break;
			}

			bytes += item.record.length;
			count++;
		}

		return this.queue.splice(0, count) as QueuedRecord[];
	}

	/**
	 * The old segment is cut to its records and closed before the new one is created, so replay never finds zeros
	 * anywhere but at the end of the last segment.
	 */
	private async switchTo(path: string): Promise<void> {
		const previous = this.segment;
		if (!previous || path === previous.path) {
			return;
		}

		this.segment = undefined;
		await closeSegment(previous, true);
		this.segment = await openSegment(this.directory, path);
	}

	/** After a failed write the disk and memory disagree; every pending and later write fails. */
	private fail(cause: unknown, taken: Waiter[]): void {
		const message = cause instanceof Error ? cause.message : String(cause);
		this.failure = new StoreError(`the store can no longer write to ${this.directory}: ${message}`, {cause});
		this.busy = false;
		const failed = [...taken, ...this.queue];
		this.queue = [];
		for (const item of failed) {
			item.reject(this.failure);
		}

		for (const resolve of this.idle.splice(0)) {
			resolve();
		}
	}
}

/** A plain descriptor rather than a FileHandle: the write path's callback and synchronous calls skip promises. */
async function openSegment(directory: string, path: string): Promise<OpenSegment> {
	const descriptor = await promisify(fs.open)(path, fs.constants.O_RDWR | fs.constants.O_CREAT, fileMode);
	try {
		const {size} = await promisify(fs.fstat)(descriptor);
		await syncDirectory(directory);
		return {descriptor, path, written: size, allocated: size};
	} catch (error) {
		await promisify(fs.close)(descriptor);
		throw error;
	}
}

/** Closes a segment, first (when its records are known to be whole) cutting off its zeros durably. */
async function closeSegment(segment: OpenSegment, cutZeros: boolean): Promise<void> {
	try {
		if (cutZeros && segment.allocated > segment.written) {
			await promisify(fs.ftruncate)(segment.descriptor, segment.written);
			await promisify(fs.fdatasync)(segment.descriptor);
		}
	} finally {
		await promisify(fs.close)(segment.descriptor);
	}
}

/** Fills the segment with zeros after its last record, as far ahead as the preallocation bounds allow. */
async function preallocate(segment: OpenSegment): Promise<void> {
	const length = Math.min(Math.max(segment.written, smallestPreallocation), largestPreallocation);
	const writev = promisify(fs.writev);
	let offset = 0;
	while (offset < length) {
		// One zero block repeated, so a large extent costs one call and no large buffer.
		const blocks = Array.from({length: Math.ceil((length - offset) / zeros.length)}, () => zeros);
		const {bytesWritten} = await writev(segment.descriptor, blocks, segment.written + offset);
		offset += bytesWritten;
	}

	segment.allocated = segment.written + offset;
}

/** Writes the whole buffer at position, however many calls that takes. */
function writeAt(descriptor: number, bytes: Uint8Array, position: number): void {
	let offset = 0;
	while (offset < bytes.length) {
		offset += fs.writeSync(descriptor, bytes, offset, bytes.length - offset, position + offset);
	}
}
