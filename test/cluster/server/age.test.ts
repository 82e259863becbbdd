import {describe, it, expect} from 'vitest';
import {ageSince, humanDuration} from '../../../source/cluster/server/age.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe('humanDuration, as kubectl prints AGE', () => {
	it.each([
		[0, '0s'],
		[38 * second, '38s'],
		[119 * second, '119s'],
		[2 * minute, '2m'],
		[2 * minute + 30 * second, '2m30s'],
		[9 * minute + 59 * second, '9m59s'],
		[10 * minute + 30 * second, '10m'],
		[179 * minute, '179m'],
		[3 * hour, '3h'],
		[3 * hour + 10 * minute, '3h10m'],
		[7 * hour + 59 * minute, '7h59m'],
		[8 * hour + 30 * minute, '8h'],
		[47 * hour, '47h'],
		[48 * hour, '2d'],
		[2 * day + 4 * hour, '2d4h'],
		[7 * day + 23 * hour, '7d23h'],
		[8 * day + 5 * hour, '8d'],
		[729 * day, '729d'],
		[730 * day, '2y'],
		[730 * day + 120 * day, '2y120d'],
		[8 * 365 * day + 100 * day, '8y'],
	])('%d ms is %s', (milliseconds, text) => {
		expect(humanDuration(milliseconds)).toBe(text);
	});

	it('reads a second of clock skew as now and more as invalid', () => {
		expect(humanDuration(-1500)).toBe('0s');
		expect(humanDuration(-2000)).toBe('<invalid>');
	});
});

describe('ageSince', () => {
	it('measures an RFC 3339 timestamp to now', () => {
		const now = Date.parse('2024-05-01T12:00:00Z');
		expect(ageSince('2024-05-01T11:57:30Z', now)).toBe('2m30s');
		expect(ageSince('2024-04-26T12:00:00Z', now)).toBe('5d');
	});

	it('prints <unknown> without a timestamp', () => {
		expect(ageSince(undefined, 0)).toBe('<unknown>');
		expect(ageSince('not a time', 0)).toBe('<unknown>');
	});
});
