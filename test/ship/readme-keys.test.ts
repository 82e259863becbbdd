import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readSection, writeSection} from '../../scripts/readme-keys-markers.js';
import {readmeFile} from '../../scripts/readme-keys.js';
import {commandsTable, keysSection, keysTable} from '../../scripts/readme-keys-table.js';
import {bindings, type Binding} from '../../source/ui/keys/bindings.js';
import {usage} from '../../source/ui/commands/usage.js';

const readme = readFileSync(readmeFile, 'utf8');

describe('the README key table', () => {
	it('is what the key bindings and command usage generate (npm run media writes it)', () => {
		expect(readSection(readme, 'keys'), 'regenerate with: node --import tsx scripts/readme-keys.ts').toBe(keysSection(bindings));
	});

	it('has a row for every binding, naming its keys', () => {
		const table = keysTable(bindings);
		for (const binding of bindings) expect(table).toContain(`| ${binding.keys.map(key => `\`${key}\``).join(' ')} | ${binding.description}`);
	});

	it('marks dangerous bindings, and a binding that only a kubedeck cluster offers', () => {
		const made: Binding[] = [
			{id: 'x.one', keys: ['x'], description: 'Explode', panes: ['pods', 'nodes'], dangerous: true},
			{id: 'x.two', keys: ['ctrl-x'], description: 'Look', panes: ['global'], embeddedOnly: true},
		];
		expect(keysTable(made).split('\n').slice(2)).toEqual([
			'| `x` | Explode | pods, nodes | yes |',
			'| `ctrl-x` | Look (embedded cluster only) | global |  |',
		]);
	});

	it('lists every command-mode command, scale and quit included', () => {
		const table = commandsTable();
		for (const line of Object.values(usage)) expect(table).toContain(line.split(/\s{2,}/)[0].replaceAll('|', String.raw`\|`));
		expect(table).toContain('`:scale KIND/NAME REPLICAS');
		expect(table).toMatch(/^\| `:q` — quit \|/m);
	});

	it('escapes pipes so the alternatives stay in one cell', () => {
		expect(commandsTable()).toContain(String.raw`:rollout undo\|restart\|status\|history deploy/NAME`);
	});
});

describe('README sections between markers', () => {
	const text = '# t\n\n## kubectl side by side\n\nbody\n\n## Timings\n\nmore\n';

	it('adds a missing section under its heading after the section named', () => {
		const added = writeSection(text, 'keys', 'table', {heading: 'Keys', afterHeading: 'kubectl side by side'});
		expect(added).toBe('# t\n\n## kubectl side by side\n\nbody\n\n## Keys\n\n<!-- keys:start -->\ntable\n<!-- keys:end -->\n\n## Timings\n\nmore\n');
	});

	it('replaces only what is between the markers', () => {
		const once = writeSection(text, 'keys', 'old', {heading: 'Keys', afterHeading: 'kubectl side by side'});
		const twice = writeSection(once, 'keys', 'new', {heading: 'Keys', afterHeading: 'kubectl side by side'});
		expect(twice).toBe(once.replace('old', 'new'));
		expect(readSection(twice, 'keys')).toBe('new');
	});

	it('adds the section at the end when nothing follows the anchor', () => {
		expect(writeSection('# t\n', 'media', 'x', {heading: 'Screens', afterHeading: 'Keys'})).toBe('# t\n\n## Screens\n\n<!-- media:start -->\nx\n<!-- media:end -->\n');
	});
});
