import {readFileSync} from 'node:fs';
import dark from '../../../themes/dark.json' with {type: 'json'};
import highContrast from '../../../themes/high-contrast.json' with {type: 'json'};
import light from '../../../themes/light.json' with {type: 'json'};
import monochrome from '../../../themes/monochrome.json' with {type: 'json'};
import {tokenNames, type Style, type Theme, type TokenName} from './tokens.js';

type ThemeFile = {name?: string; description?: string; cursorMark?: string; tokens?: Record<string, Style>};

const builtin: Record<string, ThemeFile> = {dark, light, 'high-contrast': highContrast, monochrome};

export const builtinThemeNames = Object.keys(builtin);

const styleKeys = new Set(['fg', 'bg', 'bold', 'dim', 'italic', 'underline', 'inverse']);

/** Checks a theme file's tokens; unknown tokens and keys are errors so a typo does not silently do nothing. */
function validate(file: ThemeFile, source: string): void {
	if (typeof file !== 'object' || file === null || typeof file.tokens !== 'object' || file.tokens === null) {
		throw new Error(`${source}: a theme is a JSON object with "tokens"`);
	}

	const known = new Set<string>(tokenNames);
	for (const [token, style] of Object.entries(file.tokens)) {
		if (!known.has(token)) throw new Error(`${source}: unknown token "${token}"`);
		if (typeof style !== 'object' || style === null) throw new Error(`${source}: token "${token}" must be an object`);
		for (const key of Object.keys(style)) {
			if (!styleKeys.has(key)) throw new Error(`${source}: token "${token}" has unknown key "${key}"`);
		}
	}
}

/** A theme from its file contents; missing tokens come from the dark theme (or stay plain for monochrome bases). */
export function themeFrom(file: ThemeFile, source: string, fallback: ThemeFile = dark): Theme {
	validate(file, source);
	const tokens = {} as Record<TokenName, Style>;
	for (const token of tokenNames) tokens[token] = file.tokens?.[token] ?? fallback.tokens?.[token] ?? {};
	const cursorMark = typeof file.cursorMark === 'string' && file.cursorMark.length === 1 ? file.cursorMark : undefined;
	return {name: file.name ?? source, description: file.description, cursorMark, tokens};
}

/**
 * A built-in theme by name, or a JSON theme file by path (anything with a slash or ending in .json).
 * Throws with a message for the user when it cannot.
 */
export function loadTheme(nameOrFile: string): Theme {
	const file = builtin[nameOrFile];
	if (file) return themeFrom(file, nameOrFile);
	if (nameOrFile.includes('/') || nameOrFile.endsWith('.json')) {
		let parsed: ThemeFile;
		try {
			parsed = JSON.parse(readFileSync(nameOrFile, 'utf8')) as ThemeFile;
		} catch (error) {
			throw new Error(`cannot read theme ${nameOrFile}: ${(error as Error).message}`);
		}

		return themeFrom(parsed, nameOrFile);
	}

	throw new Error(`unknown theme "${nameOrFile}" (built in: ${builtinThemeNames.join(', ')}; or a path to a JSON file)`);
}

/** Whether the environment asks for no colour: NO_COLOR (https://no-color.org) or a dumb terminal. */
export function colourDisabled(environment: NodeJS.ProcessEnv): boolean {
	return Boolean(environment['NO_COLOR']) || environment['TERM'] === 'dumb';
}

/** The theme to start with: monochrome when colour is off, else the requested one, else dark. */
export function startTheme(requested: string | undefined, environment: NodeJS.ProcessEnv): string {
	if (colourDisabled(environment)) return 'monochrome';
	return requested ?? 'dark';
}
