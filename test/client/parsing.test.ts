import {describe, expect, it} from 'vitest';
import {Backoff} from '../../source/client/backoff.js';
import {LineSplitter} from '../../source/client/line-splitter.js';
import {cpuMilli, memoryBytes, parseQuantity} from '../../source/client/quantity.js';

describe('line splitting', () => {
	it('hands out only whole lines and keeps the tail', () => {
		const splitter = new LineSplitter();
		expect(splitter.push('a\nb')).toEqual(['a']);
		expect(splitter.push('c\r\n\nd')).toEqual(['bc', '']);
		expect(splitter.flush()).toBe('d');
		expect(splitter.flush()).toBeUndefined();
	});

	it('cuts a runaway line so memory stays bounded', () => {
		const splitter = new LineSplitter(4);
		expect(splitter.push('abcdefghij')).toEqual(['abcd', 'efgh']);
		expect(splitter.push('\n')).toEqual(['ij']);
	});
});

describe('back-off', () => {
	it('doubles from 0.5 s to a 30 s cap and starts over after reset', () => {
		const backoff = new Backoff();
		const delays = Array.from({length: 9}, () => backoff.next());
		expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
		backoff.reset();
		expect(backoff.next()).toBe(500);
	});
});

describe('quantities', () => {
	it('read CPU as millicores, rounded up like kubectl top', () => {
		expect(cpuMilli('250m')).toBe(250);
		expect(cpuMilli('2')).toBe(2000);
		expect(cpuMilli('0.5')).toBe(500);
		expect(cpuMilli('12345678n')).toBe(13);
		expect(cpuMilli('1500u')).toBe(2);
		expect(cpuMilli(undefined)).toBe(0);
	});

	it('read memory in binary and decimal units', () => {
		expect(memoryBytes('128Mi')).toBe(128 * 2 ** 20);
		expect(memoryBytes('1.5Gi')).toBe(1.5 * 2 ** 30);
		expect(memoryBytes('2k')).toBe(2000);
		expect(memoryBytes('1e3')).toBe(1000);
		expect(memoryBytes('1024')).toBe(1024);
		expect(parseQuantity('lots')).toBeNaN();
	});
});
