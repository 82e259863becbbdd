/** Reading JSON that has not been checked yet: wrong types read as absent, and the checks report them. */

export type Loose = Record<string, unknown>;

export function record(value: unknown): Loose | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;
}

export function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

export function string(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

/** A map of strings (labels, selectors, data); non-string values are reported by the caller's checks. */
export function stringMap(value: unknown): Record<string, unknown> {
	return record(value) ?? {};
}

export function isInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value);
}
