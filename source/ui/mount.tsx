import {render, type Instance} from 'ink';
import {App} from './App.js';
import type {AppServices} from './app-context.js';

export type MountOptions = {
	stdin: NodeJS.ReadStream;
	/** Receives whole frames: Ink runs in debug mode and a FrameWriter behind this stream draws the differences. */
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
};

/** Renders the dashboard with Ink; ctrl-c is a key binding, the console is left alone. */
export function mount(services: AppServices, options: MountOptions): Instance {
	return render(<App services={services}/>, {
		stdin: options.stdin,
		stdout: options.stdout,
		stderr: options.stderr,
		// Debug mode hands every frame over whole and unthrottled; the frame writer diffs and coalesces them.
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
}
