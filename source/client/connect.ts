import {readFileSync} from 'node:fs';
import {Agent} from 'node:http';
import type {RequestOptions as HttpsRequestOptions} from 'node:https';
import type {KubeConfig} from '@kubernetes/client-node';
import type {KubeObject} from '../cluster/api/object.js';
import type {Clock} from '../cluster/clock.js';
import {builtinKinds, discoverKinds} from './kinds.js';
import {HttpClusterClient} from './http-client.js';
import {Transport, type HeaderSource, type TlsOptions} from './transport.js';
import {ClientError} from './types.js';
import type {ContextEntry, ResourceKind} from './types.js';

export type ConnectOptions = {
	/** A kubeconfig file; default $KUBECONFIG or ~/.kube/config, as kubectl. */
	kubeconfigPath?: string;
	/** A kubeconfig's text, instead of a file. */
	kubeconfig?: string;
	/** A context of the kubeconfig; default its current-context. */
	context?: string;
	/** Says whether the cluster is kubedeck's own; default: found out (see isEmbedded). */
	embedded?: boolean;
	clock?: Clock;
	wait?: (ms: number, signal: AbortSignal) => Promise<void>;
	coalesceMs?: number;
	/** Objects per list page; default 500 (as kubectl), and one unpaged answer from kubedeck's own server. */
	pageSize?: number;
	lingerMs?: number;
};

/** The context name kubedeck gives its own cluster in the kubeconfigs it writes. */
export const embeddedContextName = 'kubedeck';
/** Labels and annotations under this prefix mark kubedeck's simulated nodes (kubedeck.io/power). */
const embeddedKeyPrefix = 'kubedeck.io/';

type VersionInfo = {gitVersion?: string; major?: string; minor?: string};
type NodeList = {items?: KubeObject[]};

/**
 * Opens a cluster as kubectl would from a kubeconfig: credentials (token, client certificate, exec plugin, basic),
 * CA or insecure-skip-tls-verify, then GET /version and discovery. Rejects with a ClientError when the server
 * cannot be reached, so the dashboard can say why.
 */
export async function connect(options: ConnectOptions = {}): Promise<HttpClusterClient> {
	const config = await loadKubeConfig(options);
	if (options.context) {
		if (!config.getContextObject(options.context)) throw new ClientError(`no context exists with the name: "${options.context}"`);
		config.setCurrentContext(options.context);
	}
	const contextName = config.getCurrentContext();
	const context = config.getContextObject(contextName);
	const cluster = config.getCurrentCluster();
	if (!cluster) {
		throw new ClientError(
			contextName
				? `context "${contextName}" names no cluster in the kubeconfig`
				: 'the kubeconfig has no current context: pass --context, or set one with kubectl config use-context',
		);
	}

	// As client-go, credentials go only over TLS: a plain http:// server (a local proxy) gets none.
	const secure = cluster.server.startsWith('https:');
	const transport = new Transport({
		server: cluster.server,
		...(secure ? await tlsOptions(config) : {}),
		headers: secure ? headerSource(config) : undefined,
		userAgent: 'kubedeck',
	});
	try {
		const [version, discovery, nodes] = await Promise.all([
			transport.json<VersionInfo>('/version', {timeoutMs: 10_000}),
			discoverKinds(transport).catch(() => undefined),
			transport.json<NodeList>('/api/v1/nodes', {query: {limit: 100}, timeoutMs: 10_000}).catch(() => undefined),
		]);
		const embedded = options.embedded ?? isEmbedded(contextName, nodes?.items ?? []);
		const kinds: readonly ResourceKind[] = discovery?.kinds.length ? discovery.kinds : builtinKinds;
		return new HttpClusterClient({
			transport,
			info: {
				context: contextName,
				server: cluster.server,
				version: version.gitVersion ?? (version.major ? `v${version.major}.${version.minor ?? 0}` : 'unknown'),
				embedded,
				namespace: context?.namespace || 'default',
				user: context?.user,
			},
			kinds,
			metricsServed: discovery ? discovery.groups.has('metrics.k8s.io') : undefined,
			clock: options.clock,
			wait: options.wait,
			coalesceMs: options.coalesceMs,
			// kubedeck's own server reads every object under the prefix for each page, so 26 pages of 500 cost it far
			// more than one answer (measured: 13,000 objects in ~0.5 s unpaged, 0.7-1.8 s paged); the client reads
			// either equally fast (bench/client.ts). A real API server pages cheaply and protects itself: pages of 500.
			pageSize: options.pageSize ?? (embedded ? 0 : 500),
			lingerMs: options.lingerMs,
		});
	} catch (error) {
		transport.close();
		throw error;
	}
}

