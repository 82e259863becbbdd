import http from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import type {KubeObject} from '../../../source/cluster/api/object.js';

/**
 * A small stand-in for a Kubernetes API server, enough for the client: discovery, list with limit and continue,
 * watch with history and 410, get/create/patch/delete/eviction, logs and metrics, and knobs to break things.
 * Resources are kept by plural; every object carries its namespace.
 */

export type RecordedRequest = {method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; body: string};

type Resource = {plural: string; kind: string; group: string; version: string; namespaced: boolean; shortNames: string[]; verbs?: string[]};
type WatchEvent = {type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject; revision: number; plural: string};
type Watcher = {plural: string; namespace: string | undefined; response: http.ServerResponse};

export type FakeServerOptions = {
	tls?: {cert: string; key: string};
	/** Requests without `Authorization: Bearer <token>` get 401. */
	token?: string;
	/** Nodes served at startup. */
	nodes?: KubeObject[];
	/** Serve metrics.k8s.io (default false: 404, as a cluster without metrics-server). */
	metrics?: boolean;
};

export const fakeResources: Resource[] = [
	{plural: 'namespaces', kind: 'Namespace', group: '', version: 'v1', namespaced: false, shortNames: ['ns']},
	{plural: 'nodes', kind: 'Node', group: '', version: 'v1', namespaced: false, shortNames: ['no']},
	{plural: 'pods', kind: 'Pod', group: '', version: 'v1', namespaced: true, shortNames: ['po']},
	{plural: 'configmaps', kind: 'ConfigMap', group: '', version: 'v1', namespaced: true, shortNames: ['cm']},
	{plural: 'events', kind: 'Event', group: '', version: 'v1', namespaced: true, shortNames: ['ev']},
	{plural: 'componentstatuses', kind: 'ComponentStatus', group: '', version: 'v1', namespaced: false, shortNames: ['cs'], verbs: ['get', 'list']},
	{plural: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, shortNames: ['deploy']},
	{plural: 'events', kind: 'Event', group: 'events.k8s.io', version: 'v1', namespaced: true, shortNames: []},
];

export class FakeApiServer {
	readonly requests: RecordedRequest[] = [];
	/** Watch requests still to be refused with a 500 before one is accepted. */
	refuseWatches = 0;
	/** When set, answers every request to this path with the status and body. */
	failures = new Map<string, {code: number; body: unknown}>();
	/** Eviction answer: undefined allows it. */
	evictionRefusal: {code: number; message: string; reason: string} | undefined;
	/** Holds back the rest of each list page until the next page is asked for: shows whether the client reads ahead. */
	holdPageTails = false;
	/** Pages whose successor was asked for before they were complete. */
	pagesAskedEarly = 0;
	private releaseHeldPage: ((asked: boolean) => void) | undefined;
	/** Writes list metadata after the items, as no API server does, to check the client does not rely on it. */
	listMetadataLast = false;
	/** Called for pods/NAME/log; the test writes the body. */
	onLogs: ((response: http.ServerResponse, query: URLSearchParams) => void) | undefined;
	private readonly objects = new Map<string, Map<string, KubeObject>>();
	private history: WatchEvent[] = [];
	private oldestRevision = 0;
	private revision = 100;
	private readonly watchers = new Set<Watcher>();
	private readonly sockets = new Set<import('node:net').Socket>();
	private readonly server: http.Server;
	private readonly options: FakeServerOptions;
	private readonly continues = new Map<string, {keys: string[]; revision: number}>();
	url = '';

