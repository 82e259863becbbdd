import type {KubeObject} from '../api/object.js';
import {ApiError} from '../api/status.js';
import type {ControllerContext} from './controller-context.js';
import type {Informer} from './informer.js';
import {QueueController} from './queue-controller.js';

/** kube-controller-manager's service account controller: every active namespace has a `default` ServiceAccount. */
export class ServiceAccountController extends QueueController {
	private namespaces!: Informer;
	private accounts!: Informer;

	constructor(context: ControllerContext) {
		super(context, 'serviceaccount', 2);
	}

	start(): void {
		this.namespaces = this.informers.for('namespaces');
		this.accounts = this.informers.for('serviceaccounts');
		this.subscribe(
			this.namespaces.on({added: namespace => this.enqueue(namespace)}),
			this.accounts.on({deleted: account => this.queue.add(account.metadata.namespace ?? '')}),
		);
		this.namespaces.start();
		this.accounts.start();
	}

	protected async sync(namespace: string): Promise<void> {
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
