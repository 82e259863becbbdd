import {describe, expect, it} from 'vitest';
import {diffFrame} from '../../../source/ui/screen/frame-diff.js';
import {FrameWriter} from '../../../source/ui/screen/frame-writer.js';
import {applyToScreen} from '../../helpers/ui-screen.js';

const rows = (from: number, count: number) => Array.from({length: count}, (_, index) => `row ${from + index} ${'x'.repeat(60)}`);
const frame = (body: string[]) => ['header', 'title', ...body, 'crumbs', 'hints'];

describe('frame diff', () => {
	it('rewrites only changed lines, at their rows', () => {
		expect(diffFrame(['a', 'b', 'c'], ['a', 'B', 'c'])).toBe('\u001B[2;1HB\u001B[K');
		expect(diffFrame(['a', 'b', 'c'], ['a', 'b'])).toBe('\u001B[3;1H\u001B[K');
		expect(diffFrame([], ['x'])).toBe('\u001B[1;1Hx\u001B[K');
		expect(diffFrame(['same'], ['same'])).toBe('');
	});

	it.each([1, 2, 3, -1, -3])('scrolls a region when its lines moved by %i, writing only what came into view', shift => {
		const previous = frame(rows(100, 30));
		const next = frame(rows(100 + shift, 30));
		const bytes = diffFrame(previous, next);
		expect(applyToScreen(previous, bytes, previous.length)).toEqual(next);
		expect(bytes.length).toBeLessThan(Math.abs(shift) * 120 + 100);
	});

	it('turns any frame into any other (checked on a simulated screen)', () => {
		const frames = [frame(rows(0, 30)), frame(rows(1, 30)), frame([...rows(1, 10), 'changed', ...rows(12, 19)]), frame(rows(40, 30)), frame(rows(38, 25)), ['short']];
		let screen = frames[0];
		for (const next of frames.slice(1)) {
			screen = applyToScreen(screen, diffFrame(screen, next), 40).slice(0, Math.max(next.length, screen.length));
			expect(screen.slice(0, next.length)).toEqual(next);
			expect(screen.slice(next.length).every(line => line === '')).toBe(true);
			screen = next;
		}
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
