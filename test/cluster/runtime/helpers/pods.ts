import {resolveImage} from '../../../../source/cluster/runtime/catalogue.js';
import {startContainer} from '../../../../source/cluster/runtime/container.js';
import {NetworkError} from '../../../../source/cluster/runtime/network-error.js';
import {ImagePullError} from '../../../../source/cluster/runtime/pull-error.js';
import {createPodSandbox, type PodSandbox} from '../../../../source/cluster/runtime/sandbox.js';
import type {ContainerContext, HttpResponse, PodNetwork, RunningContainer} from '../../../../source/cluster/runtime/types.js';
import {ManualClock, settle} from './manual-clock.js';

export type LogLine = {line: string; stream: 'stdout' | 'stderr'};

/** A network with a few services: `web` (10.96.0.20) answers, `down` (10.96.0.30) refuses. */
export class FakeNetwork implements PodNetwork {
	readonly requests: string[] = [];

	async fetch(url: string): Promise<HttpResponse> {
		this.requests.push(url);
		const host = new URL(url).hostname;
		if (host === 'web' || host === 'web.default' || host === '10.96.0.20') {
			return {status: 200, headers: {'content-type': 'text/plain'}, body: `hello from web ${new URL(url).pathname}\n`};
		}
		if (host === 'missing-page') return {status: 404, headers: {'content-type': 'text/html'}, body: 'not here\n'};
		if (host === 'down' || host === '10.96.0.30') throw new NetworkError('ECONNREFUSED', host, '10.96.0.30');
		throw new NetworkError('ENOTFOUND', host);
	}

	async lookup(host: string): Promise<string | undefined> {
		if (host === 'web' || host === 'web.default') return '10.96.0.20';
		if (host === 'down') return '10.96.0.30';
		return undefined;
	}
}

export type TestPod = {
	clock: ManualClock;
	pod: PodSandbox;
	container: RunningContainer;
	logs: LogLine[];
	/** Log lines of one stream, or of both. */
	lines(stream?: 'stdout' | 'stderr'): string[];
};

/** Starts one container of an image in a fresh pod, on a manual clock. */
export function startPod(image: string, context: Partial<Omit<ContainerContext, 'pod' | 'log'>> & {podName?: string; clock?: ManualClock} = {}): TestPod {
	const resolved = resolveImage(image);
	if (resolved instanceof ImagePullError) throw resolved;
	const clock = context.clock ?? new ManualClock();
	const pod = createPodSandbox({name: context.podName ?? 'web-7d9f8b6c5d-x2x4q', namespace: 'default', ip: '10.244.1.7', network: new FakeNetwork(), clock});
	const logs: LogLine[] = [];
	const container = startContainer(resolved, {
		containerName: 'main',
		env: [],
		...context,
		pod,
		log: (line, stream) => logs.push({line, stream}),
	});
	return {clock, pod, container, logs, lines: stream => logs.filter(entry => !stream || entry.stream === stream).map(entry => entry.line)};
}

export type ExecResult = {stdout: string; stderr: string; code: number};

/** Runs a command in a container and collects what it prints; the clock moves on if the command sleeps. */
export async function exec(test: TestPod, argv: string[], options: {stdin?: string; tty?: boolean} = {}): Promise<ExecResult> {
	let stdout = '';
	let stderr = '';
	const session = test.container.exec(argv, {
		tty: options.tty,
		stdin: options.stdin !== undefined,
		onStdout: data => (stdout += data),
		onStderr: data => (stderr += data),
	});
	if (options.stdin !== undefined) {
		session.write(options.stdin);
		if (!options.tty) session.closeStdin();
	}
	let code: number | undefined;
	void session.exitCode.then(value => (code = value));
	for (let round = 0; round < 200 && code === undefined; round++) {
		await settle();
		if (code === undefined && test.clock.pending > 0) await test.clock.advance(1000);
	}
	if (code === undefined) throw new Error(`command did not finish: ${argv.join(' ')}\nstdout: ${stdout}\nstderr: ${stderr}`);
	return {stdout, stderr, code};
}

/** Runs `sh -c script` in a fresh busybox container (or the image given). */
export async function sh(script: string, image = 'busybox'): Promise<ExecResult> {
	const test = startPod(image, {command: ['sleep', 'infinity']});
	return exec(test, ['sh', '-c', script]);
}

export {settle};
