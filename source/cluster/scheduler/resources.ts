import type {KubeObject} from '../api/object.js';
import {parseBytes, parseCpuMilli, parseQuantity} from '../api/quantity.js';

/** CPU in millicores and memory in bytes. */
export type Resources = {cpuMilli: number; memory: number};

/** What the scheduler assumes for scoring a container that requests nothing (kube-scheduler's non-zero defaults). */
export const defaultCpuMilli = 100;
export const defaultMemory = 200 * 1024 * 1024;

/** Millicores of a CPU quantity; 0 for one that does not parse (validation keeps those out). */
export function cpuMilli(text: string | number | undefined): number {
	if (text === undefined) return 0;
	try {
		return parseCpuMilli(text);
	} catch {
		return 0;
	}
}

/** Bytes of a memory quantity; 0 for one that does not parse. */
export function bytes(text: string | number | undefined): number {
	if (text === undefined) return 0;
	try {
		return parseBytes(text);
	} catch {
		return 0;
	}
}

function count(text: string | number): number {
	try {
		return Math.floor(parseQuantity(text));
	} catch {
		return 0;
	}
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
		pods: allocatable['pods'] === undefined ? 110 : count(allocatable['pods']),
	};
}
