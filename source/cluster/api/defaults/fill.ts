/** Small helpers for filling in fields of loose JSON in place. */

export type Loose = Record<string, unknown>;

export function isRecord(value: unknown): value is Loose {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The object at `key`, created empty when absent (or not an object). */
export function child(parent: Loose, key: string): Loose {
	const value = parent[key];
	if (isRecord(value)) return value;
	const created: Loose = {};
	parent[key] = created;
	return created;
}

/** Sets `key` when it is absent, null or ''; Kubernetes defaults exactly the zero values. */
export function fill(target: Loose, key: string, value: unknown): void {
	const current = target[key];
	if (current === undefined || current === null || current === '') target[key] = value;
}

/** The records of a list field; other entries are left for validation to report. */
export function records(value: unknown): Loose[] {
	return Array.isArray(value) ? value.filter(isRecord) : [];
}
