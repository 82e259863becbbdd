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

export function isInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value);
}
