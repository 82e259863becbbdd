/** What the dashboard remembers between runs. Every field is optional: a missing one means the default. */
export type SettingsData = {
	/** Theme name or JSON file. */
	theme?: string;
	/** Per context: the namespace last shown ('' for all) and the resource of the last top-level pane ('pods'). */
	views?: Record<string, {namespace?: string; pane?: string}>;
	/** Recently used namespaces, most recent first (keys 1-9). */
	favourites?: string[];
	/** Command history, oldest first. */
	history?: string[];
	/** Binding id → keys, replacing the defaults: {"cursor.down": ["j", "ctrl-n"]}. */
	keyBindings?: Record<string, string[]>;
	/** Lines a log view keeps (default 5,000). */
	logBufferLines?: number;
	/** Lines a log view asks for when it opens (default 100). */
	logTailLines?: number;
	/** Start read-only. */
	readonly?: boolean;
};

/** Storage for settings: conf on disk for the program, an in-memory map for tests. */
export interface Settings {
	get<Key extends keyof SettingsData>(key: Key): SettingsData[Key] | undefined;
	set<Key extends keyof SettingsData>(key: Key, value: SettingsData[Key]): void;
}

export const defaultLogBufferLines = 5000;
export const defaultLogTailLines = 100;
