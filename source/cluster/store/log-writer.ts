import {promises as fs} from 'node:fs';
import {StoreError} from './backend.js';
import {fileMode, syncDirectory, writeAll} from './durable-fs.js';

type Waiter = {resolve: () => void; reject: (error: Error) => void};
type QueuedRecord = Waiter & {record: Buffer};
type QueuedRotation = Waiter & {rotateTo: string};

/** Records written in one go are capped, so a burst cannot build one enormous buffer. */
const largestBatchBytes = 8 * 1024 * 1024;

/**
 * Appends records to the current log segment with group commit: one write and one fdatasync per batch, where a batch
 * is everything that arrived while the previous batch was being written. A record's promise resolves once the batch
 * holding it is on disk.
 */
export class LogWriter {
	private queue: Array<QueuedRecord | QueuedRotation> = [];
	private running: Promise<void> | undefined;
	private failure: Error | undefined;

	private constructor(
		private readonly directory: string,
		private handle: fs.FileHandle,
		private path: string,
	) {}

	/** Opens a segment for appending, creating it (and making its name durable) if needed. */
	static async open(directory: string, path: string): Promise<LogWriter> {
		const handle = await openSegment(directory, path);
		return new LogWriter(directory, handle, path);
	}

	get segmentPath(): string {
		return this.path;
	}

	append(record: Buffer): Promise<void> {
		if (this.failure) {
			return Promise.reject(this.failure);
		}

		return new Promise((resolve, reject) => {
			this.queue.push({record, resolve, reject});
			this.start();
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
			this.start();
		});
	}

	/** Writes everything queued, then closes the segment. */
	async close(): Promise<void> {
		await this.running;
		await this.handle.close();
	}

	private start(): void {
		this.running ??= this.drain().finally(() => {
			this.running = undefined;
		});
	}

	private async drain(): Promise<void> {
		while (this.queue.length > 0) {
			const next = this.queue[0];
			const taken: Array<QueuedRecord | QueuedRotation> = 'rotateTo' in next ? this.queue.splice(0, 1) : this.takeBatch();
			try {
				if ('rotateTo' in next) {
					await this.switchTo(next.rotateTo);
				} else {
					const records = (taken as QueuedRecord[]).map(item => item.record);
					await writeAll(this.handle, records.length === 1 ? records[0] : Buffer.concat(records));
					await this.handle.datasync();
				}
			} catch (error) {
				this.fail(error, taken);
				return;
			}

			for (const item of taken) {
				item.resolve();
			}
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

	private async switchTo(path: string): Promise<void> {
		if (path === this.path) {
			return;
		}

		const handle = await openSegment(this.directory, path);
		await this.handle.close();
		this.handle = handle;
		this.path = path;
	}

	/** After a failed write the disk and memory disagree; every pending and later write fails. */
	private fail(cause: unknown, taken: Array<QueuedRecord | QueuedRotation>): void {
		const message = cause instanceof Error ? cause.message : String(cause);
		this.failure = new StoreError(`the store can no longer write to ${this.directory}: ${message}`, {cause});
		const failed = [...taken, ...this.queue];
		this.queue = [];
		for (const item of failed) {
			item.reject(this.failure);
		}
	}
}

async function openSegment(directory: string, path: string): Promise<fs.FileHandle> {
	const handle = await fs.open(path, 'a', fileMode);
	await syncDirectory(directory);
	return handle;
}
