import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {createConfSettings} from '../../../source/ui/settings/conf-settings.js';
import {createMemorySettings} from '../../../source/ui/settings/memory-settings.js';

describe('settings', () => {
	it('keeps values in memory for tests', () => {
		const settings = createMemorySettings({theme: 'light'});
		expect(settings.get('theme')).toBe('light');
		settings.set('history', ['pods']);
		expect(settings.get('history')).toEqual(['pods']);
		settings.set('theme', undefined);
		expect(settings.get('theme')).toBeUndefined();
	});

	it('persists across instances in a config directory', () => {
		const cwd = mkdtempSync(join(tmpdir(), 'kubedeck-settings-'));
		createConfSettings({cwd}).set('favourites', ['kube-system', 'default']);
		expect(createConfSettings({cwd}).get('favourites')).toEqual(['kube-system', 'default']);
	});
});
