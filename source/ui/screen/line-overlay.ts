/**
 * Lines drawn over Ink's frame at fixed rows. Ink lays out and styles every character of every frame (about 4,000
 * characters at 120x40, most of the render time), although moving the cursor changes two rows. A table hands its
 * rows here, already styled, and leaves blank space in Ink's layout; the frame writer lays them over the frame
 * before diffing, so a cursor move costs React work for two rows and two line writes.
 */
export class LineOverlay {
	private readonly regions = new Map<object, {top: number; lines: readonly string[]}>();

	/** Sets the lines an owner draws from row `top` (0-based), replacing what it drew before. */
	set(owner: object, top: number, lines: readonly string[]): void {
		this.regions.set(owner, {top, lines});
	}

	clear(owner: object): void {
		this.regions.delete(owner);
	}

	/** The frame's lines with every region laid over them. */
	compose(frame: string): string {
		if (this.regions.size === 0) return frame;
		const lines = frame.split('\n');
		for (const {top, lines: region} of this.regions.values()) {
			for (const [offset, line] of region.entries()) {
				const row = top + offset;
				if (row < lines.length) lines[row] = line;
			}
		}

		return lines.join('\n');
	}
}
