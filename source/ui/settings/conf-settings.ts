import Conf from 'conf';
import {createMemorySettings} from './memory-settings.js';
import type {Settings, SettingsData} from './settings.js';

/**
 * Settings in the user's config directory (~/.config/kubedeck-nodejs/config.json on Linux). If the directory
 * cannot be used (read-only home, bad file) the dashboard still runs, with settings kept in memory.
 */
export function createConfSettings(options: {cwd?: string} = {}): Settings {
	let store: Conf<SettingsData>;
	try {
		store = new Conf<SettingsData>({projectName: 'kubedeck', cwd: options.cwd, clearInvalidConfig: true});
	} catch {
		return createMemorySettings();
	}

	const fallback = createMemorySettings();
	return {
		get(key) {
			try {
				return store.get(key);
			} catch {
				return fallback.get(key);
			}
		},
		set(key, value) {
			try {
				if (value === undefined) store.delete(key);
				else store.set(key, value);
			} catch {
				fallback.set(key, value);
			}
		},
	};
}
