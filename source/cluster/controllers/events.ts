import type {KubeObject} from '../api/object.js';
import type {ObjectAPI} from '../api/object-api.js';
import {ApiError} from '../api/status.js';
import {timestamp, type Clock} from '../clock.js';
import type {Controller} from './controller-context.js';

export type EventType = 'Normal' | 'Warning';

/** Who reports an event: `default-scheduler`, `replicaset-controller`, or `kubelet` with the node as host. */
export type EventSource = {component: string; host?: string};

export interface EventRecorder {
	/** Records an event about object. Never blocks and never throws: the write happens in the background. */
	event(object: KubeObject, type: EventType, reason: string, message: string): void;
	/** A recorder writing as another component, sharing this one's cache and queue. */
	withSource(source: EventSource): EventRecorder;
	/** Resolves once every event recorded so far is written (or given up). */
	flush(): Promise<void>;
}

export type EventRecorderOptions = {
	api: ObjectAPI;
	clock: Clock;
	/** Default source of the root recorder (default `kubedeck`). */
	source?: EventSource;
	/** Recent events remembered for folding repeats into a count (default 4096). */
	cacheSize?: number;
	/** Events waiting to be written beyond which new ones are dropped, as client-go drops them (default 10000). */
	maxPending?: number;
};

/** An event as written, with what is needed to fold the next identical one into it. */
type Recent = {
	namespace: string;
	name: string;
	count: number;
	firstTimestamp: string;
	lastTimestamp: string;
	/** Set once the event exists in the store. */
	written: boolean;
	/** A write for this event is queued or running; later repeats ride on it. */
	writing: boolean;
	dirty: boolean;
	body: KubeObject;
};

/** client-go's EventCorrelator defaults: 10 similar events in 10 minutes; a burst of 25 per object, then 1 per 5 minutes. */
const maxSimilarEvents = 10;
const aggregateWindowMs = 10 * 60 * 1000;
const spamBurst = 25;
const spamRefillMs = 5 * 60 * 1000;
/** Event writes started per turn of the event loop. */
const eventsPerTurn = 32;

/**
 * Drops the least recently used entries once there are more than limit (maps keep insertion order; users re-insert
 * on use). A quarter goes at once: V8 leaves holes where entries were deleted at the front of a map, and looking
 * for the first key after each single deletion would walk them all.
 */
function trim<V>(map: Map<string, V>, limit: number): void {
	if (map.size <= limit) return;
	let drop = map.size - Math.floor((limit * 3) / 4);
	for (const key of map.keys()) {
		if (drop-- <= 0) break;
		map.delete(key);
	}
}

class EventSink {
	private readonly recent = new Map<string, Recent>();
	/** Distinct messages seen per object and reason in the last ten minutes. */
	private readonly aggregates = new Map<string, {messages: Set<string>; since: number}>();
	/** A token bucket per source and object. */
	private readonly buckets = new Map<string, {tokens: number; at: number}>();
	private pending = 0;
	private sequence = 0;
	private lastMs = 0;
	private readonly waiters: Array<() => void> = [];
	private readonly queued: Recent[] = [];
	private lastSecond = Number.NaN;
	private lastStamp = '';
	private pumping = false;

	constructor(private readonly options: EventRecorderOptions) {}

