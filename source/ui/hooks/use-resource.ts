import {useEffect, useMemo, useRef, useSyncExternalStore} from 'react';
import type {KubeObject} from '../../cluster/api/object.js';
import type {ClusterClient, ResourceCache} from '../../client/types.js';

export type ResourceSnapshot = {items: readonly KubeObject[]; synced: boolean; error?: string};

const empty: ResourceSnapshot = {items: [], synced: true};
const noSubscribe = () => () => undefined;

/**
 * The live objects of a resource in a namespace (undefined: all), from the client's shared cache; released when
 * the component unmounts or asks for something else. A resource of undefined asks for nothing.
 */
export function useResource(client: ClusterClient, resource: string | undefined, namespace: string | undefined): ResourceSnapshot {
	const cache = useMemo<ResourceCache | undefined>(
		() => (resource ? client.cache(resource, namespace) : undefined),
		[client, resource, namespace],
	);
	useEffect(() => () => {
		if (cache) client.release(cache);
	}, [client, cache]);

	const last = useRef<ResourceSnapshot>(empty);
	const snapshot = () => {
		if (!cache) return empty;
		const items = cache.items();
		const synced = cache.synced();
		const error = cache.error();
		const previous = last.current;
		if (previous.items !== items || previous.synced !== synced || previous.error !== error) last.current = {items, synced, error};
		return last.current;
	};

	const subscribe = useMemo(() => (cache ? (listener: () => void) => cache.subscribe(listener) : noSubscribe), [cache]);
	return useSyncExternalStore(subscribe, snapshot);
}
