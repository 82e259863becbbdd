// Client speed: how long until a cache of 13,000 pods is synced, and how many watch events it applies per second.
// A stand-in API server in this process answers from bytes serialised in advance, so the time is the client's
// (plus TLS on loopback, as with kubedeck's own server).
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {connect} from '../source/client/connect.js';
import type {ListWatchCache} from '../source/client/list-watch.js';

const podCount = 13_000;
const eventCount = 50_000;
const pageSize = 500;

type Pod = {metadata: {name: string; namespace: string; resourceVersion: string; [field: string]: unknown}; [field: string]: unknown};

/** A pod as a scheduled, running Deployment replica looks in a real cluster (about 2.5 KB of JSON). */
function makePod(index: number, resourceVersion: number): Pod {
	const hash = (index * 2654435761 >>> 0).toString(36).padStart(7, '0').slice(0, 5);
	const name = `web-7d4b9c8f6-${hash}${index}`;
	const created = '2026-11-26T10:00:00Z';
	return {
		metadata: {
			name,
			generateName: 'web-7d4b9c8f6-',
			namespace: `team-${index % 20}`,
			uid: `6f1c2d3e-${String(index).padStart(4, '0')}-4a5b-8c9d-0e1f2a3b4c5d`,
			resourceVersion: String(resourceVersion),
			creationTimestamp: created,
			labels: {app: 'web', 'pod-template-hash': '7d4b9c8f6', tier: 'frontend'},
			ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f6', uid: 'a1b2c3d4-0000-4000-8000-000000000001', controller: true, blockOwnerDeletion: true}],
		},
		spec: {
			containers: [
				{
					name: 'web',
					image: 'gcr.io/google-samples/kubernetes-bootcamp:v1',
					ports: [{containerPort: 8080, protocol: 'TCP'}],
					resources: {requests: {cpu: '100m', memory: '128Mi'}, limits: {cpu: '500m', memory: '256Mi'}},
					terminationMessagePath: '/dev/termination-log',
					terminationMessagePolicy: 'File',
					imagePullPolicy: 'IfNotPresent',
				},
			],
			restartPolicy: 'Always',
			terminationGracePeriodSeconds: 30,
			dnsPolicy: 'ClusterFirst',
			serviceAccountName: 'default',
			nodeName: `worker-${index % 50}`,
			schedulerName: 'default-scheduler',
			tolerations: [
				{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
				{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
			],
			priority: 0,
			enableServiceLinks: true,
		},
		status: {
			phase: 'Running',
			conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(type => ({type, status: 'True', lastProbeTime: null, lastTransitionTime: created})),
			hostIP: `172.18.0.${index % 50}`,
			podIP: `10.244.${index % 50}.${index % 250}`,
			podIPs: [{ip: `10.244.${index % 50}.${index % 250}`}],
			startTime: created,
			containerStatuses: [
				{
					name: 'web',
					state: {running: {startedAt: created}},
					ready: true,
					restartCount: 0,
					image: 'gcr.io/google-samples/kubernetes-bootcamp:v1',
					imageID: 'gcr.io/google-samples/kubernetes-bootcamp@sha256:0d6b8ee63bb57c5f5b6156f446b3bc3b3c143d233037f3a2f00e279c8fcc64af',
					containerID: `containerd://${String(index).padStart(64, 'a')}`,
					started: true,
				},
			],
			qosClass: 'Burstable',
		},
	};
}

/** List answers serialised in advance: one page per continue token, and the whole list. */
function prepareLists(pods: Pod[], resourceVersion: number): {pages: Buffer[]; whole: Buffer} {
	const list = (items: Pod[], next?: string) =>
		Buffer.from(JSON.stringify({kind: 'PodList', apiVersion: 'v1', metadata: {resourceVersion: String(resourceVersion), ...(next ? {continue: next} : {})}, items}));
	const pages: Buffer[] = [];
	for (let start = 0; start < pods.length; start += pageSize) {
		const end = start + pageSize;
		pages.push(list(pods.slice(start, end), end < pods.length ? String(pages.length + 1) : undefined));
	}
	return {pages, whole: list(pods)};
}

function selfSignedCertificate(): {cert: string; key: string} | undefined {
	const directory = mkdtempSync(join(tmpdir(), 'kubedeck-bench-'));
	try {
		execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=bench', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(directory, 'key.pem'), '-out', join(directory, 'cert.pem')], {stdio: 'ignore'});
		return {cert: readFileSync(join(directory, 'cert.pem'), 'utf8'), key: readFileSync(join(directory, 'key.pem'), 'utf8')};
	} catch {
		return undefined;
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
}

export async function benchClient(): Promise<Record<string, string | number>> {
	const pods = Array.from({length: podCount}, (_, index) => makePod(index, 1000 + index));
	const listVersion = 1000 + podCount;
	const {pages, whole} = prepareLists(pods, listVersion);
	// Events in chunks of 500 lines, as a busy API server flushes them.
	const eventChunks: Buffer[] = [];
	for (let start = 0; start < eventCount; start += 500) {
		let text = '';
		for (let index = start; index < Math.min(eventCount, start + 500); index++) {
			const pod = pods[index % podCount];
			text += `${JSON.stringify({type: 'MODIFIED', object: {...pod, kind: 'Pod', apiVersion: 'v1', metadata: {...pod.metadata, resourceVersion: String(listVersion + 1 + index)}}})}\n`;
		}
		eventChunks.push(Buffer.from(text));
	}
	let pageDelayMs = 0;
	let watch: http.ServerResponse | undefined;
	let watchOpened: (() => void) | undefined;

	const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
		const url = new URL(request.url ?? '/', 'http://bench');
		const send = (body: Buffer | string) => {
			response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
			response.end(body);
		};
		if (url.pathname === '/version') return send(JSON.stringify({major: '1', minor: '32', gitVersion: 'v1.32.4'}));
		if (url.pathname === '/api/v1') {
			return send(JSON.stringify({kind: 'APIResourceList', groupVersion: 'v1', resources: [{name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['list', 'watch'], shortNames: ['po']}]}));
		}
		if (url.pathname === '/apis') return send(JSON.stringify({kind: 'APIGroupList', groups: []}));
		if (url.pathname === '/api/v1/nodes') return send(JSON.stringify({kind: 'NodeList', metadata: {}, items: []}));
		if (url.pathname !== '/api/v1/pods') return void response.writeHead(404).end();
		if (url.searchParams.get('watch')) {
			response.writeHead(200, {'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked'});
			response.flushHeaders();
			watch = response;
			watchOpened?.();
			return;
		}
		if (!url.searchParams.get('limit')) return send(whole);
		const page = pages[Number(url.searchParams.get('continue') ?? 0)];
		// A real API server takes a while per page (etcd read, encoding) and sits a round trip away.
		if (pageDelayMs > 0) setTimeout(() => send(page), pageDelayMs);
		else send(page);
	};

	const certificate = selfSignedCertificate();
	const server = certificate ? https.createServer(certificate, handler) : http.createServer(handler);
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const protocol = certificate ? 'https' : 'http';
	const kubeconfig = JSON.stringify({
		apiVersion: 'v1',
		kind: 'Config',
		clusters: [{name: 'bench', cluster: {server: `${protocol}://127.0.0.1:${port}`, ...(certificate ? {'certificate-authority-data': Buffer.from(certificate.cert).toString('base64')} : {})}}],
		users: [{name: 'bench', user: {token: 'bench'}}],
		contexts: [{name: 'bench', context: {cluster: 'bench', user: 'bench'}}],
		'current-context': 'bench',
	});

	const figures: Record<string, string | number> = {transport: `${protocol} on loopback`, 'pods listed': podCount};
	const syncTime = async (pageSizeOption: number): Promise<{ms: number; cache: ListWatchCache; close(): void}> => {
		const client = await connect({kubeconfig, pageSize: pageSizeOption, lingerMs: 0});
		const opened = new Promise<void>(resolve => (watchOpened = resolve));
		const started = performance.now();
		const cache = client.cache('pods', undefined) as ListWatchCache;
		await new Promise<void>(resolve => {
			const unsubscribe = cache.subscribe(() => {
				if (!cache.synced()) return;
				unsubscribe();
				resolve();
			});
		});
		const ms = performance.now() - started;
		await opened;
		return {ms, cache, close: () => client.close()};
	};

	try {
		// One warm-up, so the figures are not about loading the kubeconfig library or JIT.
		(await syncTime(0)).close();
		const paged = await syncTime(pageSize);
		paged.close();
		figures[`list to synced cache, pages of ${pageSize} (ms)`] = Math.round(paged.ms);
		pageDelayMs = 20;
		const remote = await syncTime(pageSize);
		remote.close();
		pageDelayMs = 0;
		figures[`list to synced cache, pages of ${pageSize} taking 20 ms each to come (ms)`] = Math.round(remote.ms);
		const unpaged = await syncTime(0);
		figures['list to synced cache, one answer (ms)'] = Math.round(unpaged.ms);
		figures['list bytes (MB)'] = (whole.length / 2 ** 20).toFixed(1);

		const {cache} = unpaged;
		let notifications = 0;
		cache.subscribe(() => notifications++);
		const before = cache.stats().events;
		const started = performance.now();
		for (const chunk of eventChunks) watch!.write(chunk);
		await new Promise<void>(resolve => {
			const check = () => (cache.stats().events - before >= eventCount ? resolve() : setImmediate(check));
			check();
		});
		const seconds = (performance.now() - started) / 1000;
		figures['watch events applied per second'] = Math.round(eventCount / seconds);
		// Listeners hear of changes a few times per second however many events arrive.
		await new Promise(resolve => setTimeout(resolve, 300));
		figures[`notifications for ${eventCount} events`] = notifications;
		unpaged.close();
	} finally {
		watch?.destroy();
		server.closeAllConnections?.();
		await new Promise<void>(resolve => server.close(() => resolve()));
	}
	return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	console.log(await benchClient());
}
