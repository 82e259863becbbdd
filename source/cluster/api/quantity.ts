/**
 * Kubernetes resource quantities ('100m', '0.5', '128Mi', '1e3', '2k') as numbers, and back to the canonical text the
 * API server writes. CPU is counted in millicores and memory in bytes, both rounded up as Kubernetes rounds them.
 */

/** A quantity that does not parse; the message is the API server's. */
export class QuantityError extends Error {
	override readonly name = 'QuantityError';

	constructor(
		readonly input: string,
		message: string,
	) {
		super(message);
	}
}

export const quantityFormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const suffixError = "unable to parse quantity's suffix";

/** A quantity value, exactly: sign × digits × 10^exponent × 2^binaryExponent. */
type Parsed = {negative: boolean; digits: string; exponent: number; binaryExponent: number};

const grammar = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/;

const decimalSuffixes: Record<string, number> = {n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18};
const binarySuffixes: Record<string, number> = {Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60};

function text(quantity: string | number): string {
	return typeof quantity === 'number' ? String(quantity) : quantity.trim();
}

function parse(quantity: string | number): Parsed {
	const input = text(quantity);
	const match = grammar.exec(input);
	if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new QuantityError(input, quantityFormatError);
	const [, sign, whole, fraction = '', suffix] = match;
	let exponent: number;
	let binaryExponent = 0;
	if (suffix in decimalSuffixes) exponent = decimalSuffixes[suffix];
	else if (suffix in binarySuffixes) {
		exponent = 0;
		binaryExponent = binarySuffixes[suffix];
	} else if (/^[eE][-+]?\d+$/.test(suffix)) exponent = Number(suffix.slice(1));
	else if (/^[eEinumkKMGTP]*$/.test(suffix)) throw new QuantityError(input, suffixError);
	else throw new QuantityError(input, quantityFormatError);
	const digits = `${whole}${fraction}`.replace(/^0+/, '') || '0';
	return {negative: sign === '-' && digits !== '0', digits, exponent: exponent - fraction.length, binaryExponent};
}

/** ceil(|value| × 10^scale) with the value's sign: exact, whatever the digits. */
function scaled({negative, digits, exponent, binaryExponent}: Parsed, scale: number): number {
	let amount = BigInt(digits) << BigInt(binaryExponent);
	const power = exponent + scale;
	if (power >= 0) amount *= 10n ** BigInt(power);
	else {
		const divisor = 10n ** BigInt(-power);
		const rest = amount % divisor;
		amount = amount / divisor + (rest > 0n ? 1n : 0n);
	}
	const result = Number(amount);
	return negative ? -result : result;
}

const plainInteger = /^\d+$/;
const milliInteger = /^(\d+)m$/;
const binaryInteger = /^(\d+)(Ki|Mi|Gi|Ti)$/;
const binaryFactors: Record<string, number> = {Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40};

/** The value as a plain number ('1.5Gi' → 1610612736, '100m' → 0.1); throws QuantityError. */
export function parseQuantity(quantity: string | number): number {
	if (typeof quantity === 'number' && Number.isFinite(quantity)) return quantity;
	const value = parse(quantity);
	const magnitude = Number(`${value.digits}e${value.exponent}`) * 2 ** value.binaryExponent;
	return value.negative ? -magnitude : magnitude;
}

/** CPU in millicores, rounded up as Kubernetes' MilliValue: '100m' → 100, '0.5' → 500, '2' → 2000, '1e3' → 1000000. */
export function parseCpuMilli(quantity: string | number): number {
	if (typeof quantity === 'string') {
		// The forms users write, without building big integers.
		const milli = milliInteger.exec(quantity);
		if (milli && milli[1].length < 15) return Number(milli[1]);
		if (plainInteger.test(quantity) && quantity.length < 12) return Number(quantity) * 1000;
	} else if (Number.isInteger(quantity) && Math.abs(quantity) < 1e12) return quantity * 1000;
	return scaled(parse(quantity), 3);
}

/** Bytes, rounded up to a whole byte: '128Mi' → 134217728, '1G' → 1000000000, '500' → 500. */
export function parseBytes(quantity: string | number): number {
	if (typeof quantity === 'string') {
		const binary = binaryInteger.exec(quantity);
		if (binary && binary[1].length < 10) return Number(binary[1]) * binaryFactors[binary[2]];
		if (plainInteger.test(quantity) && quantity.length < 16) return Number(quantity);
	} else if (Number.isInteger(quantity)) return quantity;
	return scaled(parse(quantity), 0);
}

/** True when the text is a quantity the API server accepts. */
export function isQuantity(quantity: string | number): boolean {
	try {
		parse(quantity);
		return true;
	} catch {
		return false;
	}
}

/** Millicores as Kubernetes writes CPU: whole cores plainly ('2'), the rest in millicores ('250m'). */
export function formatCpuMilli(milli: number): string {
	const rounded = Math.ceil(milli);
	return rounded % 1000 === 0 ? String(rounded / 1000) : `${rounded}m`;
}

const binaryNames = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const decimalNames = ['', 'k', 'M', 'G', 'T', 'P', 'E'];

/**
 * Bytes as Kubernetes writes a binary quantity: the largest power of 1024 that divides it exactly ('128Mi', '1536Ki',
 * '1025'); below 1024 it writes the decimal form ('1k', '500').
 */
export function formatBytes(bytes: number): string {
	const value = Math.ceil(bytes);
	const magnitude = Math.abs(value);
	if (magnitude === 0) return '0';
	let step = 0;
	let amount = magnitude;
	if (magnitude < 1024) {
		while (amount % 1000 === 0 && step < decimalNames.length - 1) {
			amount /= 1000;
			step++;
		}
		return `${value < 0 ? '-' : ''}${amount}${decimalNames[step]}`;
	}
	while (amount % 1024 === 0 && step < binaryNames.length - 1) {
		amount /= 1024;
		step++;
	}
	return `${value < 0 ? '-' : ''}${amount}${binaryNames[step]}`;
}
