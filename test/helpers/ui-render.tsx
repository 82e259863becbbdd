import {EventEmitter} from 'node:events';
import {render, type Instance} from 'ink';
import type {KubeObject} from '../../source/cluster/api/object.js';
import {App} from '../../source/ui/App.js';
import type {LineOverlay} from '../../source/ui/screen/line-overlay.js';
import {createDashboard, type Dashboard} from '../../source/ui/services.js';
import {createMemorySettings} from '../../source/ui/settings/memory-settings.js';
import type {Settings, SettingsData} from '../../source/ui/settings/settings.js';
import {FakeClusterClient} from './ui-fake-client.js';

/** A terminal's stdin as Ink reads it: 'readable' then read(). */
export class FakeStdin extends EventEmitter {
	isTTY = true;
	private chunks: string[] = [];
	write(data: string): void {
		this.chunks.push(data);
		this.emit('readable');
	}

	read(): string | null {
		return this.chunks.shift() ?? null;
	}

	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

/** A terminal's stdout of a given size; Ink in debug mode writes each whole frame, the table rows laid over it. */
class FakeStdout extends EventEmitter {
	isTTY = true;
	frames: string[] = [];
	constructor(public columns: number, public rows: number, private readonly overlay?: LineOverlay) {
		super();
	}

	write = (raw: string) => {
		const frame = this.overlay ? this.overlay.compose(raw) : raw;
		this.frames.push(frame);
		this.emit('frame', frame);
		return true;
	};
}

export type RenderedDashboard = {
	client: FakeClusterClient;
	dashboard: Dashboard;
	settings: Settings;
	stdout: FakeStdout;
	lastFrame(): string;
	/** Writes raw input (one chunk, like a terminal), then lets Ink and React settle. */
	press(...inputs: string[]): Promise<void>;
	/** Waits until the latest frame satisfies the check (a regular expression or a predicate), or fails after 3 s. */
	waitFor(check: RegExp | ((frame: string) => boolean), timeout?: number): Promise<string>;
	resize(columns: number, rows: number): Promise<void>;
	/** Resolves with the exit code when the dashboard exits. */
	exited: Promise<unknown>;
	unmount(): void;
};

const tick = () => new Promise(resolve => setTimeout(resolve, 5));

export type RenderOptions = {
	objects?: KubeObject[];
	client?: FakeClusterClient;
	columns?: number;
	rows?: number;
	settings?: SettingsData;
	readonly?: boolean;
	namespace?: string;
	theme?: string;
	environment?: NodeJS.ProcessEnv;
	kubeconfigHint?: string;
};

/** Renders the whole dashboard over a fake client at 120x40 (by default) and waits for the first frame. */
export async function renderDashboard(options: RenderOptions = {}): Promise<RenderedDashboard> {
	const client = options.client ?? new FakeClusterClient({objects: options.objects ?? []});
	const settings = createMemorySettings(options.settings);
	const dashboard = createDashboard({
		client,
		settings,
		readonly: options.readonly,
		namespace: options.namespace,
		theme: options.theme,
		kubeconfigHint: options.kubeconfigHint,
		environment: options.environment ?? {},
		colorLevel: 0,
	});
	const stdin = new FakeStdin();
	const stdout = new FakeStdout(options.columns ?? 120, options.rows ?? 40, dashboard.services.overlay);
	const stderr = new FakeStdout(120, 40);
	const instance: Instance = render(<App services={dashboard.services}/>, {
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const lastFrame = () => stdout.frames.at(-1) ?? '';
	const waitFor = async (check: RegExp | ((frame: string) => boolean), timeout = 3000) => {
		const test = typeof check === 'function' ? check : (frame: string) => check.test(frame);
		const started = Date.now();
		while (!test(lastFrame())) {
			if (Date.now() - started > timeout) throw new Error(`no frame matched ${String(check)}; last frame:\n${lastFrame()}`);
			await tick();
		}

		return lastFrame();
	};

	// Input listeners attach in effects: wait for the first frame and a tick before typing.
	await waitFor(frame => frame.length > 0);
	await tick();
	return {
		client,
		dashboard,
		settings,
		stdout,
		lastFrame,
		async press(...inputs) {
			for (const input of inputs) {
				stdin.write(input);
				// A lone ESC waits a tick in Ink's parser to tell it from the start of a sequence.
				await tick();
			}

			await tick();
		},
		waitFor,
		async resize(columns, rows) {
			stdout.columns = columns;
			stdout.rows = rows;
			stdout.emit('resize');
			await tick();
		},
		exited: instance.waitUntilExit(),
		unmount() {
			instance.unmount();
		},
	};
}
