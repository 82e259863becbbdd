import {describeError} from './errors.js';
import {LineSplitter} from './line-splitter.js';
import type {Transport} from './transport.js';
import type {LogOptions, LogStream} from './types.js';

/**
 * GET pods/NAME/log as kubectl sends it, handing out whole lines as they arrive and keeping none of them.
 * onEnd is called once, when the server ends the stream or it fails, and not after stop().
 */
export function streamLogs(
	transport: Transport,
	namespace: string,
	pod: string,
	options: LogOptions,
	onLines: (lines: string[]) => void,
	onEnd: (error?: string) => void,
): LogStream {
	const abort = new AbortController();
	let stopped = false;
	let ended = false;
	const end = (error?: string) => {
		if (ended || stopped) return;
		ended = true;
		onEnd(error);
	};
	const deliver = (lines: string[]) => {
		if (lines.length > 0 && !stopped) onLines(lines);
	};
	const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
	transport
		.stream(path, {
			query: {
				container: options.container,
				follow: options.follow,
				tailLines: options.tailLines,
				sinceSeconds: options.sinceSeconds,
				timestamps: options.timestamps,
				previous: options.previous,
			},
			accept: 'application/json, */*',
			signal: abort.signal,
			// A finished log is read at once; only a followed one may sit quiet for long.
			timeoutMs: options.follow ? 0 : 30_000,
		})
		.then(
			response => {
				const splitter = new LineSplitter();
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => deliver(splitter.push(chunk)));
				response.on('end', () => {
					const rest = splitter.flush();
					if (rest !== undefined) deliver([rest]);
					end();
				});
				response.on('error', error => end(`log stream lost: ${error.message}`));
				response.on('close', () => {
					if (!response.complete) end('log stream lost: the server closed the connection');
				});
			},
			error => end(describeError(error)),
		);
	return {
		stop() {
			stopped = true;
			abort.abort();
		},
	};
}
