import {describe, expect, it} from 'vitest';
import {diffFrame} from '../../../source/ui/screen/frame-diff.js';
import {FrameWriter} from '../../../source/ui/screen/frame-writer.js';

describe('frame diff', () => {
	it('rewrites only changed lines, at their rows', () => {
		expect(diffFrame(['a', 'b', 'c'], ['a', 'B', 'c'])).toBe('\u001B[2;1HB\u001B[K');
		expect(diffFrame(['a', 'b', 'c'], ['a', 'b'])).toBe('\u001B[3;1H\u001B[K');
		expect(diffFrame([], ['x'])).toBe('\u001B[1;1Hx\u001B[K');
		expect(diffFrame(['same'], ['same'])).toBe('');
	});

	it('coalesces frames of one tick and counts bytes', async () => {
		const written: string[] = [];
		const writer = new FrameWriter({write: chunk => written.push(chunk)}, {synchronized: false});
		writer.frame('a\nb');
		writer.frame('a\nc');
		await Promise.resolve();
		expect(written).toEqual(['\u001B[1;1Ha\u001B[K\u001B[2;1Hc\u001B[K']);
		writer.frame('a\nc');
		await Promise.resolve();
		expect(written).toHaveLength(1);
		writer.invalidate();
		writer.frame('a\nc');
		await Promise.resolve();
		expect(written[1].startsWith('\u001B[H\u001B[2J')).toBe(true);
		writer.close();
		writer.frame('z');
		await Promise.resolve();
		expect(written).toHaveLength(2);
		expect(writer.bytesWritten).toBe(Buffer.byteLength(written.join('')));
	});
});
