/** Largest chunk before it splits in two; small enough that a splice inside it is cheap. */
const chunkLimit = 1024;

/**
 * A set of keys kept in sorted order, as a list of sorted chunks: insert and remove cost O(log n) plus a splice of at
 * most one chunk, and every key under a prefix sits in one contiguous run.
 */
export class SortedKeys {
	private chunks: string[][] = [];
	private total = 0;

	/** Builds the set from keys already sorted and unique. */
	static fromSorted(keys: readonly string[]): SortedKeys {
		const set = new SortedKeys();
		const half = chunkLimit / 2;
		for (let start = 0; start < keys.length; start += half) {
			set.chunks.push(keys.slice(start, start + half));
		}

		set.total = keys.length;
		return set;
	}

	get size(): number {
		return this.total;
	}

	/** Adds a key that is not yet present. */
	insert(key: string): void {
		if (this.chunks.length === 0) {
			this.chunks.push([key]);
			this.total = 1;
			return;
		}

		const chunkIndex = Math.min(this.chunkFor(key), this.chunks.length - 1);
		const chunk = this.chunks[chunkIndex];
		chunk.splice(lowerBound(chunk, key), 0, key);
		this.total++;
		if (chunk.length > chunkLimit) {
			this.chunks.splice(chunkIndex + 1, 0, chunk.splice(chunk.length >> 1));
		}
	}

	/** Removes a key that is present. */
	remove(key: string): void {
		const chunkIndex = this.chunkFor(key);
		const chunk = this.chunks[chunkIndex];
		if (!chunk) {
			return;
		}

		const index = lowerBound(chunk, key);
		if (chunk[index] !== key) {
			return;
		}

		chunk.splice(index, 1);
		this.total--;
		if (chunk.length === 0) {
			this.chunks.splice(chunkIndex, 1);
		}
	}

	/** Calls visit for every key under prefix, in order. */
	forEachUnder(prefix: string, visit: (key: string) => void): void {
		const first = this.chunkFor(prefix);
		for (let chunkIndex = first; chunkIndex < this.chunks.length; chunkIndex++) {
			const chunk = this.chunks[chunkIndex];
			const start = chunkIndex === first ? lowerBound(chunk, prefix) : 0;
			for (let index = start; index < chunk.length; index++) {
				const key = chunk[index];
				if (!key.startsWith(prefix)) {
					return;
				}

				visit(key);
			}
		}
	}

	/** Number of keys under prefix; whole chunks inside the run are counted without visiting their keys. */
	countUnder(prefix: string): number {
		const first = this.chunkFor(prefix);
		let count = 0;
		for (let chunkIndex = first; chunkIndex < this.chunks.length; chunkIndex++) {
			const chunk = this.chunks[chunkIndex];
			const start = chunkIndex === first ? lowerBound(chunk, prefix) : 0;
			if (start === 0 && chunk[0].startsWith(prefix) && chunk[chunk.length - 1].startsWith(prefix)) {
				count += chunk.length;
				continue;
			}

			for (let index = start; index < chunk.length; index++) {
				if (!chunk[index].startsWith(prefix)) {
					return count;
				}

				count++;
			}
		}

		return count;
	}

	/** Index of the first chunk whose last key is >= key (chunks.length when there is none). */
	private chunkFor(key: string): number {
		let low = 0;
		let high = this.chunks.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			const chunk = this.chunks[middle];
			if (chunk[chunk.length - 1] < key) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}

		return low;
	}
}

/** Index of the first element >= key. */
function lowerBound(sorted: readonly string[], key: string): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (sorted[middle] < key) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	return low;
}