/**
 * The rule for "this is kubedeck's own cluster": the context is named 'kubedeck', or a node carries a label or
 * annotation under kubedeck.io/ (the power switch). Neither /version nor discovery can tell.
 */
export function isEmbedded(contextName: string, nodes: readonly KubeObject[]): boolean {
	if (contextName === embeddedContextName) return true;
	return nodes.some(node =>
		[node.metadata.annotations, node.metadata.labels].some(map => Object.keys(map ?? {}).some(key => key.startsWith(embeddedKeyPrefix))),
	);
}

/** The contexts of a kubeconfig (default: $KUBECONFIG or ~/.kube/config), for the :ctx pane. */
export async function listContexts(kubeconfigPath?: string): Promise<ContextEntry[]> {
	const config = await loadKubeConfig({kubeconfigPath});
	const current = config.getCurrentContext();
	return config.getContexts().map(context => ({
		name: context.name,
		cluster: context.cluster,
		user: context.user,
		namespace: context.namespace,
		server: config.getCluster(context.cluster)?.server ?? '',
		current: context.name === current,
	}));
}

/** The kubeconfig's current-context. */
export async function currentContext(kubeconfigPath?: string): Promise<string> {
	return (await loadKubeConfig({kubeconfigPath})).getCurrentContext();
}

async function loadKubeConfig(options: Pick<ConnectOptions, 'kubeconfigPath' | 'kubeconfig'>): Promise<KubeConfig> {
	// Loaded on first use, through a module that names only KubeConfig so the bundle leaves the rest of the library out.
	const {KubeConfig} = await import('./kube-config.js');
	const config = new KubeConfig();
	try {
		if (options.kubeconfig !== undefined) config.loadFromString(options.kubeconfig);
		else if (options.kubeconfigPath) config.loadFromFile(options.kubeconfigPath);
		else config.loadFromDefault();
	} catch (error) {
		throw new ClientError(`cannot read the kubeconfig: ${(error as Error).message}`);
	}
	return config;
}

/** CA, client certificate and verification, from the cluster and user entries; the library's agent behind a proxy. */
async function tlsOptions(config: KubeConfig): Promise<{tls: TlsOptions; agent?: Agent}> {
	const applied: HttpsRequestOptions = {};
	await config.applyToHTTPSOptions(applied);
	const cluster = config.getCurrentCluster();
	const tls: TlsOptions = {};
	// The library only sets the cluster's CA when the context has a user; a user-less context still needs it.
	const ca = applied.ca ?? fileOrData(cluster?.caFile, cluster?.caData);
	if (ca) tls.ca = ca as TlsOptions['ca'];
	if (applied.cert) tls.cert = applied.cert as Buffer;
	if (applied.key) tls.key = applied.key as Buffer;
	if (cluster?.skipTLSVerify) tls.rejectUnauthorized = false;
	const servername = cluster?.tlsServerName ?? applied.servername;
	if (servername) tls.servername = servername;
	// Only the library speaks to HTTP and SOCKS proxies; its agent carries the TLS settings too.
	return cluster?.proxyUrl && applied.agent instanceof Agent ? {tls, agent: applied.agent} : {tls};
}

/**
 * Authorization for each request. Static credentials are read once; exec plugins and auth providers are asked
 * each time, since the library renews their tokens when they expire.
 */
function headerSource(config: KubeConfig): HeaderSource {
	const read = async () => {
		const applied: HttpsRequestOptions = {};
		await config.applyToHTTPSOptions(applied);
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(applied.headers ?? {})) {
			if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
		}
		if (applied.auth) headers.Authorization = `Basic ${Buffer.from(applied.auth).toString('base64')}`;
		return headers;
	};
	const user = config.getCurrentUser();
	if (user?.exec || user?.authProvider) return read;
	let fixed: Promise<Record<string, string>> | undefined;
	return () => (fixed ??= read());
}

function fileOrData(file: string | undefined, data: string | undefined): Buffer | undefined {
	if (file) return readFileSync(file);
	if (data) return Buffer.from(data, 'base64');
	return undefined;
}
