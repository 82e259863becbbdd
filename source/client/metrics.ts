import {ClientError} from './types.js';
import type {NodeMetrics, PodMetrics} from './types.js';
import type {Transport} from './transport.js';
import {cpuMilli, memoryBytes} from './quantity.js';

type Usage = {cpu?: string; memory?: string};
type NodeMetricsList = {items: Array<{metadata: {name?: string}; usage?: Usage}>};
type PodMetricsList = {items: Array<{metadata: {name?: string; namespace?: string}; containers?: Array<{usage?: Usage}>}>};

const base = '/apis/metrics.k8s.io/v1beta1';

/** kubectl top nodes; undefined when the cluster serves no metrics (404, or 503 while metrics-server starts). */
export async function readNodeMetrics(transport: Transport): Promise<NodeMetrics[] | undefined> {
	const list = await unlessUnserved(transport.json<NodeMetricsList>(`${base}/nodes`));
	return list?.items.map(item => ({
		name: item.metadata.name ?? '',
		cpuMilli: cpuMilli(item.usage?.cpu),
		memoryBytes: memoryBytes(item.usage?.memory),
	}));
}

/** kubectl top pods: each pod's containers added up; namespace undefined reads all namespaces. */
export async function readPodMetrics(transport: Transport, namespace: string | undefined): Promise<PodMetrics[] | undefined> {
	const path = namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/pods` : `${base}/pods`;
	const list = await unlessUnserved(transport.json<PodMetricsList>(path));
	return list?.items.map(item => {
		let cpu = 0;
		let memory = 0;
		for (const container of item.containers ?? []) {
			cpu += cpuMilli(container.usage?.cpu);
			memory += memoryBytes(container.usage?.memory);
		}
		return {namespace: item.metadata.namespace ?? '', name: item.metadata.name ?? '', cpuMilli: cpu, memoryBytes: memory};
	});
}

async function unlessUnserved<T>(request: Promise<T>): Promise<T | undefined> {
	try {
		return await request;
	} catch (error) {
		if (error instanceof ClientError && (error.code === 404 || error.code === 503)) return undefined;
		throw error;
	}
}
