/** Generated sections of README.md, each between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */

const markers = (name: string) => ({start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->`});

/** The text between a section's markers, without the blank lines that frame it; undefined when it has none. */
export function readSection(readme: string, name: string): string | undefined {
	const {start, end} = markers(name);
	const from = readme.indexOf(start);
	const to = readme.indexOf(end, from);
	if (from < 0 || to < 0) return undefined;
	return readme.slice(from + start.length, to).trim();
}

/**
 * The README with a section's body replaced and nothing else touched. A section not there yet is added under its
 * own heading just before the first level-two heading that comes after `afterHeading` (or at the end).
 */
export function writeSection(readme: string, name: string, body: string, placement: {heading: string; afterHeading: string}): string {
	const {start, end} = markers(name);
	const block = `${start}\n${body}\n${end}`;
	const from = readme.indexOf(start);
	const to = readme.indexOf(end, from);
	if (from >= 0 && to >= 0) return readme.slice(0, from) + block + readme.slice(to + end.length);
	const anchor = readme.indexOf(`\n## ${placement.afterHeading}`);
	const next = anchor < 0 ? -1 : readme.indexOf('\n## ', anchor + 1);
	const added = `## ${placement.heading}\n\n${block}\n`;
	if (next < 0) return `${readme.trimEnd()}\n\n${added}`;
	return `${readme.slice(0, next + 1)}${added}\n${readme.slice(next + 1)}`;
}