	record(source: EventSource, object: KubeObject, type: EventType, reason: string, originalMessage: string): void {
		const meta = object.metadata;
		const involvedObject = {
			kind: object.kind,
			namespace: meta.namespace,
			name: meta.name,
			uid: meta.uid,
			apiVersion: object.apiVersion,
			resourceVersion: meta.resourceVersion,
		};
		const nowMs = this.options.clock.now();
		const objectKey = [source.component, source.host ?? '', object.kind, meta.namespace ?? '', meta.name, meta.uid, object.apiVersion].join('\u0000');
		const aggregateKey = `${objectKey}\u0000${type}\u0000${reason}`;
		// Many different messages of one reason about one object fold into one "combined" event, as client-go does.
		let message = originalMessage;
		let key = `${aggregateKey}\u0000${message}`;
		if (this.similar(aggregateKey, message, nowMs)) {
			message = `(combined from similar events): ${originalMessage}`;
			key = aggregateKey;
		}
		// And no object floods the store: 25 events at once, then one per five minutes (client-go's spam filter).
		if (!this.allow(objectKey, nowMs)) return;
		const now = this.timestampOf(nowMs);
		const existing = this.recent.get(key);
		if (existing) {
			this.recent.delete(key);
			this.recent.set(key, existing);
			existing.count++;
			existing.lastTimestamp = now;
			existing.body = {...existing.body, involvedObject, message};
			this.schedule(existing);
			return;
		}
		const namespace = meta.namespace || 'default';
		const entry: Recent = {
			namespace,
			name: `${meta.name}.${this.suffix()}`,
			count: 1,
			firstTimestamp: now,
			lastTimestamp: now,
			written: false,
			writing: false,
			dirty: false,
			body: {
				apiVersion: 'v1',
				kind: 'Event',
				metadata: {namespace},
				involvedObject,
				reason,
				message,
				source: source.host ? {component: source.component, host: source.host} : {component: source.component},
				type,
				eventTime: null,
				reportingComponent: source.component,
				reportingInstance: source.host ?? '',
			},
		};
		this.recent.set(key, entry);
		trim(this.recent, this.options.cacheSize ?? 4096);
		this.schedule(entry);
	}

	/** Timestamps have second precision: format each second once. */
	private timestampOf(ms: number): string {
		const second = Math.floor(ms / 1000);
		if (second !== this.lastSecond) {
			this.lastSecond = second;
			this.lastStamp = timestamp(ms);
		}
		return this.lastStamp;
	}

	private similar(aggregateKey: string, message: string, now: number): boolean {
		let record = this.aggregates.get(aggregateKey);
		if (!record || now - record.since > aggregateWindowMs) {
			record = {messages: new Set(), since: now};
			this.aggregates.delete(aggregateKey);
		}
		this.aggregates.set(aggregateKey, record);
		trim(this.aggregates, this.options.cacheSize ?? 4096);
		if (record.messages.has(message)) return false;
		if (record.messages.size < maxSimilarEvents) {
			record.messages.add(message);
			return false;
		}
		return true;
	}

	private allow(objectKey: string, now: number): boolean {
		let bucket = this.buckets.get(objectKey);
		if (!bucket) bucket = {tokens: spamBurst, at: now};
		else this.buckets.delete(objectKey);
		bucket.tokens = Math.min(spamBurst, bucket.tokens + (now - bucket.at) / spamRefillMs);
		bucket.at = now;
		this.buckets.set(objectKey, bucket);
		trim(this.buckets, this.options.cacheSize ?? 4096);
		if (bucket.tokens < 1) return false;
		bucket.tokens--;
		return true;
	}

	flush(): Promise<void> {
		if (this.pending === 0) return Promise.resolve();
		return new Promise(resolve => this.waiters.push(resolve));
	}

	private schedule(entry: Recent): void {
		if (entry.writing) {
			entry.dirty = true;
			return;
		}
		if (this.pending >= (this.options.maxPending ?? 10_000)) return;
		entry.writing = true;
		this.pending++;
		this.queued.push(entry);
		if (!this.pumping) {
			this.pumping = true;
			setImmediate(() => this.pump());
		}
	}

	/**
	 * Writes queued events a few at a time, each batch in its own turn of the event loop: the work that caused them
	 * (binding, starting pods) goes first, as client-go's broadcaster writes events from its own goroutine.
	 */
	private pump(): void {
		for (const entry of this.queued.splice(0, eventsPerTurn)) {
			void this.write(entry).finally(() => {
				entry.writing = false;
				this.pending--;
				if (entry.dirty) {
					entry.dirty = false;
					this.schedule(entry);
				}
				if (this.pending === 0) for (const resolve of this.waiters.splice(0)) resolve();
			});
		}
		if (this.queued.length > 0) setImmediate(() => this.pump());
		else this.pumping = false;
	}

