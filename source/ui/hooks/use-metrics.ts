import {useEffect, useState} from 'react';
import type {ClusterClient, NodeMetrics, PodMetrics} from '../../client/types.js';
import type {KeypressBus} from '../keys/keypress-bus.js';

export type Metrics = {
	nodes?: readonly NodeMetrics[];
	nodeMap?: ReadonlyMap<string, NodeMetrics>;
	podMap?: ReadonlyMap<string, PodMetrics>;
};

/** How often metrics are fetched; the metrics API itself refreshes about this often. */
const interval = 10_000;
/** Fetched values wait while keys arrive this recently, so scrolling does not repaint every CPU cell. */
const quietAfterKey = 1500;

/**
 * Node metrics always (for the header), pod metrics of a namespace when `pods` is true; nothing when the cluster
 * serves no metrics.k8s.io.
 */
export function useMetrics(client: ClusterClient, bus: KeypressBus, namespace: string | undefined, pods: boolean): Metrics {
	const [metrics, setMetrics] = useState<Metrics>({});
	useEffect(() => {
		let cancelled = false;
		let lastKey = 0;
		const stopObserving = bus.observe(() => {
			lastKey = Date.now();
		});
		const poll = async () => {
			if (Date.now() - lastKey < quietAfterKey) return;
			try {
				const [nodes, podList] = await Promise.all([client.nodeMetrics(), pods ? client.podMetrics(namespace) : Promise.resolve(undefined)]);
				if (cancelled) return;
				// A cluster without metrics answers the same nothing every time: no new state, no new frame.
				if (!nodes && !podList) {
					setMetrics(previous => (previous.nodes || previous.podMap ? {} : previous));
					return;
				}

				setMetrics({
					nodes,
					nodeMap: nodes ? new Map(nodes.map(entry => [entry.name, entry])) : undefined,
					podMap: podList ? new Map(podList.map(entry => [`${entry.namespace}/${entry.name}`, entry])) : undefined,
				});
			} catch {
				// Metrics are a nicety: a failing metrics API leaves the columns at n/a.
			}
		};

		void poll();
		const timer = setInterval(() => void poll(), interval);
		timer.unref?.();
		return () => {
			cancelled = true;
			stopObserving();
			clearInterval(timer);
		};
	}, [client, bus, namespace, pods]);
	return metrics;
}
