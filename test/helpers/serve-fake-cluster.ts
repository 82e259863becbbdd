/**
 * A Cluster for API server tests: the real registry over an in-memory store, bootstrapped like a fresh cluster,
 * with no controllers or kubelets, and a pod runtime whose answers tests script.
 */
import {systemClock} from '../../source/cluster/clock.js';
import {compressedTimings, type Cluster, type PodRuntime, type ProxyRequest, type ProxyResponse} from '../../source/cluster/cluster-types.js';
import {openStore} from '../../source/cluster/store/open.js';
import {createRegistry} from '../../source/cluster/api/registry.js';
import {bootstrapCluster} from '../../source/cluster/bootstrap/bootstrap.js';
import {errors} from '../../source/cluster/api/status.js';

export type ExecCall = {namespace: string; pod: string; container: string | undefined; command: string[]; tty: boolean; stdin: string[]; stdinClosed: boolean; resizes: Array<[number, number]>};

export type FakeRuntime = PodRuntime & {
	/** Lines each pod's log holds; with follow, lines pushed later with appendLog arrive too. */
	logLines: Map<string, string[]>;
	appendLog(namespace: string, pod: string, line: string): void;
	execCalls: ExecCall[];
	proxyCalls: Array<{kind: 'pod' | 'service'; namespace: string; name: string; port: number | string | undefined; request: ProxyRequest}>;
};

export function fakeRuntime(): FakeRuntime {
	const logLines = new Map<string, string[]>();
	const followers = new Map<string, Set<(text: string) => void>>();
	const execCalls: ExecCall[] = [];
	const proxyCalls: FakeRuntime['proxyCalls'] = [];
	const answer = (request: ProxyRequest, who: string): ProxyResponse => ({
		status: 200,
		headers: {'content-type': 'text/plain', 'x-seen-authorization': request.headers['authorization'] ?? 'none'},
		body: Buffer.from(`${who} got ${request.method} ${request.path} ${Buffer.from(request.body).toString()}`),
	});
	return {
		logLines,
		execCalls,
		proxyCalls,
		appendLog(namespace, pod, line) {
			const key = `${namespace}/${pod}`;
			logLines.set(key, [...(logLines.get(key) ?? []), line]);
			for (const follower of followers.get(key) ?? []) follower(`${line}\n`);
		},
		async logs(namespace, pod, _container, options, onData) {
			const key = `${namespace}/${pod}`;
			if (options.previous) throw errors.badRequest(`previous terminated container "web" in pod "${pod}" not found`);
			let lines = logLines.get(key) ?? [];
			if (options.tailLines !== undefined) lines = lines.slice(Math.max(0, lines.length - options.tailLines));
			for (const line of lines) onData(`${options.timestamps ? '2026-01-01T00:00:00.000000000Z ' : ''}${line}\n`);
			let finish: () => void = () => {};
			const done = new Promise<void>(resolve => {
				finish = resolve;
			});
			if (!options.follow) finish();
			else {
				const set = followers.get(key) ?? new Set();
				set.add(onData);
				followers.set(key, set);
			}
			return {
				stop() {
					followers.get(key)?.delete(onData);
					finish();
				},
				done,
			};
		},
		async exec(namespace, pod, container, command, io) {
			const call: ExecCall = {namespace, pod, container, command, tty: io.tty, stdin: [], stdinClosed: false, resizes: []};
			execCalls.push(call);
			let exit: (code: number) => void = () => {};
			const exitCode = new Promise<number>(resolve => {
				exit = resolve;
			});
			const [program, ...args] = command;
			queueMicrotask(() => {
				if (program === 'echo') {
					io.onStdout(`${args.join(' ')}\n`);
					exit(0);
				} else if (program === 'fail') {
					io.onStderr('oops\n');
					exit(Number(args[0] ?? 1));
				}
			});
			return {
				write(text) {
					call.stdin.push(text);
					if (program === 'cat') io.onStdout(text);
				},
				closeStdin() {
					call.stdinClosed = true;
					if (program === 'cat') exit(0);
				},
				resize(width, height) {
					call.resizes.push([width, height]);
				},
				exitCode,
			};
		},
		async proxy(namespace, pod, port, request) {
			proxyCalls.push({kind: 'pod', namespace, name: pod, port, request});
			return answer(request, `pod ${pod}:${port ?? ''}`);
		},
		async serviceProxy(namespace, service, port, request) {
			proxyCalls.push({kind: 'service', namespace, name: service, port, request});
			return answer(request, `service ${service}:${port ?? ''}`);
		},
		nodeUsage: () => [{name: 'control-plane', cpuMilli: 250, memoryBytes: 64 * 1024 * 1024}],
		podUsage: () => [],
	};
}

export async function fakeCluster(options: {historyLimit?: number; nodes?: number} = {}): Promise<Cluster & {runtime: FakeRuntime}> {
	const store = await openStore({historyLimit: options.historyLimit});
	const api = createRegistry(store, {clock: systemClock, defaultTolerationSeconds: 300});
	await bootstrapCluster(api, {nodes: options.nodes ?? 1});
	const runtime = fakeRuntime();
	return {
		api,
		runtime,
		clock: systemClock,
		timings: compressedTimings,
		ready: async () => {},
		stop: () => store.close(),
	};
}
