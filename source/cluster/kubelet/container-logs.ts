/**
 * A container's log: a bounded ring of lines with their times, the current instance and the previous one
 * (for `logs --previous`). Followers get lines as they are written. Bounded so a chatty pod cannot eat memory.
 */
export type LogLine = {time: number; text: string};

export class ContainerLog {
	private lines: LogLine[] = [];
	private bytes = 0;
	private previousLines: LogLine[] = [];
	private readonly followers = new Set<(line: LogLine) => void>();

	constructor(private readonly maxBytes = 256 * 1024) {}

	write(time: number, text: string): void {
		const line = {time, text};
		this.lines.push(line);
		this.bytes += text.length + 1;
		while (this.bytes > this.maxBytes && this.lines.length > 1) this.bytes -= this.lines.shift()!.text.length + 1;
		for (const follower of this.followers) follower(line);
	}

	/** A new instance of the container starts: what was current becomes `previous`. */
	rotate(): void {
		this.previousLines = this.lines;
		this.lines = [];
		this.bytes = 0;
	}

	read(previous: boolean): readonly LogLine[] {
		return previous ? this.previousLines : this.lines;
	}

	follow(listener: (line: LogLine) => void): () => void {
		this.followers.add(listener);
		return () => this.followers.delete(listener);
	}

	/** Lets followers know the instance ended (a follow stream closes when its container stops). */
	end(): void {
		for (const follower of [...this.followers]) follower({time: -1, text: ''});
	}
}

export type LogQuery = {tailLines?: number; sinceSeconds?: number; timestamps?: boolean; limitBytes?: number};

/** Renders selected lines as the API returns them: text lines, optionally prefixed by RFC 3339 nano timestamps. */
export function formatLines(lines: readonly LogLine[], query: LogQuery, now: number): string {
	let selected = lines;
	if (query.sinceSeconds !== undefined) {
		const since = now - query.sinceSeconds * 1000;
		selected = selected.filter(line => line.time >= since);
	}
	if (query.tailLines !== undefined && query.tailLines >= 0) selected = selected.slice(Math.max(0, selected.length - query.tailLines));
	let text = selected.map(line => formatLine(line, query.timestamps ?? false)).join('');
	if (query.limitBytes !== undefined && query.limitBytes >= 0) text = text.slice(0, query.limitBytes);
	return text;
}

export function formatLine(line: LogLine, timestamps: boolean): string {
	if (!timestamps) return `${line.text}\n`;
	const iso = new Date(line.time).toISOString().replace('Z', '000000Z');
	return `${iso} ${line.text}\n`;
}
