import {usage} from '../commands/usage.js';
import {paneTitles, type Binding, type Pane} from './bindings.js';
import type {Keymap} from './keymap.js';

export type HelpSection = {title: string; entries: Array<{keys: string; description: string; dangerous: boolean}>};

/** Keys as the help shows them: '<j> <down>', and a run of digits as '<1>-<9>'. */
export function keysLabel(keys: readonly string[]): string {
	const digits = keys.every(key => /^\d$/.test(key));
	if (digits && keys.length > 2) return `<${keys[0]}>-<${keys.at(-1)!}>`;
	return keys.map(key => `<${key}>`).join(' ');
}

/** Bindings grouped by the first pane each names, in table order; read-only mode leaves dangerous ones out. */
export function helpSections(keymap: Keymap): HelpSection[] {
	const sections = new Map<Pane, HelpSection>();
	for (const binding of keymap.bindings) {
		if (keymap.readonly && binding.dangerous) continue;
		const pane = binding.panes[0];
		let section = sections.get(pane);
		if (!section) {
			section = {title: paneTitles[pane], entries: []};
			sections.set(pane, section);
		}

		section.entries.push({keys: keysLabel(binding.keys), description: binding.description, dangerous: Boolean(binding.dangerous)});
	}

	return [...sections.values()];
}

/** The command lines the help lists, read-only mode keeping only those that change nothing. */
export function helpCommands(readonly: boolean): string[] {
	const harmless = new Set(['view', 'ns', 'quit', 'help', 'theme', 'ctx']);
	return Object.entries(usage).filter(([verb]) => !readonly || harmless.has(verb)).map(([, line]) => line);
}

/** The key table as Markdown, for the README: generated, so it cannot drift from the code. */
export function bindingsMarkdown(bindings: readonly Binding[]): string {
	const lines = ['| Keys | Action | Where |', '| --- | --- | --- |'];
	for (const binding of bindings) {
		const keys = binding.keys.map(key => `\`${key}\``).join(' ');
		const where = binding.panes.map(pane => paneTitles[pane]).join(', ');
		lines.push(`| ${keys} | ${binding.description}${binding.dangerous ? ' (not in read-only mode)' : ''} | ${where} |`);
	}

	return lines.join('\n');
}
