import type {KindTable} from './kinds.js';
import {verbs} from './usage.js';

export type Completion = {text: string; candidates: string[]};

export type CompletionSources = {
	kinds: KindTable;
	/** Names of objects of a resource, as far as known right now (possibly none yet). */
	names: (resource: string) => readonly string[];
	themes: readonly string[];
};

const subcommands: Record<string, string[]> = {rollout: ['undo', 'restart', 'status', 'history'], set: ['image'], node: ['stop', 'start'], create: ['deployment']};
const objectVerbs = new Set(['scale', 'label', 'expose', 'delete', 'del', 'rollout', 'set']);
const nodeVerbs = new Set(['cordon', 'uncordon', 'drain', 'node']);

function commonPrefix(words: readonly string[]): string {
	if (words.length === 0) return '';
	let prefix = words[0];
	for (const word of words) {
		while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
	}

	return prefix;
}

function unique(words: Iterable<string>): string[] {
	return [...new Set(words)].sort();
}

/** What may follow the words typed so far, for the word being typed. */
function candidatesFor(words: string[], current: string, sources: CompletionSources): string[] {
	const {kinds} = sources;
	if (words.length === 0) return unique([...verbs, ...kinds.words()]).filter(word => word.startsWith(current));
	const verb = words[0].toLowerCase();
	const sub = subcommands[verb];
	if (sub && words.length === 1) return sub.filter(word => word.startsWith(current));
	if (verb === 'theme') return sources.themes.filter(word => word.startsWith(current));
	if (verb === 'ns' || verb === 'namespace') return unique(sources.names('namespaces')).filter(word => word.startsWith(current));
	if (nodeVerbs.has(verb)) return unique(sources.names('nodes')).filter(word => word.startsWith(current));
	const viewKind = kinds.resolve(verb);
	if (viewKind && words.length === 1 && viewKind.namespaced) return unique(['all', ...sources.names('namespaces')]).filter(word => word.startsWith(current));
	if (objectVerbs.has(verb) && !current.startsWith('-')) {
		const slash = current.indexOf('/');
		if (slash > 0) {
			const kind = kinds.resolve(current.slice(0, slash));
			if (!kind) return [];
			const prefix = current.slice(0, slash + 1);
			return unique(sources.names(kind.resource)).map(name => prefix + name).filter(word => word.startsWith(current));
		}

		const alreadyNamed = words.slice(1).some(word => word.includes('/'));
		if (!alreadyNamed) {
			const short = kinds.entries.map(entry => `${entry.aliases.find(alias => alias.length <= 6) ?? entry.resource}/`);
			return unique(short).filter(word => word.startsWith(current));
		}
	}

	return [];
}

/**
 * Tab on the command line: completes verbs, kinds and object names. One candidate replaces the word being typed
 * (with a space after, unless it ends in '/'); several complete their common prefix and are listed.
 */
export function complete(text: string, sources: CompletionSources): Completion {
	const endsWithSpace = /\s$/.test(text);
	const words = text.trim() === '' ? [] : text.trim().split(/\s+/);
	const current = endsWithSpace || words.length === 0 ? '' : words.pop()!;
	const candidates = candidatesFor(words, current, sources);
	if (candidates.length === 0) return {text, candidates: []};
	const before = words.length > 0 ? `${words.join(' ')} ` : '';
	if (candidates.length === 1) {
		const [only] = candidates;
		return {text: `${before}${only}${only.endsWith('/') ? '' : ' '}`, candidates: []};
	}

	const prefix = commonPrefix(candidates);
	return {text: `${before}${prefix.length > current.length ? prefix : current}`, candidates};
}
