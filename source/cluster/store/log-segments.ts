import {promises as fs} from 'node:fs';
import path from 'node:path';

/** The log is a series of segment files, each named after the first revision it may hold. */
export type Segment = {path: string; startRevision: number};

const segmentPattern = /^log-(\d+)\.wal$/;

export function segmentPath(directory: string, startRevision: number): string {
	return path.join(directory, `log-${String(startRevision).padStart(16, '0')}.wal`);
}

/** The segments in the directory, oldest first. */
export async function listSegments(directory: string): Promise<Segment[]> {
	const segments: Segment[] = [];
	for (const name of await fs.readdir(directory)) {
		const match = segmentPattern.exec(name);
		if (match) {
			segments.push({path: path.join(directory, name), startRevision: Number(match[1])});
		}
	}

	return segments.sort((left, right) => left.startRevision - right.startRevision);
}

/** Removes the segments older than the one starting at startRevision: a snapshot now holds all they recorded. */
export async function removeSegmentsBefore(directory: string, startRevision: number): Promise<void> {
	for (const segment of await listSegments(directory)) {
		if (segment.startRevision < startRevision) {
			await fs.rm(segment.path, {force: true});
		}
	}
}