	private async write(entry: Recent): Promise<void> {
		const {api} = this.options;
		const fields = {count: entry.count, firstTimestamp: entry.firstTimestamp, lastTimestamp: entry.lastTimestamp};
		try {
			if (entry.written) {
				try {
					await api.modify('events', entry.namespace, entry.name, event => ({...event, ...fields, involvedObject: entry.body['involvedObject'], message: entry.body['message']}));
					return;
				} catch (error) {
					// Expired or deleted meanwhile: write it anew, as client-go does when its patch fails.
					if (!(error instanceof ApiError && error.code === 404)) throw error;
					entry.name = `${String((entry.body['involvedObject'] as {name?: string}).name)}.${this.suffix()}`;
				}
			}
			await api.create('events', entry.namespace, {...entry.body, metadata: {name: entry.name, namespace: entry.namespace}, ...fields});
			entry.written = true;
		} catch {
			// Events are best effort: a namespace being deleted or a stopped store must not disturb the caller.
		}
	}

	/** 16 hex digits from the time in nanoseconds, as client-go names events; unique within this process. */
	private suffix(): string {
		const ms = this.options.clock.now();
		if (ms !== this.lastMs) {
			this.lastMs = ms;
			this.sequence = 0;
		}
		const nanos = BigInt(Math.floor(ms)) * 1_000_000n + BigInt(this.sequence++);
		return nanos.toString(16).padStart(16, '0');
	}
}

class BoundRecorder implements EventRecorder {
	constructor(
		private readonly sink: EventSink,
		private readonly source: EventSource,
	) {}

	event(object: KubeObject, type: EventType, reason: string, message: string): void {
		this.sink.record(this.source, object, type, reason, message);
	}

	withSource(source: EventSource): EventRecorder {
		return new BoundRecorder(this.sink, source);
	}

	flush(): Promise<void> {
		return this.sink.flush();
	}
}

export function createEventRecorder(options: EventRecorderOptions): EventRecorder {
	return new BoundRecorder(new EventSink(options), options.source ?? {component: 'kubedeck'});
}

/** A recorder that drops everything, for code run without a cluster. */
export const discardEvents: EventRecorder = {
	event() {},
	withSource() {
		return discardEvents;
	},
	flush: () => Promise.resolve(),
};

/**
 * Deletes events older than their time to live, as the API server's event TTL does (one hour by default), so a
 * long-running cluster does not fill up with them.
 */
export class EventTtlController implements Controller {
	private timer: {cancel(): void} | undefined;
	private running = false;

	constructor(
		private readonly options: {api: ObjectAPI; clock: Clock; ttlSeconds?: number; sweepSeconds?: number},
	) {}

	start(): void {
		this.running = true;
		this.arm();
	}

	stop(): void {
		this.running = false;
		this.timer?.cancel();
	}

	/** Deletes every expired event now; returns how many. */
	async sweep(): Promise<number> {
		const {api, clock} = this.options;
		const cutoff = clock.now() - (this.options.ttlSeconds ?? 3600) * 1000;
		let deleted = 0;
		for (const event of api.list('events', undefined).items) {
			const last = (event['lastTimestamp'] as string | undefined) ?? (event['eventTime'] as string | undefined) ?? event.metadata.creationTimestamp;
			const at = last ? Date.parse(last) : NaN;
			if (!(at < cutoff)) continue;
			try {
				await api.delete('events', event.metadata.namespace, event.metadata.name!);
				deleted++;
			} catch {}
		}
		return deleted;
	}

	private arm(): void {
		if (!this.running) return;
		this.timer = this.options.clock.setTimeout(() => {
			void this.sweep().finally(() => this.arm());
		}, (this.options.sweepSeconds ?? 60) * 1000);
	}
}
