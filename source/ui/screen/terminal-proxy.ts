import {EventEmitter} from 'node:events';
import type {FrameWriter} from './frame-writer.js';

/**
 * The stdout Ink is given: it reports the real terminal's size and forwards resizes, but every write (a whole
 * frame, since Ink runs in debug mode) goes to the frame writer, which sends only the changed lines.
 */
export function terminalProxy(stdout: NodeJS.WriteStream, writer: FrameWriter): {stream: NodeJS.WriteStream; dispose(): void} {
	const proxy = new EventEmitter() as EventEmitter & Record<string, unknown>;
	Object.defineProperties(proxy, {
		columns: {get: () => stdout.columns},
		rows: {get: () => stdout.rows},
		isTTY: {value: true},
		writable: {value: true},
	});
	proxy['write'] = (chunk: string | Uint8Array) => {
		writer.frame(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
		return true;
	};

	const onResize = () => {
		writer.invalidate();
		proxy.emit('resize');
	};

	stdout.on('resize', onResize);
	return {
		stream: proxy as unknown as NodeJS.WriteStream,
		dispose() {
			stdout.off('resize', onResize);
		},
	};
}
