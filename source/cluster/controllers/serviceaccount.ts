import type {KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import type {Controller, ControllerContext} from './controller-context.js';
import {keyOf, SharedInformers, type Informer} from './informer.js';
import {WorkQueue} from './work-queue.js';

/** kube-controller-manager's service account controller: every active namespace has a `default` ServiceAccount. */
export class ServiceAccountController implements Controller {
	private readonly informers: SharedInformers;
	private readonly ownsInformers: boolean;
	private readonly queue: WorkQueue;
	private readonly unsubscribe: Array<() => void> = [];
	private namespaces!: Informer;
	private accounts!: Informer;

	constructor(private readonly context: ControllerContext) {
		this.ownsInformers = !context.informers;
		this.informers = context.informers ?? new SharedInformers(context.api);
		this.queue = new WorkQueue(namespace => this.sync(namespace), {clock: context.clock, concurrency: 2, onError: (key, error) => context.onError?.('serviceaccount', key, error)});
	}

	start(): void {
		this.namespaces = this.informers.for('namespaces');
		this.accounts = this.informers.for('serviceaccounts');
		this.unsubscribe.push(
			this.namespaces.on({added: namespace => this.queue.add(keyOf(namespace))}),
			this.accounts.on({deleted: account => this.queue.add(account.metadata.namespace ?? '')}),
		);
		this.namespaces.start();
		this.accounts.start();
	}

	stop(): void {
		for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
		this.queue.stop();
		if (this.ownsInformers) this.informers.stop();
	}

	private async sync(namespace: string): Promise<void> {
		const found = this.namespaces.getByKey(namespace);
		if (!found || found.metadata.deletionTimestamp) return;
		if (this.accounts.get(namespace, 'default') || this.context.api.tryGet('serviceaccounts', namespace, 'default')) return;
		const account: KubeObject = {apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: 'default', namespace}};
		try {
			await this.context.api.create('serviceaccounts', namespace, account);
		} catch (error) {
			// Someone made it first, or the namespace is going away.
			if (!(error instanceof ApiError && (error.code === 409 || error.code === 403 || error.code === 404))) throw error;
		}
	}
}
