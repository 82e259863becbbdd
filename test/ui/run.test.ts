import {EventEmitter} from 'node:events';
import {describe, expect, it, vi} from 'vitest';
import {runDashboard} from '../../source/ui/run.js';
import {createMemorySettings} from '../../source/ui/settings/memory-settings.js';
import {FakeClusterClient} from '../helpers/ui-fake-client.js';
import {bootcampObjects} from '../helpers/ui-objects.js';

class Input extends EventEmitter {
	rawMode: boolean[] = [];
	private chunks: string[] = [];
	constructor(readonly isTTY: boolean) {
		super();
	}

	write(data: string): void {
		this.chunks.push(data);
		this.emit('readable');
	}

	read(): string | null {
		return this.chunks.shift() ?? null;
	}

	setRawMode(value: boolean): void {
		this.rawMode.push(value);
	}

	setEncoding(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

class Output extends EventEmitter {
	columns = 100;
	rows = 30;
	written = '';
	constructor(readonly isTTY: boolean) {
		super();
	}

	write = (chunk: string) => {
		this.written += chunk;
		return true;
	};
}

const tick = () => new Promise(resolve => setTimeout(resolve, 10));

function start(tty = true) {
	const stdin = new Input(tty);
	const stdout = new Output(tty);
	const stderr = new Output(false);
	const code = runDashboard({
		client: new FakeClusterClient({objects: bootcampObjects(1)}),
		settings: createMemorySettings(),
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
	});
	return {stdin, stdout, stderr, code};
}

async function untilDrawn(stdout: Output): Promise<void> {
	for (let attempt = 0; attempt < 300 && !stdout.written.includes('kubernetes-bootcamp'); attempt++) await tick();
}

describe('runDashboard', () => {
	it('refuses to run without a terminal, with exit code 2', async () => {
		const {stderr, stdout, code} = start(false);
		await expect(code).resolves.toBe(2);
		expect(stderr.written).toContain('needs an interactive terminal');
		expect(stdout.written).toBe('');
	});

	it('draws on the alternate screen and gives the terminal back on quit', async () => {
		const {stdin, stdout, code} = start();
		await untilDrawn(stdout);
		expect(stdout.written.startsWith('\u001B[?1049h')).toBe(true);
		await tick();
		stdin.write(':q\r');
		await expect(code).resolves.toBe(0);
		expect(stdout.written.endsWith('\u001B[?25h\u001B[?1049l')).toBe(true);
		expect(stdin.rawMode.at(-1)).toBe(false);
	});

	it('gives the terminal back on SIGTERM, with exit code 143', async () => {
		const {stdout, code} = start();
		await untilDrawn(stdout);
		// Exit hooks send the signal again to kill the process; this test process must live on.
		const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
		try {
			process.emit('SIGTERM');
			await expect(code).resolves.toBe(143);
			expect(stdout.written.endsWith('\u001B[?25h\u001B[?1049l')).toBe(true);
		} finally {
			kill.mockRestore();
		}
	});

	it('gives the terminal back after an uncaught exception, with exit code 1', async () => {
		const {stdout, stderr, code} = start();
		await untilDrawn(stdout);
		(process.emit as (event: string, ...arguments_: unknown[]) => boolean)('uncaughtException', new Error('boom'));
		await expect(code).resolves.toBe(1);
		expect(stdout.written.endsWith('\u001B[?25h\u001B[?1049l')).toBe(true);
		expect(stderr.written).toContain('boom');
	});
});
