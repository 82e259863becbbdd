/**
 * Watches as a chunked stream of JSON lines, one `{"type":..., "object":...}` per event, as kubectl and client
 * libraries read them. A Table watch (`kubectl get -w`) sends each object as a one-row Table whose column definitions
 * come only with the first event.
 */
import type {KubeObject} from '../../api/object.js';
import type {Watch, WatchEvent, WatchOptions} from '../../api/object-api.js';
import {apiVersionOf, type ResourceInfo} from '../../api/resources.js';
import {ApiError, type Status} from '../../api/status.js';
import type {RequestContext} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {includeObjectParameter, partialObject, tableOf, typed} from '../api-objects.js';
import {booleanParameter, integerParameter} from '../query.js';
import {jsonContentType, tableContentType, type Rendering} from '../negotiation.js';
import {renderingFor} from '../rendering.js';

/** JSON of shared store objects, kept while the object lives: a hundred watchers of one object encode it once. */
const encoded = new WeakMap<KubeObject, string>();

function encodeObject(info: ResourceInfo, object: KubeObject): string {
	let text = encoded.get(object);
	if (text === undefined) {
		text = JSON.stringify(typed(info, object));
		encoded.set(object, text);
	}
	return text;
}

function line(type: string, objectJson: string): string {
	return `{"type":"${type}","object":${objectJson}}\n`;
}

export async function watchObjects(context: RequestContext, path: ResourcePath, fieldSelectorForName?: string): Promise<void> {
	const rendering = renderingFor(context, true);
	if (rendering === 'yaml') return watchObjectsAs(context, path, 'json', fieldSelectorForName);
	return watchObjectsAs(context, path, rendering, fieldSelectorForName);
}

function watchObjectsAs(context: RequestContext, path: ResourcePath, rendering: Exclude<Rendering, 'yaml'>, nameSelector?: string): void {
	const {query, response, cluster, limits, streams} = context;
	const {info, namespace} = path;
	const fieldSelectors = [query.get('fieldSelector'), nameSelector].filter(Boolean);
	const allowBookmarks = booleanParameter(query, 'allowWatchBookmarks');
	const sendInitialEvents = booleanParameter(query, 'sendInitialEvents');
	const options: WatchOptions = {
		labelSelector: query.get('labelSelector') ?? undefined,
		fieldSelector: fieldSelectors.length > 0 ? fieldSelectors.join(',') : undefined,
		resourceVersion: sendInitialEvents ? undefined : (query.get('resourceVersion') ?? undefined),
		allowWatchBookmarks: allowBookmarks,
	};
	const includeObject = rendering === 'table' ? includeObjectParameter(query) : 'Metadata';
	const timeoutSeconds =
		integerParameter(query, 'timeoutSeconds') ?? limits.minWatchTimeoutSeconds * (1 + Math.random());

	let closed = false;
	let headWritten = false;
	let columnsSent = false;
	let lastResourceVersion = options.resourceVersion && options.resourceVersion !== '0' ? options.resourceVersion : undefined;
	let watch: Watch | undefined;
	const timers: NodeJS.Timeout[] = [];

	const writeHead = () => {
		if (headWritten) return;
		headWritten = true;
		response.writeHead(200, {
			'Content-Type': rendering === 'table' ? tableContentType : jsonContentType,
			'Cache-Control': 'no-cache, private',
			'Transfer-Encoding': 'chunked',
		});
		response.flushHeaders();
	};

	const stream = {
		close() {
			if (closed) return;
			closed = true;
			watch?.stop();
			for (const timer of timers) clearTimeout(timer);
			streams.delete(stream);
			writeHead();
			if (!response.destroyed) response.end();
		},
	};

	const write = (text: string) => {
		if (closed || text === '') return;
		writeHead();
		response.write(text);
		// A client this far behind will not catch up; it re-watches from where it got to, or re-lists.
		if (response.writableLength > limits.maxWatchBacklogBytes) stream.close();
	};

	const objectJson = (object: KubeObject): string => {
		if (rendering === 'json') return encodeObject(info, object);
		if (rendering === 'partial') return JSON.stringify(partialObject(object));
		const table = tableOf(info, [object], includeObject, cluster.clock.now(), {resourceVersion: object.metadata.resourceVersion}, !columnsSent);
		columnsSent = true;
		return JSON.stringify(table);
	};

	const bookmarkJson = (resourceVersion: string, initialEventsEnd: boolean): string => {
		const metadata: Record<string, unknown> = {resourceVersion};
		if (initialEventsEnd) metadata['annotations'] = {'k8s.io/initial-events-end': 'true'};
		if (rendering === 'table') return JSON.stringify({kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata, rows: []});
		if (rendering === 'partial') return JSON.stringify({kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata});
		return JSON.stringify({kind: info.kind, apiVersion: apiVersionOf(info), metadata});
	};

	const errorEvent = (status: Status) => {
		write(line('ERROR', JSON.stringify(status)));
		stream.close();
	};

	const onEvents = (events: WatchEvent[]) => {
		if (closed) return;
		try {
			let text = '';
			for (const event of events) {
				if (event.type === 'ERROR') {
					write(text);
					errorEvent(event.object as unknown as Status);
					return;
				}
				if (event.type === 'BOOKMARK') {
					if (allowBookmarks && event.object.metadata.resourceVersion) text += line('BOOKMARK', bookmarkJson(event.object.metadata.resourceVersion, false));
					continue;
				}
				text += line(event.type, objectJson(event.object));
				if (event.object.metadata.resourceVersion) lastResourceVersion = event.object.metadata.resourceVersion;
			}
			write(text);
		} catch (error) {
			// The store must never see a watcher's failure; this one watch ends instead.
			process.stderr.write(`kubedeck api: watch of ${info.plural} failed: ${error instanceof Error ? error.message : String(error)}\n`);
			stream.close();
		}
	};

	try {
		watch = cluster.api.watch(info.plural, namespace, options, onEvents);
	} catch (error) {
		// An expired resourceVersion is answered inside the stream, as Kubernetes does, so clients re-list.
		if (error instanceof ApiError && error.code === 410) {
			errorEvent(error.status);
			return;
		}
		throw error;
	}
	streams.add(stream);
	writeHead();
	response.on('close', () => stream.close());
	if (response.destroyed) stream.close();

	// Timers run after every pending microtask, so the store has handed this watch all it had by then.
	const currentResourceVersion = () => {
		const current = cluster.api.resourceVersion();
		return lastResourceVersion && Number(lastResourceVersion) > Number(current) ? lastResourceVersion : current;
	};
	if (sendInitialEvents && allowBookmarks) {
		timers.push(setTimeout(() => write(line('BOOKMARK', bookmarkJson(currentResourceVersion(), true))), 0));
	}
	if (allowBookmarks) {
		timers.push(setInterval(() => write(line('BOOKMARK', bookmarkJson(currentResourceVersion(), false))), limits.bookmarkIntervalMs));
	}
	// setTimeout fires at once past 2^31 ms; longer watches end at about 24 days.
	timers.push(setTimeout(() => stream.close(), Math.min(timeoutSeconds * 1000, 2 ** 31 - 1)));
}
