import {Worker} from 'node:worker_threads';
import {StoreLockedError} from '../cluster/store/backend.js';
import type {ServeFlags} from './serve.js';

/**
 * The dashboard runs its embedded cluster (store, controllers, kubelets, API server) in a worker thread, so a terminal
 * that stops reading (a paused SSH link, a suspended tmux pane) blocks only the screen: Node writes to a TTY
 * synchronously, and on the main thread that would freeze every pod and the API that kubectl uses too.
 */
export type EmbeddedOptions = Omit<ServeFlags, 'demo' | 'kubeconfigOut'>;

type FromWorker =
	| {type: 'ready'; kubeconfigPath: string; url: string}
	| {type: 'failed'; locked?: {dataDir: string; pid?: number}; message: string}
	| {type: 'stopped'};

/** The marker workerData carries, so the program's entry knows to host the cluster instead of parsing flags. */
export const workerMarker = 'kubedeckEmbeddedCluster';

export async function startEmbeddedInWorker(entry: URL, options: EmbeddedOptions): Promise<{kubeconfigPath: string; url: string; stop(): Promise<void>}> {
	const worker = new Worker(entry, {workerData: {[workerMarker]: options}, argv: [], stdout: false, stderr: false});
	const ready = await new Promise<{kubeconfigPath: string; url: string}>((resolve, reject) => {
		worker.once('error', reject);
		worker.once('exit', code => reject(new Error(`the embedded cluster stopped before it was ready (exit ${code})`)));
		worker.on('message', (message: FromWorker) => {
			if (message.type === 'ready') resolve(message);
			else if (message.type === 'failed')
				reject(message.locked ? new StoreLockedError(message.locked.dataDir, message.locked.pid) : new Error(message.message));
		});
	});
	worker.removeAllListeners('exit');
	worker.removeAllListeners('error');
	let stopping: Promise<void> | undefined;
	return {
		...ready,
		stop() {
			stopping ??= new Promise<void>(resolve => {
				const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 5000);
				worker.on('message', (message: FromWorker) => {
					if (message.type === 'stopped') {
						clearTimeout(timer);
						void worker.terminate().then(() => resolve());
					}
				});
				worker.once('exit', () => {
					clearTimeout(timer);
					resolve();
				});
				worker.postMessage({type: 'stop'});
			});
			return stopping;
		},
	};
}

/** Inside the worker: start the cluster and its API, report, and stop when told. */
export async function hostEmbeddedCluster(options: EmbeddedOptions): Promise<void> {
	const {parentPort} = await import('node:worker_threads');
	if (!parentPort) throw new Error('hostEmbeddedCluster runs only in a worker thread');
	const {startEmbedded} = await import('./serve.js');
	let embedded;
	try {
		embedded = await startEmbedded({...options, quiet: true});
	} catch (error) {
		const locked = error instanceof StoreLockedError ? {dataDir: error.dataDir, pid: error.holderPid} : undefined;
		parentPort.postMessage({type: 'failed', locked, message: error instanceof Error ? error.message : String(error)} satisfies FromWorker);
		return;
	}
	// A fault in one simulated component must not take the cluster down with it.
	process.on('unhandledRejection', () => {});
	parentPort.postMessage({type: 'ready', kubeconfigPath: embedded.kubeconfigPath, url: embedded.url} satisfies FromWorker);
	parentPort.on('message', (message: {type: string}) => {
		if (message.type !== 'stop') return;
		void embedded.stop().finally(() => parentPort.postMessage({type: 'stopped'} satisfies FromWorker));
	});
}
