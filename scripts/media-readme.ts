/** The README's media section: each picture with its caption, and the recorded tour. */
import type {Scene} from './media-scenes.js';

export function mediaSection(scenes: readonly Scene[], castFile: string): string {
	const lines = [
		'Real frames of `node dist/kubedeck.mjs --ephemeral --demo` at 120x36, drawn by `npm run media` (which runs the',
		'bundle in a pseudo-terminal and reads its screen through a headless xterm).',
		'',
	];
	for (const scene of scenes) lines.push(`![${scene.title}](media/${scene.name}.svg)`, '', `*${scene.caption}*`, '');
	lines.push(`A recorded tour of the same screens, as an asciicast: \`asciinema play ${castFile}\`.`);
	return lines.join('\n');
}
