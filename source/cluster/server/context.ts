import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Cluster} from '../cluster-types.js';

/** Tunables of a running server; the defaults are Kubernetes' own where it has one. */
export type ServerLimits = {
	/** How often an idle watch that asked for bookmarks gets one (Kubernetes: about a minute). */
	bookmarkIntervalMs: number;
	/** A watch whose client has not read this many bytes is closed: the client re-lists or re-watches. */
	maxWatchBacklogBytes: number;
	/** Watches without timeoutSeconds end after a random time in [min, 2*min) (Kubernetes: 30-60 min). */
	minWatchTimeoutSeconds: number;
};

export const defaultLimits: ServerLimits = {
	bookmarkIntervalMs: 60_000,
	maxWatchBacklogBytes: 16 * 1024 * 1024,
	minWatchTimeoutSeconds: 1800,
};

/** Long-running answers (watches, log follows, exec sessions, proxies) that close() must end. */
export type OpenStreams = Set<{close(): void}>;

export type RequestContext = {
	request: IncomingMessage;
	response: ServerResponse;
	query: URLSearchParams;
	cluster: Cluster;
	pretty: boolean;
	limits: ServerLimits;
	streams: OpenStreams;
};
