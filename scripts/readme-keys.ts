/** Writes the key table into README.md between its keys markers: `node --import tsx scripts/readme-keys.ts`. */
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {bindings} from '../source/ui/keys/bindings.js';
import {writeSection} from './readme-keys-markers.js';
import {keysSection} from './readme-keys-table.js';

export const readmeFile = fileURLToPath(new URL('../README.md', import.meta.url));

/** Updates README.md in place; returns whether it changed. */
export function writeReadmeKeys(file = readmeFile): boolean {
	const before = readFileSync(file, 'utf8');
	const after = writeSection(before, 'keys', keysSection(bindings), {heading: 'Keys', afterHeading: 'kubectl side by side'});
	if (after !== before) writeFileSync(file, after);
	return after !== before;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	console.log(writeReadmeKeys() ? 'README.md: key table updated' : 'README.md: key table already current');
}
