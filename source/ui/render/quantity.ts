/** Kubernetes quantities ('250m', '1Gi', '2') parsed to numbers and printed back the way k9s columns show them. */

const binarySuffixes: Record<string, number> = {Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60};
const decimalSuffixes: Record<string, number> = {n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18};

/** The quantity as a plain number (cores for CPU, bytes for memory); NaN when it does not parse. */
export function parseQuantity(quantity: string | number | undefined): number {
	if (quantity === undefined) return Number.NaN;
	if (typeof quantity === 'number') return quantity;
	const match = /^([+-]?[\d.]+(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(quantity.trim());
	if (!match) return Number.NaN;
	const value = Number(match[1]);
	const suffix = match[2];
	if (suffix in binarySuffixes) return value * binarySuffixes[suffix];
	if (suffix in decimalSuffixes) return value * decimalSuffixes[suffix];
	return Number.NaN;
}

export function cpuMilli(quantity: string | number | undefined): number {
	return Math.round(parseQuantity(quantity) * 1000);
}

/** 250m → '250m', 2000 → '2000m': k9s prints CPU in millicores. */
export function formatCpu(milli: number | undefined): string {
	if (milli === undefined || Number.isNaN(milli)) return 'n/a';
	return `${Math.round(milli)}m`;
}

/** Bytes in Mi like k9s' MEM column: 134217728 → '128Mi'. */
export function formatMemory(bytes: number | undefined): string {
	if (bytes === undefined || Number.isNaN(bytes)) return 'n/a';
	return `${Math.round(bytes / 2 ** 20)}Mi`;
}

export function percent(part: number, whole: number): string {
	if (!whole || Number.isNaN(part) || Number.isNaN(whole)) return 'n/a';
	return `${Math.round((part / whole) * 100)}%`;
}
