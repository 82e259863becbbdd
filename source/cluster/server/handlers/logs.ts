/** pods/log: a container's output as text/plain, streamed and flushed line by line with follow=true. */
import {errors} from '../../api/status.js';
import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {booleanParameter, integerParameter} from '../query.js';
import {containerFor} from './pod-container.js';

type LogOptions = Parameters<RequestContext['cluster']['runtime']['logs']>[3];

function logOptions(query: URLSearchParams, now: number): LogOptions {
	const options: LogOptions = {
		follow: booleanParameter(query, 'follow'),
		previous: booleanParameter(query, 'previous'),
		timestamps: booleanParameter(query, 'timestamps'),
	};
	const tailLines = integerParameter(query, 'tailLines');
	const sinceSeconds = integerParameter(query, 'sinceSeconds', 1);
	const sinceTime = query.get('sinceTime');
	const limitBytes = integerParameter(query, 'limitBytes', 1);
	if (sinceSeconds !== undefined && sinceTime) throw errors.badRequest('at most one of sinceTime or sinceSeconds may be specified');
	if (tailLines !== undefined) options.tailLines = tailLines;
	if (sinceSeconds !== undefined) options.sinceSeconds = sinceSeconds;
	if (sinceTime) {
		const time = Date.parse(sinceTime);
		if (Number.isNaN(time)) throw errors.badRequest(`sinceTime: "${sinceTime}" is not an RFC 3339 time`);
		options.sinceSeconds = Math.max(1, Math.ceil((now - time) / 1000));
	}
	if (limitBytes !== undefined) options.limitBytes = limitBytes;
	return options;
}

export async function podLogs(context: RequestContext, path: ResourcePath, name: string): Promise<void> {
	const {cluster, query, response, streams} = context;
	const namespace = path.namespace!;
	const options = logOptions(query, cluster.clock.now());
	const container = containerFor(cluster.api.get('pods', namespace, name), query.get('container'));

	let open = false;
	let closed = false;
	let written = 0;
	const early: string[] = [];
	const write = (text: string) => {
		if (closed) return;
		if (!open) {
			early.push(text);
			return;
		}
		let chunk = text;
		if (options.limitBytes !== undefined) {
			const room = options.limitBytes - written;
			if (room <= 0) return;
			if (Buffer.byteLength(chunk) > room) chunk = Buffer.from(chunk).subarray(0, room).toString();
		}
		written += Buffer.byteLength(chunk);
		response.write(chunk);
		if (options.limitBytes !== undefined && written >= options.limitBytes) stream.close();
	};

	const logs = await cluster.runtime.logs(namespace, name, container, options, write);
	const stream = {
		close() {
			if (closed) return;
			closed = true;
			logs.stop();
			streams.delete(stream);
			if (!response.destroyed) response.end();
		},
	};
	streams.add(stream);
	response.writeHead(200, {'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked'});
	response.flushHeaders();
	open = true;
	for (const text of early.splice(0)) write(text);
	response.on('close', () => stream.close());
	if (response.destroyed) stream.close();
	logs.done.then(
		() => stream.close(),
		() => stream.close(),
	);
}
