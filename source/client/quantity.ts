/** Kubernetes resource quantities ('250m', '1.5', '128Mi', '1e3', '12345n') as plain numbers. */

const binary: Record<string, number> = {Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60};
const decimal: Record<string, number> = {n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18};

/** The quantity's value in base units (cores, bytes); NaN for text that is no quantity. */
export function parseQuantity(text: string): number {
	const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(text.trim());
	if (!match) return Number.NaN;
	const [, number, exponent, suffix = ''] = match;
	if (exponent) return Number(number + exponent);
	return Number(number) * (binary[suffix] ?? decimal[suffix]);
}

/** CPU in millicores, rounded up as kubectl top does ('12345678n' is 13m). */
export function cpuMilli(text: string | undefined): number {
	if (!text) return 0;
	const cores = parseQuantity(text);
	return Number.isNaN(cores) ? 0 : Math.ceil(Math.round(cores * 1e9) / 1e6);
}

/** Memory in bytes. */
export function memoryBytes(text: string | undefined): number {
	if (!text) return 0;
	const bytes = parseQuantity(text);
	return Number.isNaN(bytes) ? 0 : Math.round(bytes);
}
