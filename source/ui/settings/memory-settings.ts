import type {Settings, SettingsData} from './settings.js';

/** Settings that live as long as the object: for tests and when the config directory cannot be written. */
export function createMemorySettings(initial: SettingsData = {}): Settings & {data: SettingsData} {
	const data: SettingsData = structuredClone(initial);
	return {
		data,
		get: key => data[key],
		set(key, value) {
			if (value === undefined) delete data[key];
			else data[key] = value;
		},
	};
}
