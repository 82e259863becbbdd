import {describe, it, expect} from 'vitest';
import {
	QuantityError,
	formatBytes,
	formatCpuMilli,
	isQuantity,
	parseBytes,
	parseCpuMilli,
	parseQuantity,
	quantityFormatError,
} from '../../../source/cluster/api/quantity.js';

describe('quantities', () => {
	// The examples of "Resource Management for Pods and Containers" and of the Quantity reference.
	it.each([
		['100m', 100],
		['0.1', 100],
		['0.5', 500],
		['.5', 500],
		['1', 1000],
		['1.', 1000],
		['2', 2000],
		['500m', 500],
		['1e3', 1000000],
		['1E-3', 1],
		['2k', 2000000],
		['0.0001', 1],
		['1n', 1],
		['250000u', 250],
		['+1', 1000],
		['0', 0],
		[1, 1000],
		[0.5, 500],
	])('cpu %j is %d millicores', (quantity, milli) => {
		expect(parseCpuMilli(quantity)).toBe(milli);
	});

	it.each([
		['128Mi', 134217728],
		['1Gi', 1073741824],
		['1.5Gi', 1610612736],
		['64Ki', 65536],
		['129M', 129000000],
		['123Mi', 128974848],
		['128974848', 128974848],
		['129e6', 129000000],
		['1G', 1000000000],
		['1Ti', 1099511627776],
		['500', 500],
		['2k', 2000],
		['0.5', 1],
		['100m', 1],
		['1Ei', 2 ** 60],
		[1024, 1024],
	])('memory %j is %d bytes', (quantity, bytes) => {
		expect(parseBytes(quantity)).toBe(bytes);
	});

	it('gives plain values', () => {
		expect(parseQuantity('100m')).toBeCloseTo(0.1);
		expect(parseQuantity('1e3')).toBe(1000);
		expect(parseQuantity('1.5Gi')).toBe(1610612736);
		expect(parseQuantity('-2k')).toBe(-2000);
		expect(parseQuantity(' 2 ')).toBe(2);
	});

	it.each([
		['', quantityFormatError],
		['abc', quantityFormatError],
		['1 Gi', quantityFormatError],
		['1Gb', quantityFormatError],
		['1.5.5', quantityFormatError],
		['Mi', quantityFormatError],
		['100mi', "unable to parse quantity's suffix"],
		['1K', "unable to parse quantity's suffix"],
		['1e', "unable to parse quantity's suffix"],
	])('refuses %j', (quantity, message) => {
		expect(() => parseQuantity(quantity)).toThrow(new QuantityError(quantity, message));
		expect(isQuantity(quantity)).toBe(false);
	});

	it('names the input in the error', () => {
		try {
			parseCpuMilli('two');
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(QuantityError);
			expect((error as QuantityError).input).toBe('two');
		}
	});

	it.each([
		[250, '250m'],
		[1000, '1'],
		[1500, '1500m'],
		[0, '0'],
		[4000, '4'],
	])('formats %d millicores as %s', (milli, text) => {
		expect(formatCpuMilli(milli)).toBe(text);
	});

	it.each([
		[134217728, '128Mi'],
		[1073741824, '1Gi'],
		[1610612736, '1536Mi'],
		[1025, '1025'],
		[1000, '1k'],
		[500, '500'],
		[0, '0'],
		[2 ** 40 * 3, '3Ti'],
	])('formats %d bytes as %s', (bytes, text) => {
		expect(formatBytes(bytes)).toBe(text);
	});

	it('round-trips what it formats', () => {
		for (const bytes of [134217728, 1610612736, 1025, 1000, 3 * 2 ** 40]) expect(parseBytes(formatBytes(bytes))).toBe(bytes);
		for (const milli of [250, 1000, 1500, 1]) expect(parseCpuMilli(formatCpuMilli(milli))).toBe(milli);
	});
});
