import {describe, expect, it} from 'vitest';
import {LogBuffer, splitTimestamp, visibleLogLines} from '../../../source/ui/state/log-buffer.js';

describe('log buffer', () => {
	it('keeps at most its capacity, dropping the oldest', () => {
		const buffer = new LogBuffer(3);
		buffer.push(['1', '2']);
		buffer.push(['3', '4', '5']);
		expect(buffer.toArray()).toEqual(['3', '4', '5']);
		expect(buffer.dropped).toBe(2);
		buffer.push(Array.from({length: 10}, (_, index) => `x${index}`));
		expect(buffer.toArray()).toEqual(['x7', 'x8', 'x9']);
		expect(buffer.size).toBe(3);
		expect(buffer.at(0)).toBe('x7');
	});

	it('splits the API timestamp off a line', () => {
		expect(splitTimestamp('2024-01-01T00:00:00.123456789Z hello world')).toEqual({time: '2024-01-01T00:00:00.123456789Z', text: 'hello world'});
		expect(splitTimestamp('no time here')).toEqual({text: 'no time here'});
	});

	it('shows the last lines, scrolled up by an offset, wrapped when asked', () => {
		const lines = ['one', 'two', 'three', 'four'];
		expect(visibleLogLines(lines, {height: 2, width: 80, offset: 0, wrap: false})).toEqual(['three', 'four']);
		expect(visibleLogLines(lines, {height: 2, width: 80, offset: 1, wrap: false})).toEqual(['two', 'three']);
		expect(visibleLogLines(['abcdefgh', 'xy'], {height: 3, width: 3, offset: 0, wrap: true})).toEqual(['def', 'gh', 'xy']);
	});
});
