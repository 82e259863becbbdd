// Dashboard speed with 13,000 pods in one namespace (k9s takes minutes there, #1462): time to the first pods
// frame, keypress-to-frame latency for cursor moves and filter typing, bytes sent per cursor move at 120x40 (what
// an SSH user pays), a watch update's cost, and the memory a log view holds after 1,000,000 lines.
import {EventEmitter} from 'node:events';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import type {KubeObject} from '../source/cluster/api/object.js';
import {FrameWriter} from '../source/ui/screen/frame-writer.js';
import {terminalProxy} from '../source/ui/screen/terminal-proxy.js';
import {createMemorySettings} from '../source/ui/settings/memory-settings.js';
import {FakeClusterClient, type FakeLogSource} from '../test/helpers/ui-fake-client.js';
import {FakeStdin} from '../test/helpers/ui-render.js';
import {nodeObject, podObject} from '../test/helpers/ui-objects.js';

const podCount = 13_000;
const moves = 60;
const logLines = Number(process.env['LOG_LINES'] ?? 1_000_000);

/** The terminal: 120x40, counting what reaches it and when. */
class Terminal extends EventEmitter {
	columns = 120;
	rows = 40;
	isTTY = true;
	bytes = 0;
	screen = '';
	private waiters: Array<() => void> = [];
	write = (chunk: string) => {
		this.bytes += Buffer.byteLength(chunk);
		this.screen += chunk;
		if (this.screen.length > 200_000) this.screen = this.screen.slice(-100_000);
		for (const waiter of this.waiters.splice(0)) waiter();
		return true;
	};

	/** Resolves at the next write. */
	nextWrite(): Promise<void> {
		return new Promise(resolve => this.waiters.push(resolve));
	}
}

function percentile(values: number[], fraction: number): number {
	const sorted = [...values].sort((left, right) => left - right);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * fraction) - 1))];
}

const ms = (value: number) => Math.round(value * 100) / 100;
const pause = (milliseconds: number) => new Promise(resolve => setTimeout(resolve, milliseconds));

function collectGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}

function pods(): KubeObject[] {
	const objects: KubeObject[] = [nodeObject('node-1'), nodeObject('node-2')];
	for (let index = 0; index < podCount; index++) {
		const hash = (index * 2_654_435_761 >>> 0).toString(36).padStart(7, '0').slice(0, 5);
		objects.push(podObject(`web-7d4b9c8f6-${hash}${index}`, {node: `node-${(index % 2) + 1}`, ip: `10.244.${index >> 8 & 255}.${index & 255}`, labels: {app: 'web'}}));
	}

	return objects;
}

async function start(client: FakeClusterClient) {
	const stdin = new FakeStdin();
	const terminal = new Terminal();
	const {services} = createDashboard({client, settings: createMemorySettings(), environment: process.env});
	const writer = new FrameWriter(terminal, {overlay: services.overlay});
	const frameWaiters: Array<() => void> = [];
	const draw = writer.frame.bind(writer);
	writer.frame = text => {
		draw(text);
		for (const waiter of frameWaiters.splice(0)) waiter();
	};

	/** Resolves when Ink has rendered the next frame, whether or not it changes the screen. */
	const nextFrame = () => new Promise<void>(resolve => frameWaiters.push(resolve));
	const proxy = terminalProxy(terminal as unknown as NodeJS.WriteStream, writer);
	const started = performance.now();
	const firstFrame = terminal.nextWrite();
	const instance = mount(services, {stdin: stdin as unknown as NodeJS.ReadStream, stdout: proxy.stream, stderr: terminal as unknown as NodeJS.WriteStream});
	await firstFrame;
	const firstFrameMs = performance.now() - started;
	await pause(50);
	/** Sends a key and measures until its frame reaches the terminal. */
	const press = async (key: string) => {
		const bytesBefore = terminal.bytes;
		const written = terminal.nextWrite();
		const sent = performance.now();
		stdin.write(key);
		await Promise.race([written, pause(1000)]);
		const latency = performance.now() - sent;
		await pause(5);
		return {latency, bytes: terminal.bytes - bytesBefore};
	};

	return {stdin, terminal, instance, proxy, firstFrameMs, press, nextFrame};
}

/**
 * React and Ink are loaded here, in production mode as the bundle runs them, and with colour forced: piped output
 * would otherwise drop every style, the cursor row's included.
 */
let mount: typeof import('../source/ui/mount.js').mount;
let createDashboard: typeof import('../source/ui/services.js').createDashboard;

