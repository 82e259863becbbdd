import type {ClusterClient, ResourceCache} from '../../client/types.js';

/**
 * Object names for completion. A cache is taken the first time a resource is asked for and held until release(),
 * called when the command line closes; names appear as soon as the cache has listed.
 */
export class NameSource {
	private readonly held = new Map<string, ResourceCache>();

	constructor(private readonly client: ClusterClient, private readonly namespace: () => string | undefined) {}

	names(resource: string, namespaced: boolean): string[] {
		const namespace = namespaced ? this.namespace() : undefined;
		const key = `${resource}@${namespace ?? ''}`;
		let cache = this.held.get(key);
		if (!cache) {
			try {
				cache = this.client.cache(resource, namespace);
			} catch {
				return [];
			}

			this.held.set(key, cache);
		}

		return cache.items().map(object => object.metadata.name ?? '').filter(Boolean);
	}

	release(): void {
		for (const cache of this.held.values()) this.client.release(cache);
		this.held.clear();
	}
}
