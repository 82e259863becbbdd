import type {KubeObject} from '../api/object.js';

/** CPU in millicores and memory in bytes. */
export type Resources = {cpuMilli: number; memory: number};

/** What the scheduler assumes for scoring a container that requests nothing (kube-scheduler's non-zero defaults). */
export const defaultCpuMilli = 100;
export const defaultMemory = 200 * 1024 * 1024;

const suffixes: Record<string, number> = {
	'': 1,
	n: 1e-9,
	u: 1e-6,
	m: 1e-3,
	k: 1e3,
	M: 1e6,
	G: 1e9,
	T: 1e12,
	P: 1e15,
	E: 1e18,
	Ki: 2 ** 10,
	Mi: 2 ** 20,
	Gi: 2 ** 30,
	Ti: 2 ** 40,
	Pi: 2 ** 50,
	Ei: 2 ** 60,
};

/** A resource.Quantity ('500m', '1.5Gi', '1e3') as a number of base units; NaN when it does not parse. */
export function quantityValue(text: string | number | undefined): number {
	if (typeof text === 'number') return text;
	if (!text) return 0;
	const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/.exec(text.trim());
	if (!match) return NaN;
	const number = Number(match[1]);
	if (match[2] !== undefined) return number * 10 ** Number(match[2]);
	return number * (suffixes[match[3] ?? ''] ?? 1);
}

export function cpuMilli(text: string | number | undefined): number {
	const value = quantityValue(text);
	return Number.isFinite(value) ? Math.ceil(value * 1000 - 1e-9) : 0;
}

export function bytes(text: string | number | undefined): number {
	const value = quantityValue(text);
	return Number.isFinite(value) ? Math.ceil(value - 1e-9) : 0;
}

type Container = {resources?: {requests?: Record<string, string>}};
type PodSpec = {containers?: Container[]; initContainers?: Container[]; overhead?: Record<string, string>};

/** The pod's effective requests: its containers added up, or the largest init container if more, plus overhead. */
export function podRequests(pod: KubeObject): {requested: Resources; nonZero: Resources} {
	const spec = (pod['spec'] as PodSpec | undefined) ?? {};
	let cpu = 0;
	let memory = 0;
	let nonZeroCpu = 0;
	let nonZeroMemory = 0;
	for (const container of spec.containers ?? []) {
		const requests = container.resources?.requests ?? {};
		const c = cpuMilli(requests['cpu']);
		const m = bytes(requests['memory']);
		cpu += c;
		memory += m;
		nonZeroCpu += requests['cpu'] === undefined ? defaultCpuMilli : c;
		nonZeroMemory += requests['memory'] === undefined ? defaultMemory : m;
	}
	for (const container of spec.initContainers ?? []) {
		const requests = container.resources?.requests ?? {};
		cpu = Math.max(cpu, cpuMilli(requests['cpu']));
		memory = Math.max(memory, bytes(requests['memory']));
	}
	if (spec.overhead) {
		cpu += cpuMilli(spec.overhead['cpu']);
		memory += bytes(spec.overhead['memory']);
	}
	return {requested: {cpuMilli: cpu, memory}, nonZero: {cpuMilli: nonZeroCpu, memory: nonZeroMemory}};
}

export type Allocatable = Resources & {pods: number};

export function nodeAllocatable(node: KubeObject): Allocatable {
	const status = node['status'] as {allocatable?: Record<string, string>; capacity?: Record<string, string>} | undefined;
	const allocatable = status?.allocatable ?? status?.capacity ?? {};
	return {
		cpuMilli: cpuMilli(allocatable['cpu']),
		memory: bytes(allocatable['memory']),
		pods: allocatable['pods'] === undefined ? 110 : Math.floor(quantityValue(allocatable['pods'])),
	};
}