export async function benchUi(): Promise<Record<string, string | number>> {
	process.env['FORCE_COLOR'] ??= '2';
	process.env['NODE_ENV'] = 'production';
	({mount} = await import('../source/ui/mount.js'));
	({createDashboard} = await import('../source/ui/services.js'));
	const figures: Record<string, string | number> = {};
	const client = new FakeClusterClient({objects: pods()});
	const ui = await start(client);
	figures['pods in the namespace'] = podCount;
	figures['first pods frame (ms)'] = ms(ui.firstFrameMs);

	const moveLatency: number[] = [];
	const moveBytes: number[] = [];
	const moveCpu = process.cpuUsage();
	for (let index = 0; index < moves; index++) {
		const {latency, bytes} = await ui.press(index % 10 === 9 ? '\u001B[6~' : 'j');
		if (index % 10 !== 9) {
			moveLatency.push(latency);
			moveBytes.push(bytes);
		}
	}

	const cpu = process.cpuUsage(moveCpu);
	// CPU time, unlike latency, does not grow when other processes share the cores.
	figures['CPU per cursor move (ms)'] = ms((cpu.user + cpu.system) / 1000 / moves);
	figures['cursor move to frame, median (ms)'] = ms(percentile(moveLatency, 0.5));
	figures['cursor move to frame, p95 (ms)'] = ms(percentile(moveLatency, 0.95));
	figures['bytes per cursor move at 120x40, median'] = percentile(moveBytes, 0.5);
	figures['bytes per cursor move at 120x40, p95'] = percentile(moveBytes, 0.95);

	await ui.press('/');
	const filterLatency: number[] = [];
	for (const character of 'web-7d4b9c8f6-a') filterLatency.push((await ui.press(character)).latency);
	figures['filter keystroke to frame, median (ms)'] = ms(percentile(filterLatency, 0.5));
	figures['filter keystroke to frame, p95 (ms)'] = ms(percentile(filterLatency, 0.95));
	await ui.press('\u001B');
	await pause(20);

	// A watch batch: 100 pods change status; the cost is the whole pipeline over 13,000 rows.
	const updateTimes: number[] = [];
	for (let round = 0; round < 5; round++) {
		const written = ui.nextFrame();
		const started = performance.now();
		for (const object of client.objects('pods', 'default').slice(round * 100, round * 100 + 100)) {
			client.put('pods', {...object, status: {...(object['status'] as object), podIP: `10.9.${round}.1`}});
		}

		await Promise.race([written, pause(2000)]);
		updateTimes.push(performance.now() - started);
		await pause(20);
	}

	figures['watch batch (100 of 13,000 pods) to frame, median (ms)'] = ms(percentile(updateTimes, 0.5));
	ui.instance.unmount();
	ui.proxy.dispose();

	figures['log view lines fed'] = logLines;
	const logMemory = await logViewMemory();
	figures['log view heap growth after 1,000,000 lines (MB)'] = logMemory.growthMb;
	figures['log view lines kept'] = logMemory.kept;
	return figures;
}

/** Opens a log view on a pod that writes a million lines in chunks, then measures the heap the view holds. */
async function logViewMemory(): Promise<{growthMb: number; kept: string}> {
	let emitChunk: ((lines: string[]) => void) | undefined;
	const logs: FakeLogSource = (_namespace, _pod, _options, emit) => {
		emitChunk = emit;
	};

	const client = new FakeClusterClient({objects: [podObject('chatty-abcde-12345', {containers: ['app']})], logs});
	const ui = await start(client);
	await ui.press('l');
	await pause(50);
	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	const chunk = 1000;
	for (let sent = 0; sent < logLines; sent += chunk) {
		const lines = new Array<string>(chunk);
		for (let index = 0; index < chunk; index++) lines[index] = `2026-11-26T10:00:00.000000000Z request ${sent + index} GET /api/v1/items?page=${index} 200 12ms`;
		emitChunk?.(lines);
		// Let the view redraw now and then, as it would while a real stream arrives.
		if (sent % 100_000 === 0) await pause(120);
	}

	await pause(200);
	collectGarbage();
	const after = process.memoryUsage().heapUsed;
	const counts = [...ui.terminal.screen.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '').matchAll(/(\d+) lines/g)];
	const kept = counts.at(-1)?.[1] ?? '?';
	ui.instance.unmount();
	ui.proxy.dispose();
	return {growthMb: Math.round(((after - before) / 2 ** 20) * 10) / 10, kept};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const figures = await benchUi();
	for (const [name, value] of Object.entries(figures)) process.stdout.write(`${name}: ${value}\n`);
	process.exit(0);
}
