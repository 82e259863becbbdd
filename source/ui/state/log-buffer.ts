/**
 * The lines a log view keeps: a ring of fixed capacity, so a chatty pod followed for hours costs the same memory
 * as one followed for a minute. Oldest lines drop first.
 */
export class LogBuffer {
	private readonly ring: string[];
	private start = 0;
	private count = 0;
	/** Lines dropped because the ring was full. */
	dropped = 0;
	/** Bumped on every change, for memo keys. */
	version = 0;

	constructor(readonly capacity: number) {
		this.ring = new Array<string>(Math.max(1, capacity));
	}

	get size(): number {
		return this.count;
	}

	push(lines: readonly string[]): void {
		const capacity = this.ring.length;
		// Only the last `capacity` lines of a huge chunk can survive.
		const skip = Math.max(0, lines.length - capacity);
		this.dropped += skip;
		for (let index = skip; index < lines.length; index++) {
			if (this.count < capacity) {
				this.ring[(this.start + this.count) % capacity] = lines[index];
				this.count++;
			} else {
				this.ring[this.start] = lines[index];
				this.start = (this.start + 1) % capacity;
				this.dropped++;
			}
		}

		this.version++;
	}

	/** Line `index` counted from the oldest kept. */
	at(index: number): string | undefined {
		if (index < 0 || index >= this.count) return undefined;
		return this.ring[(this.start + index) % this.ring.length];
	}

	toArray(): string[] {
		const lines = new Array<string>(this.count);
		for (let index = 0; index < this.count; index++) lines[index] = this.ring[(this.start + index) % this.ring.length];
		return lines;
	}

	clear(): void {
		this.ring.fill('');
		this.start = 0;
		this.count = 0;
		this.dropped = 0;
		this.version++;
	}
}

const timestamp = /^(\d{4}-\d\d-\d\dT\S+) (.*)$/s;

/** Splits the RFC 3339 timestamp the API puts before each line when asked for timestamps. */
export function splitTimestamp(line: string): {time?: string; text: string} {
	const match = timestamp.exec(line);
	return match ? {time: match[1], text: match[2]} : {text: line};
}

/** The screen lines for a log: the last `height` (after `offset` lines scrolled up), wrapped at `width` if asked. */
export function visibleLogLines(lines: readonly string[], options: {height: number; width: number; offset: number; wrap: boolean}): string[] {
	const {height, width, offset, wrap} = options;
	if (!wrap) {
		const end = Math.max(0, lines.length - offset);
		return lines.slice(Math.max(0, end - height), end);
	}

	// Wrapped: walk back from the end, splitting each line into width-sized pieces, until the screen is full.
	const pieces: string[] = [];
	let skip = offset;
	for (let index = lines.length - 1; index >= 0 && pieces.length < height; index--) {
		const line = lines[index];
		const parts: string[] = [];
		for (let start = 0; start < line.length || start === 0; start += Math.max(1, width)) parts.push(line.slice(start, start + Math.max(1, width)));
		for (let part = parts.length - 1; part >= 0 && pieces.length < height; part--) {
			if (skip > 0) {
				skip--;
				continue;
			}

			pieces.unshift(parts[part]);
		}
	}

	return pieces;
}
