import {afterEach, describe, expect, it} from 'vitest';
import type {LogOptions} from '../../source/client/types.js';
import {FakeClusterClient} from '../helpers/ui-fake-client.js';
import {ENTER, ESC, UP} from '../helpers/ui-keys.js';
import {podObject} from '../helpers/ui-objects.js';
import {renderDashboard, type RenderedDashboard} from '../helpers/ui-render.js';

let current: RenderedDashboard | undefined;
afterEach(() => {
	current?.unmount();
	current = undefined;
});

/** A pod with two containers whose logs say which container and which options they were asked with. */
async function openLogs(settings = {}) {
	const requests: LogOptions[] = [];
	let emitMore: ((lines: string[]) => void) | undefined;
	const client = new FakeClusterClient({
		objects: [podObject('web-abc-12345', {containers: ['app', 'sidecar']})],
		logs(_namespace, _pod, options, emit) {
			requests.push(options);
			emitMore = emit;
			emit(Array.from({length: 50}, (_, index) => `2024-01-01T00:00:${String(index).padStart(2, '0')}Z ${options.container ?? '?'} line ${index}`));
		},
	});
	const ui = await renderDashboard({client, settings});
	current = ui;
	await ui.press('l');
	await ui.waitFor(/app line 49/);
	return {ui, requests, emit: (lines: string[]) => emitMore?.(lines)};
}

describe('log view', () => {
	it('follows the last 100 lines of the first container with timestamps requested', async () => {
		const {ui, requests, emit} = await openLogs();
		expect(requests[0]).toMatchObject({container: 'app', follow: true, tailLines: 100, timestamps: true, previous: false});
		emit(['2024-01-01T00:01:00Z app new line']);
		await ui.waitFor(/app new line/);
	});

	it('stops autoscrolling when scrolled up, and resumes with G', async () => {
		const {ui, emit} = await openLogs();
		await ui.press(UP, UP);
		await ui.waitFor(/paused/);
		emit(['2024-01-01T00:01:00Z app arrives while paused']);
		await ui.waitFor(/51 lines/);
		expect(ui.lastFrame()).not.toContain('arrives while paused');
		await ui.press('G');
		await ui.waitFor(/arrives while paused/);
	});

	it('filters lines, and esc clears the filter before leaving', async () => {
		const {ui} = await openLogs();
		await ui.press('/', 'line 4', ENTER);
		const frame = await ui.waitFor(/11 lines/);
		expect(frame).toContain('app line 42');
		expect(frame).not.toContain('app line 39');
		await ui.press(ESC);
		await ui.waitFor(/50 lines/);
		await ui.press(ESC);
		await ui.waitFor(/pods\(default\)/);
	});

	it('switches container from a picker, and asks again with since presets and previous', async () => {
		const {ui, requests} = await openLogs();
		await ui.press('c');
		await ui.waitFor(/Logs of which container/);
		await ui.press('j', ENTER);
		await ui.waitFor(/sidecar line 49/);
		expect(requests.at(-1)).toMatchObject({container: 'sidecar'});
		await ui.press('3');
		await ui.waitFor(/since 5m/);
		expect(requests.at(-1)).toMatchObject({sinceSeconds: 300, tailLines: undefined});
		await ui.press('p');
		await ui.waitFor(/previous/);
		expect(requests.at(-1)).toMatchObject({previous: true, follow: false});
	});

	it('keeps at most the configured number of lines', async () => {
		const {ui, emit} = await openLogs({logBufferLines: 100});
		emit(Array.from({length: 500}, (_, index) => `more ${index}`));
		const frame = await ui.waitFor(/100 lines \(450 older dropped\)/);
		expect(frame).toContain('more 499');
	});
});

describe('log view of a container not started yet', () => {
	it('waits and asks again until lines come', async () => {
		let calls = 0;
		const client = new FakeClusterClient({
			objects: [podObject('slow-abc-12345', {phase: 'Pending'})],
			logs(_namespace, _pod, _options, emit, end) {
				calls++;
				if (calls === 1) {
					end('container "app" in pod "slow-abc-12345" is waiting to start: ContainerCreating');
					return;
				}

				emit(['2024-01-01T00:00:00Z started at last']);
			},
		});
		const ui = await renderDashboard({client});
		current = ui;
		await ui.press('l');
		await ui.waitFor(/waiting for logs \(container "app"/);
		await ui.waitFor(/started at last/, 4000);
		expect(calls).toBe(2);
	});
});
