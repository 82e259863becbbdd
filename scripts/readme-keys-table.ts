/**
 * The README's key table, generated from the dashboard's own tables: the key bindings (source/ui/keys/bindings.ts)
 * and the command-mode usage lines (source/ui/commands/usage.ts), so the README cannot drift from the code.
 */
import {usage, verbs} from '../source/ui/commands/usage.js';
import type {Binding} from '../source/ui/keys/bindings.js';
import {helpCommands} from '../source/ui/keys/help.js';

/** A table cell: pipes escaped (GitHub reads `\|` as a pipe even inside code), no line breaks. */
const cell = (text: string) => text.replaceAll('|', String.raw`\|`).replaceAll('\n', ' ');
const code = (text: string) => `\`${text}\``;

export function keysTable(bindings: readonly Binding[]): string {
	const lines = ['| Key | Action | Panes | Dangerous |', '| --- | --- | --- | --- |'];
	for (const binding of bindings) {
		const keys = binding.keys.map(key => code(key)).join(' ');
		const action = binding.embeddedOnly ? `${binding.description} (embedded cluster only)` : binding.description;
		const panes = binding.panes.join(', ');
		lines.push(`| ${cell(keys)} | ${cell(action)} | ${cell(panes)} | ${binding.dangerous ? 'yes' : ''} |`);
	}

	return lines.join('\n');
}

/** The usage line of each verb, in the order completion offers them, after the line for switching views. */
function commandLines(): string[] {
	const keyOf: Record<string, string> = {q: 'quit'};
	const ordered = ['view', ...verbs.map(verb => keyOf[verb] ?? verb)];
	const rest = Object.keys(usage).filter(key => !ordered.includes(key));
	return [...ordered, ...rest].filter(key => usage[key] !== undefined).map(key => usage[key]);
}

export function commandsTable(): string {
	// The help screen keeps, in read-only mode, only the commands that change nothing.
	const harmless = new Set(helpCommands(true));
	const lines = ['| Command | Dangerous |', '| --- | --- |'];
	for (const line of commandLines()) {
		// A usage line is the syntax, then (after a run of spaces) what it does, if it says.
		const [syntax, ...said] = line.split(/\s{2,}/);
		const what = said.join(' ');
		lines.push(`| ${cell(code(syntax))}${what ? ` — ${cell(what)}` : ''} | ${harmless.has(line) ? '' : 'yes'} |`);
	}

	return lines.join('\n');
}

/** Everything between the README's keys markers. */
export function keysSection(bindings: readonly Binding[]): string {
	return [
		'Generated from `source/ui/keys/bindings.ts` and `source/ui/commands/usage.ts` by `npm run media`; the help screen',
		'(`?`) shows the same. Dangerous keys and commands change the cluster and are refused in read-only mode.',
		'',
		keysTable(bindings),
		'',
		'Command mode (`:`), with completion on `tab`:',
		'',
		commandsTable(),
	].join('\n');
}