	constructor(options: FakeServerOptions = {}) {
		this.options = options;
		const handler = (request: http.IncomingMessage, response: http.ServerResponse) => this.handle(request, response);
		this.server = options.tls ? https.createServer({cert: options.tls.cert, key: options.tls.key}, handler) : http.createServer(handler);
		this.server.on(options.tls ? 'secureConnection' : 'connection', socket => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		for (const resource of fakeResources) this.objects.set(this.storeName(resource), new Map());
		for (const node of options.nodes ?? []) this.put('nodes', node, false);
	}

	async start(): Promise<string> {
		await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve));
		const {port} = this.server.address() as AddressInfo;
		this.url = `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
		return this.url;
	}

	async close(): Promise<void> {
		for (const watcher of this.watchers) watcher.response.destroy();
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>(resolve => this.server.close(() => resolve()));
	}

	/** A kubeconfig for this server (plain: no credentials; TLS: the CA and the token). */
	kubeconfig(contextName = 'fake', extra: {ca?: string; token?: string; insecure?: boolean; exec?: unknown} = {}): string {
		const cluster: Record<string, unknown> = {server: this.url};
		if (extra.ca) cluster['certificate-authority-data'] = Buffer.from(extra.ca).toString('base64');
		if (extra.insecure) cluster['insecure-skip-tls-verify'] = true;
		const user: Record<string, unknown> = {};
		if (extra.token) user.token = extra.token;
		if (extra.exec) user.exec = extra.exec;
		return JSON.stringify({
			apiVersion: 'v1',
			kind: 'Config',
			clusters: [{name: 'c', cluster}],
			users: [{name: 'u', user}],
			contexts: [{name: contextName, context: {cluster: 'c', user: 'u', namespace: 'default'}}],
			'current-context': contextName,
		});
	}

	/** Adds or replaces an object, telling watchers (ADDED or MODIFIED). */
	put(plural: string, object: KubeObject, notify = true): KubeObject {
		const store = this.store(plural);
		const key = keyOf(object);
		const type = store.has(key) ? 'MODIFIED' : 'ADDED';
		const stored = {...object, metadata: {...object.metadata, resourceVersion: String(++this.revision)}};
		store.set(key, stored);
		if (notify) this.emit({type, object: stored, revision: this.revision, plural});
		return stored;
	}

	/** Many objects at once, for big lists: no history, no watchers. */
	seed(plural: string, objects: KubeObject[]): void {
		const store = this.store(plural);
		for (const object of objects) store.set(keyOf(object), {...object, metadata: {...object.metadata, resourceVersion: String(++this.revision)}});
	}

	remove(plural: string, namespace: string | undefined, name: string): void {
		const store = this.store(plural);
		const key = `${namespace ?? ''}/${name}`;
		const object = store.get(key);
		if (!object) return;
		store.delete(key);
		const gone = {...object, metadata: {...object.metadata, resourceVersion: String(++this.revision)}};
		this.emit({type: 'DELETED', object: gone, revision: this.revision, plural});
	}

	/** Forgets the watch history, as etcd compaction does: watches from older revisions get 410. */
	compact(): void {
		this.history = [];
		this.oldestRevision = this.revision;
	}

	/** Cuts every open watch connection without ending the response properly. */
	dropWatches(): void {
		for (const watcher of this.watchers) watcher.response.socket?.destroy();
		this.watchers.clear();
	}

	/** Sends an ERROR 410 event on every open watch and ends them, as an API server whose watch cache moved on. */
	expireWatches(): void {
		for (const watcher of this.watchers) {
			const status = {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 1 (200)', reason: 'Expired', code: 410};
			watcher.response.end(`${JSON.stringify({type: 'ERROR', object: status})}\n`);
		}
		this.watchers.clear();
	}

	/** Sends a bookmark on every open watch. */
	bookmark(): void {
		for (const watcher of this.watchers) {
			const object = {kind: 'Pod', apiVersion: 'v1', metadata: {resourceVersion: String(this.revision)}};
			watcher.response.write(`${JSON.stringify({type: 'BOOKMARK', object})}\n`);
		}
	}

	get openWatches(): number {
		return this.watchers.size;
	}

	/** Resolves once `count` watches are open. */
	async waitForWatches(count: number): Promise<void> {
		while (this.watchers.size < count) await new Promise(resolve => setTimeout(resolve, 5));
	}

	/** Writes many events to every watcher of plural in one go, as a burst. */
	burst(plural: string, objects: KubeObject[]): void {
		let text = '';
		const store = this.store(plural);
		for (const object of objects) {
			const key = keyOf(object);
			const type = store.has(key) ? 'MODIFIED' : 'ADDED';
			const stored = {...object, metadata: {...object.metadata, resourceVersion: String(++this.revision)}};
			store.set(key, stored);
			text += `${JSON.stringify({type, object: stored})}\n`;
		}
		for (const watcher of this.watchers) if (watcher.plural === plural) watcher.response.write(text);
	}

	private emit(event: WatchEvent): void {
		this.history.push(event);
		for (const watcher of this.watchers) this.send(watcher, event);
	}

	private send(watcher: Watcher, event: WatchEvent): void {
		if (watcher.plural !== event.plural) return;
		if (watcher.namespace && event.object.metadata.namespace !== watcher.namespace) return;
		watcher.response.write(`${JSON.stringify({type: event.type, object: event.object})}\n`);
	}

	private store(plural: string): Map<string, KubeObject> {
		const store = this.objects.get(plural);
		if (!store) throw new Error(`fake server has no ${plural}`);
		return store;
	}

	private storeName(resource: Resource): string {
		return resource.group === 'events.k8s.io' ? 'events.events.k8s.io' : resource.plural;
	}

	private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
		let body = '';
		request.setEncoding('utf8');
		request.on('data', chunk => (body += chunk));
		request.on('end', () => {
			const url = new URL(request.url ?? '/', 'http://fake');
			this.requests.push({method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers, body});
			try {
				this.route(request.method ?? 'GET', url, body, request, response);
			} catch (error) {
				status(response, 500, 'InternalError', `Internal error occurred: ${(error as Error).message}`);
			}
		});
	}

	private route(method: string, url: URL, body: string, request: http.IncomingMessage, response: http.ServerResponse): void {
		const path = url.pathname;
		if (this.options.token && request.headers.authorization !== `Bearer ${this.options.token}`) {
			return status(response, 401, 'Unauthorized', 'Unauthorized');
		}
		const failure = this.failures.get(path);
		if (failure) {
			if (typeof failure.body !== 'string') return json(response, failure.code, failure.body);
			response.writeHead(failure.code, {'Content-Type': 'text/plain'});
			return void response.end(failure.body);
		}
		if (path === '/version') return json(response, 200, {major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64'});
		if (path === '/api/v1') return json(response, 200, discoveryList('v1', fakeResources.filter(r => r.group === '')));
		if (path === '/apis') {
			const groups = [...new Set(fakeResources.filter(r => r.group).map(r => `${r.group}/${r.version}`))];
			if (this.options.metrics) groups.push('metrics.k8s.io/v1beta1');
			return json(response, 200, {
				kind: 'APIGroupList',
				groups: groups.map(gv => {
					const version = {groupVersion: gv, version: gv.split('/')[1]};
					return {name: gv.split('/')[0], versions: [version], preferredVersion: version};
				}),
			});
		}
		if (path.startsWith('/apis/metrics.k8s.io/')) return this.metrics(path, response);
		const groupMatch = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
		if (groupMatch) {
			const served = fakeResources.filter(r => r.group === groupMatch[1] && r.version === groupMatch[2]);
			if (served.length === 0) return status(response, 404, 'NotFound', 'the server could not find the requested resource');
			return json(response, 200, discoveryList(`${groupMatch[1]}/${groupMatch[2]}`, served));
		}
		const match = /^\/(?:api\/v1|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
		if (!match) return status(response, 404, 'NotFound', 'the server could not find the requested resource');
		const [, group = '', , namespace, plural, name, subresource] = match;
		const resource = fakeResources.find(r => r.plural === plural && r.group === group);
		if (!resource) return status(response, 404, 'NotFound', 'the server could not find the requested resource');
		const storeName = this.storeName(resource);
		const qualified = group ? `${plural}.${group}` : plural;
		if (name === undefined) {
			if (method === 'GET' && url.searchParams.get('watch')) return this.watch(storeName, namespace, url.searchParams, response);
			if (method === 'GET') return this.list(resource, storeName, namespace, url.searchParams, response);
			if (method === 'POST') {
				const object = JSON.parse(body) as KubeObject;
				const ns = resource.namespaced ? namespace : undefined;
				const named = {...object, metadata: {...object.metadata, namespace: ns}};
				if (this.store(storeName).has(keyOf(named))) {
					return status(response, 409, 'AlreadyExists', `${qualified} "${object.metadata.name}" already exists`);
				}
				return json(response, 201, this.put(storeName, named));
			}
			return status(response, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
		}
		const key = `${resource.namespaced ? namespace : ''}/${name}`;
		const existing = this.store(storeName).get(key);
		if (subresource === 'log') {
			if (!existing) return status(response, 404, 'NotFound', `pods "${name}" not found`);
			response.writeHead(200, {'Content-Type': 'text/plain'});
			if (this.onLogs) return this.onLogs(response, url.searchParams);
			return void response.end();
		}
		if (subresource === 'eviction') {
			if (!existing) return status(response, 404, 'NotFound', `pods "${name}" not found`);
			if (this.evictionRefusal) return status(response, this.evictionRefusal.code, this.evictionRefusal.reason, this.evictionRefusal.message);
			this.remove(storeName, namespace, name);
			return json(response, 201, {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201});
		}
		if (!existing) return status(response, 404, 'NotFound', `${qualified} "${name}" not found`);
		if (method === 'GET') return json(response, 200, existing);
		if (method === 'PATCH') {
			const patch = JSON.parse(body) as Record<string, unknown>;
			const changed = Array.isArray(patch) ? existing : mergePatch(existing, patch);
			return json(response, 200, this.put(storeName, changed as KubeObject));
		}
		if (method === 'DELETE') {
			this.remove(storeName, resource.namespaced ? namespace : undefined, name);
			return json(response, 200, existing);
		}
		return status(response, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
	}

	private list(resource: Resource, storeName: string, namespace: string | undefined, query: URLSearchParams, response: http.ServerResponse): void {
		const limit = Number(query.get('limit') ?? 0);
		const token = query.get('continue');
		let keys: string[];
		let revision = this.revision;
		let start = 0;
		if (token) {
			const saved = this.continues.get(token.split(':')[0]);
			if (!saved) return status(response, 410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.');
			keys = saved.keys;
			revision = saved.revision;
			start = Number(token.split(':')[1]);
		} else {
			keys = [...this.store(storeName).entries()]
				.filter(([, object]) => !namespace || object.metadata.namespace === namespace)
				.map(([key]) => key)
				.sort();
		}
		const end = limit > 0 ? Math.min(keys.length, start + limit) : keys.length;
		const store = this.store(storeName);
		const items = keys.slice(start, end).map(key => store.get(key)).filter(Boolean);
		const metadata: Record<string, unknown> = {resourceVersion: String(revision)};
		if (end < keys.length) {
			const id = String(this.continues.size + 1);
			this.continues.set(id, {keys, revision});
			metadata.continue = `${id}:${end}`;
			metadata.remainingItemCount = keys.length - end;
		}
		// A real API server writes list items without kind and apiVersion; so does this one.
		const apiVersion = resource.group ? `${resource.group}/${resource.version}` : 'v1';
		const stripped = items.map(stripKind);
		const body = this.listMetadataLast
			? {kind: `${resource.kind}List`, apiVersion, items: stripped, metadata}
			: {kind: `${resource.kind}List`, apiVersion, metadata, items: stripped};
		this.releaseHeldPage?.(true);
		if (!this.holdPageTails || !metadata.continue) return json(response, 200, body);
		// Send the start of the page, and the rest only once the next page is asked for (or after a while).
		const text = JSON.stringify(body);
		const cut = text.indexOf('"items":') + 20;
		response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)});
		response.write(text.slice(0, cut));
		const timer = setTimeout(() => this.releaseHeldPage?.(false), 3000);
		this.releaseHeldPage = asked => {
			clearTimeout(timer);
			this.releaseHeldPage = undefined;
			if (asked) this.pagesAskedEarly++;
			response.end(text.slice(cut));
		};
	}

	private watch(plural: string, namespace: string | undefined, query: URLSearchParams, response: http.ServerResponse): void {
		if (this.refuseWatches > 0) {
			this.refuseWatches--;
			return status(response, 500, 'InternalError', 'Internal error occurred: watch refused for the test');
		}
		const from = Number(query.get('resourceVersion') ?? 0);
		if (from < this.oldestRevision) {
			return status(response, 410, 'Expired', `too old resource version: ${from} (${this.oldestRevision})`);
		}
		response.writeHead(200, {'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked'});
		response.flushHeaders();
		const watcher: Watcher = {plural, namespace, response};
		for (const event of this.history) if (event.revision > from) this.send(watcher, event);
		this.watchers.add(watcher);
		response.on('close', () => this.watchers.delete(watcher));
	}

	private metrics(path: string, response: http.ServerResponse): void {
		if (!this.options.metrics) return status(response, 404, 'NotFound', 'the server could not find the requested resource');
		if (path.endsWith('/nodes')) {
			return json(response, 200, {
				kind: 'NodeMetricsList',
				items: [{metadata: {name: 'node-1'}, usage: {cpu: '250m', memory: '512Mi'}}, {metadata: {name: 'node-2'}, usage: {cpu: '1500000000n', memory: '1Gi'}}],
			});
		}
		return json(response, 200, {
			kind: 'PodMetricsList',
			items: [
				{
					metadata: {name: 'web-1', namespace: 'default'},
					containers: [
						{name: 'a', usage: {cpu: '10m', memory: '10Mi'}},
						{name: 'b', usage: {cpu: '5m', memory: '6Mi'}},
					],
				},
			],
		});
	}
}

export function pod(name: string, namespace = 'default', extra: Record<string, unknown> = {}): KubeObject {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace, uid: `uid-${namespace}-${name}`}, spec: {containers: [{name: 'main', image: 'nginx'}]}, ...extra};
}

function keyOf(object: KubeObject): string {
	return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function stripKind(object: KubeObject | undefined): KubeObject {
	const {kind: _kind, apiVersion: _apiVersion, ...rest} = object as KubeObject;
	return rest as KubeObject;
}

function mergePatch(target: unknown, patch: unknown): unknown {
	if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
	const result: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? {...(target as Record<string, unknown>)} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete result[key];
		else result[key] = mergePatch(result[key], value);
	}
	return result;
}

function discoveryList(groupVersion: string, resources: Resource[]): unknown {
	return {
		kind: 'APIResourceList',
		groupVersion,
		resources: resources.flatMap(r => [
			{name: r.plural, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: r.verbs ?? ['get', 'list', 'watch', 'create', 'patch', 'delete'], shortNames: r.shortNames},
			...(r.plural === 'pods' ? [{name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get']}] : []),
		]),
	};
}

function json(response: http.ServerResponse, code: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(code, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)});
	response.end(text);
}

function status(response: http.ServerResponse, code: number, reason: string, message: string): void {
	json(response, code, {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code});
}
