/** A recording in asciicast v2: a JSON header line, then one [time, "o", data] line per chunk of output. */
import type {OutputEvent} from './media-terminal.js';

export type CastOptions = {
	cols: number;
	rows: number;
	title: string;
	/** Longer pauses are shortened to this many seconds, so the recording never idles while the program starts. */
	idleLimit?: number;
};

export function toAsciicast(events: readonly OutputEvent[], options: CastOptions): string {
	const idleLimit = options.idleLimit ?? 1.5;
	const header = {version: 2, width: options.cols, height: options.rows, title: options.title, idle_time_limit: idleLimit, env: {TERM: 'xterm-256color'}};
	const lines = [JSON.stringify(header)];
	let previous = 0;
	let time = 0;
	for (const event of events) {
		time += Math.min(event.time - previous, idleLimit);
		previous = event.time;
		lines.push(JSON.stringify([Number(time.toFixed(3)), 'o', event.data]));
	}

	return `${lines.join('\n')}\n`;
}
