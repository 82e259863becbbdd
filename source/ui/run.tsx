import type {ClusterClient} from '../client/types.js';
import {mount} from './mount.js';
import {createDashboard} from './services.js';
import {createConfSettings} from './settings/conf-settings.js';
import type {Settings} from './settings/settings.js';
import {FrameWriter} from './screen/frame-writer.js';
import {terminalProxy} from './screen/terminal-proxy.js';
import {colorLevel} from './theme/sgr.js';
import {enterAlternateScreen, leaveAlternateScreen, showCursor, signalExitCodes} from './terminal.js';

export type RunDashboardOptions = {
	client: ClusterClient;
	/** Namespace to open in ('all' for all). Default: the last one used, else 'default'. */
	namespace?: string;
	/** Theme name (dark, light, high-contrast, monochrome) or a JSON theme file. */
	theme?: string;
	/** Hide and refuse every action that changes the cluster. */
	readonly?: boolean;
	/** Path of the kubeconfig a second terminal can use (or a whole `export KUBECONFIG=...` line). */
	kubeconfigHint?: string;
	/** Where settings live. Default: conf in the user's config directory. */
	settings?: Settings;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	stderr?: NodeJS.WriteStream;
};

/**
 * Runs the dashboard until the user quits; resolves with the exit code (0 on quit, 2 without a terminal, 1 after
 * a crash, 128+n after a signal). Draws on the alternate screen and gives the terminal back as it was on every way
 * out: quit, crash, uncaught exception, SIGTERM/SIGINT/SIGHUP. The caller should exit the process with the code
 * (open connections may otherwise keep it alive).
 */
export async function runDashboard(options: RunDashboardOptions): Promise<number> {
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	if (!stdin.isTTY || !stdout.isTTY) {
		stderr.write('kubedeck: the dashboard needs an interactive terminal (stdin and stdout must be a TTY).\n'
			+ 'Run it in a terminal, or use kubectl against the cluster instead.\n');
		return 2;
	}

	const {services} = createDashboard({
		client: options.client,
		namespace: options.namespace,
		theme: options.theme,
		readonly: options.readonly,
		kubeconfigHint: options.kubeconfigHint,
		settings: options.settings ?? createConfSettings(),
		colorLevel: colorLevel(stdout, process.env),
	});
	const writer = new FrameWriter(stdout, {overlay: services.overlay});
	const proxy = terminalProxy(stdout, writer);

	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			if (stdin.isTTY) stdin.setRawMode(false);
		} catch {
			// The terminal may already be gone (SIGHUP).
		}

		writer.close();
		proxy.dispose();
		try {
			stdout.write(showCursor + leaveAlternateScreen);
		} catch {
			// Same.
		}
	};

	stdout.write(enterAlternateScreen);
	return new Promise<number>(resolve => {
		let finished = false;
		let instance: ReturnType<typeof mount> | undefined;
		const listeners: Array<[string, (...arguments_: any[]) => void]> = [];
		const on = (event: string, listener: (...arguments_: any[]) => void) => {
			listeners.push([event, listener]);
			process.on(event, listener);
		};

		const finish = (code: number, error?: unknown, signal?: string) => {
			if (finished) return;
			finished = true;
			// After a signal the handlers stay: the exit hooks of Ink (signal-exit) and conf (when-exit) send the
			// signal again to kill the process, and a handler left in place lets the caller still clean up and exit
			// with the code. Otherwise stay subscribed until this delivery is over, for the same reason.
			setImmediate(() => {
				for (const [event, listener] of listeners) {
					if (!signal || !(event in signalExitCodes)) process.off(event, listener);
				}
			});
			try {
				instance?.unmount();
			} catch {
				// Unmounting a crashed tree may throw again; the terminal is restored regardless.
			}

			restore();
			if (error) stderr.write(`kubedeck: the dashboard crashed: ${(error as Error)?.stack ?? String(error)}\n`);
			resolve(code);
		};

		for (const signal of Object.keys(signalExitCodes)) on(signal, () => finish(signalExitCodes[signal], undefined, signal));
		on('uncaughtException', (error: unknown) => finish(1, error));
		on('unhandledRejection', (error: unknown) => finish(1, error));
		on('exit', restore);
		try {
			instance = mount(services, {stdin, stdout: proxy.stream, stderr});
		} catch (error) {
			finish(1, error);
			return;
		}

		instance.waitUntilExit().then(
			value => finish(typeof value === 'number' ? value : 0),
			(error: unknown) => finish(1, error),
		);
	});
}
