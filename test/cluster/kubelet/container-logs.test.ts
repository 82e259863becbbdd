import {describe, expect, it} from 'vitest';
import {ContainerLog, formatLines} from '../../../source/cluster/kubelet/container-logs.js';

const start = Date.parse('2026-03-01T09:00:00Z');

describe('a container log', () => {
	it('keeps only its newest lines within its size bound', () => {
		const log = new ContainerLog(100);
		for (let i = 0; i < 50; i++) log.write(start + i, `line ${String(i).padStart(2, '0')}`);
		const kept = log.read(false).map(line => line.text);
		expect(kept.at(-1)).toBe('line 49');
		expect(kept.join('\n').length).toBeLessThanOrEqual(100);
		expect(kept).toEqual(Array.from({length: kept.length}, (_, index) => `line ${String(50 - kept.length + index).padStart(2, '0')}`));
	});

	it('keeps one previous instance on rotation, and no more', () => {
		const log = new ContainerLog();
		log.write(start, 'first run');
		log.rotate();
		log.write(start + 1, 'second run');
		expect(log.read(true).map(line => line.text)).toEqual(['first run']);
		log.rotate();
		log.write(start + 2, 'third run');
		expect(log.read(true).map(line => line.text)).toEqual(['second run']);
		expect(log.read(false).map(line => line.text)).toEqual(['third run']);
	});

	it('tells followers each line, and that the instance ended', () => {
		const log = new ContainerLog();
		const seen: string[] = [];
		const stop = log.follow(line => seen.push(line.time < 0 ? '(end)' : line.text));
		log.write(start, 'a');
		log.end();
		stop();
		log.write(start, 'b');
		expect(seen).toEqual(['a', '(end)']);
	});

	it('renders tailLines, sinceSeconds, timestamps and limitBytes as the API does', () => {
		const lines = [
			{time: start, text: 'one'},
			{time: start + 30_000, text: 'two'},
			{time: start + 60_500, text: 'three'},
		];
		const now = start + 61_000;
		expect(formatLines(lines, {}, now)).toBe('one\ntwo\nthree\n');
		expect(formatLines(lines, {tailLines: 2}, now)).toBe('two\nthree\n');
		expect(formatLines(lines, {sinceSeconds: 40}, now)).toBe('two\nthree\n');
		expect(formatLines(lines, {sinceSeconds: 40, tailLines: 1}, now)).toBe('three\n');
		expect(formatLines(lines, {tailLines: 1, timestamps: true}, now)).toBe('2026-03-01T09:01:00.500000000Z three\n');
		expect(formatLines(lines, {limitBytes: 5}, now)).toBe('one\nt');
	});
});
