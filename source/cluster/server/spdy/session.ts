/**
 * The server side of a SPDY/3 session over any byte transport (a raw socket after a 101, or the binary messages of
 * a WebSocket tunnel). Streams are opened by the client; the server answers each with SYN_REPLY, exchanges DATA, and
 * ends its half with FIN. Header blocks use one zlib stream per direction for the whole session, as SPDY/3 requires,
 * so every block is compressed and decompressed in order.
 */
import zlib from 'node:zlib';
import {spdyDictionary} from './dictionary.js';
import {controlFrame, controlType, dataFrame, decodeHeaderBlock, encodeHeaderBlock, flagFin, FrameReader, type Frame} from './frames.js';

/** One zlib context fed block by block, each block ending in a sync flush. */
class HeaderCodec {
	private readonly stream: zlib.Inflate | zlib.Deflate;
	private queue: Promise<unknown> = Promise.resolve();
	private output: Buffer[] = [];
	private failure: Error | undefined;

	constructor(kind: 'inflate' | 'deflate') {
		this.stream = kind === 'inflate' ? zlib.createInflate({dictionary: spdyDictionary}) : zlib.createDeflate({dictionary: spdyDictionary});
		this.stream.on('data', (chunk: Buffer) => this.output.push(chunk));
		this.stream.on('error', (error: Error) => (this.failure = error));
	}

	process(input: Buffer): Promise<Buffer> {
		const run = () =>
			new Promise<Buffer>((resolve, reject) => {
				if (this.failure) return reject(this.failure);
				const onError = (error: Error) => reject(error);
				this.stream.once('error', onError);
				this.stream.write(input);
				this.stream.flush(zlib.constants.Z_SYNC_FLUSH, () => {
					this.stream.off('error', onError);
					if (this.failure) return reject(this.failure);
					const result = Buffer.concat(this.output);
					this.output = [];
					resolve(result);
				});
			});
		const result = this.queue.then(run, run);
		this.queue = result.catch(() => {});
		return result;
	}

	close(): void {
		this.stream.destroy();
	}
}

export type SpdyStream = {
	readonly id: number;
	readonly headers: Record<string, string>;
	/** Data the client sends; set by whoever handles the stream. */
	onData?: (data: Buffer) => void;
	/** The client closed its half (FIN) or reset the stream. */
	onEnd?: () => void;
	write(data: Buffer): void;
	/** Ends the server's half with an empty FIN. */
	end(): void;
};

export type Transport = {write(bytes: Buffer): void; close(): void};

/** Largest DATA frame the server writes. */
const chunkBytes = 64 * 1024;

export class SpdySession {
	private readonly reader = new FrameReader();
	private readonly inflate = new HeaderCodec('inflate');
	private readonly deflate = new HeaderCodec('deflate');
	private readonly streams = new Map<number, SpdyStream & {ended: boolean}>();
	private incoming: Promise<void> = Promise.resolve();
	private outgoing: Promise<void> = Promise.resolve();
	private closed = false;

	constructor(
		private readonly transport: Transport,
		private readonly onStream: (stream: SpdyStream) => void,
		private readonly onClose: () => void = () => {},
	) {}

	/** Bytes from the client, in any pieces. */
	receive(bytes: Buffer): void {
		if (this.closed) return;
		let frames: Frame[];
		try {
			frames = this.reader.push(bytes);
		} catch {
			this.close();
			return;
		}
		for (const frame of frames) {
			this.incoming = this.incoming.then(() => this.handle(frame)).catch(() => this.close());
		}
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		for (const stream of this.streams.values()) stream.onEnd?.();
		this.streams.clear();
		this.inflate.close();
		this.deflate.close();
		this.transport.close();
		this.onClose();
	}

	private send(build: () => Promise<Buffer> | Buffer): void {
		this.outgoing = this.outgoing
			.then(async () => {
				const bytes = await build();
				if (!this.closed) this.transport.write(bytes);
			})
			.catch(() => this.close());
	}

	private async handle(frame: Frame): Promise<void> {
		if (this.closed) return;
		if (!frame.control) {
			const stream = this.streams.get(frame.streamId);
			if (!stream) return;
			if (frame.data.length > 0) stream.onData?.(frame.data);
			if (frame.flags & flagFin) stream.onEnd?.();
			return;
		}
		switch (frame.type) {
			case controlType.synStream: {
				const id = frame.payload.readUInt32BE(0) & 0x7fffffff;
				const headers = decodeHeaderBlock(await this.inflate.process(frame.payload.subarray(10)));
				this.open(id, headers, Boolean(frame.flags & flagFin));
				return;
			}
			case controlType.headers:
				// Later header blocks still pass through the shared zlib context.
				await this.inflate.process(frame.payload.subarray(4));
				return;
			case controlType.rstStream: {
				const id = frame.payload.readUInt32BE(0) & 0x7fffffff;
				const stream = this.streams.get(id);
				this.streams.delete(id);
				stream?.onEnd?.();
				return;
			}
			case controlType.ping:
				this.send(() => frame.raw);
				return;
			case controlType.goAway:
				this.close();
				return;
			default:
				// SETTINGS, WINDOW_UPDATE: the client does not enforce flow control, nor does kubedeck.
				return;
		}
	}

	private open(id: number, headers: Record<string, string>, finished: boolean): void {
		const session = this;
		const stream: SpdyStream & {ended: boolean} = {
			id,
			headers,
			ended: false,
			write(data) {
				if (stream.ended) return;
				for (let offset = 0; offset < data.length; offset += chunkBytes) {
					const chunk = data.subarray(offset, offset + chunkBytes);
					session.send(() => dataFrame(id, chunk, false));
				}
			},
			end() {
				if (stream.ended) return;
				stream.ended = true;
				session.send(() => dataFrame(id, Buffer.alloc(0), true));
			},
		};
		this.streams.set(id, stream);
		this.send(async () => {
			const block = await this.deflate.process(encodeHeaderBlock({}));
			const payload = Buffer.concat([Buffer.alloc(4), block]);
			payload.writeUInt32BE(id, 0);
			return controlFrame(controlType.synReply, 0, payload);
		});
		this.onStream(stream);
		if (finished) stream.onEnd?.();
	}
}
