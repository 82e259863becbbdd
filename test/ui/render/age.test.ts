import {describe, expect, it} from 'vitest';
import {age, humanDuration} from '../../../source/ui/render/age.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe('humanDuration', () => {
	it.each([
		[0, '0s'],
		[-5 * second, '0s'],
		[45 * second, '45s'],
		[119 * second, '119s'],
		[2 * minute, '2m'],
		[3 * minute + 32 * second, '3m32s'],
		[25 * minute, '25m'],
		[179 * minute, '179m'],
		[5 * hour + 3 * minute, '5h3m'],
		[6 * hour, '6h'],
		[30 * hour, '30h'],
		[2 * day + 3 * hour, '2d3h'],
		[45 * day, '45d'],
		[(2 * 365 + 100) * day, '2y100d'],
		[9 * 365 * day, '9y'],
	])('%i ms is %s', (milliseconds, text) => {
		expect(humanDuration(milliseconds)).toBe(text);
	});

	it('ages a timestamp, <unknown> without one', () => {
		expect(age('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:00:45Z'))).toBe('45s');
		expect(age(undefined, 0)).toBe('<unknown>');
	});
});
