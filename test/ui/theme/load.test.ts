import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {builtinThemeNames, colourDisabled, loadTheme, startTheme} from '../../../source/ui/theme/load.js';
import {tokenNames} from '../../../source/ui/theme/tokens.js';
import {textStyle} from '../../../source/ui/theme/use-style.js';

describe('themes', () => {
	it.each(builtinThemeNames)('%s defines every token', name => {
		const theme = loadTheme(name);
		expect(Object.keys(theme.tokens).sort()).toEqual([...tokenNames].sort());
	});

	it('monochrome names no colour at all', () => {
		const theme = loadTheme('monochrome');
		expect(Object.values(theme.tokens).some(style => style.fg ?? style.bg)).toBe(false);
	});

	it('picks monochrome under NO_COLOR or TERM=dumb unless a theme is asked for', () => {
		expect(colourDisabled({NO_COLOR: '1'})).toBe(true);
		expect(colourDisabled({TERM: 'dumb'})).toBe(true);
		expect(colourDisabled({TERM: 'xterm-256color'})).toBe(false);
		expect(startTheme('light', {NO_COLOR: '1'})).toBe('monochrome');
		expect(startTheme(undefined, {})).toBe('dark');
	});

	it('loads a JSON file, filling missing tokens from dark, and rejects typos', () => {
		const directory = mkdtempSync(join(tmpdir(), 'kubedeck-theme-'));
		const good = join(directory, 'mine.json');
		writeFileSync(good, JSON.stringify({name: 'mine', tokens: {'row.running': {fg: '#00ff00', bold: true}}}));
		const theme = loadTheme(good);
		expect(theme.tokens['row.running']).toEqual({fg: '#00ff00', bold: true});
		expect(theme.tokens['row.failing']).toEqual(loadTheme('dark').tokens['row.failing']);
		const bad = join(directory, 'bad.json');
		writeFileSync(bad, JSON.stringify({tokens: {'row.runing': {fg: 'red'}}}));
		expect(() => loadTheme(bad)).toThrow('unknown token "row.runing"');
		expect(() => loadTheme('plaid')).toThrow('unknown theme "plaid"');
		expect(() => loadTheme(join(directory, 'none.json'))).toThrow('cannot read theme');
	});

	it('maps styles to Ink text props, "default" meaning the terminal colour', () => {
		expect(textStyle({fg: 'default', bg: 'blue', bold: true, dim: true})).toEqual({backgroundColor: 'blue', bold: true, dimColor: true});
	});
});
