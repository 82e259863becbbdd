import type {ResourceKind} from '../../client/types.js';

/** A kind as commands name it: `deploy`, `deployments.apps` and `dp` all mean deployments. */
export type KindEntry = {
	resource: string;
	kind: string;
	group: string;
	namespaced: boolean;
	aliases: string[];
};

const builtin: KindEntry[] = [
	{resource: 'pods', kind: 'Pod', group: '', namespaced: true, aliases: ['po', 'pod']},
	{resource: 'deployments', kind: 'Deployment', group: 'apps', namespaced: true, aliases: ['deploy', 'dp', 'deployment']},
	{resource: 'services', kind: 'Service', group: '', namespaced: true, aliases: ['svc', 'service']},
	{resource: 'nodes', kind: 'Node', group: '', namespaced: false, aliases: ['no', 'node']},
	{resource: 'replicasets', kind: 'ReplicaSet', group: 'apps', namespaced: true, aliases: ['rs', 'replicaset']},
	{resource: 'statefulsets', kind: 'StatefulSet', group: 'apps', namespaced: true, aliases: ['sts', 'statefulset']},
	{resource: 'jobs', kind: 'Job', group: 'batch', namespaced: true, aliases: ['job']},
	{resource: 'ingresses', kind: 'Ingress', group: 'networking.k8s.io', namespaced: true, aliases: ['ing', 'ingress']},
	{resource: 'configmaps', kind: 'ConfigMap', group: '', namespaced: true, aliases: ['cm', 'configmap']},
	{resource: 'secrets', kind: 'Secret', group: '', namespaced: true, aliases: ['sec', 'secret']},
	{resource: 'events', kind: 'Event', group: '', namespaced: true, aliases: ['ev', 'event']},
	{resource: 'namespaces', kind: 'Namespace', group: '', namespaced: false, aliases: ['ns', 'namespace']},
	{resource: 'endpoints', kind: 'Endpoints', group: '', namespaced: true, aliases: ['ep']},
	{resource: 'serviceaccounts', kind: 'ServiceAccount', group: '', namespaced: true, aliases: ['sa', 'serviceaccount']},
];

/** The kinds commands accept: the built-in table, widened by what the cluster's discovery serves. */
export class KindTable {
	private readonly byAlias = new Map<string, KindEntry>();
	readonly entries: KindEntry[];

	constructor(served: readonly ResourceKind[] = []) {
		const entries = builtin.map(entry => ({...entry, aliases: [...entry.aliases]}));
		for (const kind of served) {
			let entry = entries.find(candidate => candidate.resource === kind.plural && candidate.group === kind.group);
			if (!entry) {
				entry = {resource: kind.plural, kind: kind.kind, group: kind.group, namespaced: kind.namespaced, aliases: []};
				entries.push(entry);
			}

			entry.namespaced = kind.namespaced;
			for (const alias of [...kind.shortNames, kind.kind.toLowerCase()]) {
				if (!entry.aliases.includes(alias)) entry.aliases.push(alias);
			}
		}

		this.entries = entries;
		for (const entry of entries) {
			for (const alias of [entry.resource, ...entry.aliases]) {
				if (!this.byAlias.has(alias)) this.byAlias.set(alias, entry);
				if (entry.group) this.byAlias.set(`${alias}.${entry.group}`, entry);
			}
		}
	}

	/** The kind a word names, case-insensitively: 'deploy', 'Deployment', 'deployments.apps'. */
	resolve(word: string): KindEntry | undefined {
		return this.byAlias.get(word.toLowerCase());
	}

	byResource(resource: string): KindEntry | undefined {
		return this.entries.find(entry => entry.resource === resource);
	}

	/** `deployment.apps` as kubectl names an object's type in messages. */
	qualifiedName(resource: string): string {
		const entry = this.byResource(resource);
		if (!entry) return resource;
		const singular = entry.kind.toLowerCase();
		return entry.group ? `${singular}.${entry.group}` : singular;
	}

	/** Every word that names a kind, for completion. */
	words(): string[] {
		return [...this.byAlias.keys()].filter(word => !word.includes('.'));
	}
}
