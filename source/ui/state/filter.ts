import fuzzysort from 'fuzzysort';
import type {Row} from '../render/types.js';
import {matchesLabels, parseLabelSelector, type Requirement} from './label-selector.js';

/**
 * The `/` filter of a table, k9s style: plain text matches any cell case-insensitively, `!text` inverts,
 * `-l app=x` selects by label, `-f text` matches names fuzzily (best first).
 */
export type Filter =
	| {kind: 'none'}
	| {kind: 'text'; text: string; inverse: boolean}
	| {kind: 'labels'; requirements: Requirement[]}
	| {kind: 'fuzzy'; text: string}
	| {kind: 'invalid'; message: string};

export function parseFilter(input: string): Filter {
	const text = input.trim();
	if (text === '' || text === '!') return {kind: 'none'};
	const labels = /^-l\s*(.*)$/.exec(text);
	if (labels) {
		if (labels[1].trim() === '') return {kind: 'none'};
		try {
			return {kind: 'labels', requirements: parseLabelSelector(labels[1])};
		} catch (error) {
			return {kind: 'invalid', message: (error as Error).message};
		}
	}

	const fuzzy = /^-f\s*(.*)$/.exec(text);
	if (fuzzy) return fuzzy[1].trim() === '' ? {kind: 'none'} : {kind: 'fuzzy', text: fuzzy[1].trim()};
	if (text.startsWith('!')) return {kind: 'text', text: text.slice(1).toLowerCase(), inverse: true};
	return {kind: 'text', text: text.toLowerCase(), inverse: false};
}

/** The rows the filter keeps; fuzzy results come best match first, the others keep their order. */
export function applyFilter(rows: readonly Row[], filter: Filter): readonly Row[] {
	switch (filter.kind) {
		case 'none':
		case 'invalid': {
			return rows;
		}

		case 'text': {
			return rows.filter(row => row.search.includes(filter.text) !== filter.inverse);
		}

		case 'labels': {
			return rows.filter(row => matchesLabels(row.object.metadata.labels, filter.requirements));
		}

		case 'fuzzy': {
			return fuzzysort.go(filter.text, rows, {key: row => row.object.metadata.name ?? '', threshold: 0.2}).map(result => result.obj);
		}
	}
}
