import {describe, expect, it} from 'vitest';
import {bindings, type Pane} from '../../../source/ui/keys/bindings.js';
import {bindingsMarkdown, helpSections} from '../../../source/ui/keys/help.js';
import {createKeymap} from '../../../source/ui/keys/keymap.js';

/** Pane sets the dashboard actually uses, most specific first. */
const paneSets: Pane[][] = [
	['pods', 'namespaced', 'table'],
	['deployments', 'namespaced', 'table'],
	['replicasets', 'namespaced', 'table'],
	['statefulsets', 'namespaced', 'table'],
	['services', 'namespaced', 'table'],
	['jobs', 'namespaced', 'table'],
	['nodes', 'table'],
	['namespaces', 'table'],
	['history', 'namespaced', 'table'],
	['text'],
	['logs'],
];

describe('key bindings', () => {
	it('have unique ids', () => {
		const ids = bindings.map(binding => binding.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it.each(paneSets.map(panes => [panes.join('+'), panes] as const))('no two bindings share a key in %s', (_name, panes) => {
		const seen = new Map<string, string>();
		for (const binding of bindings) {
			if (!binding.panes.some(pane => pane === 'global' || panes.includes(pane))) continue;
			for (const key of binding.keys) {
				const other = seen.get(key);
				// A pane binding may deliberately shadow a global one; two bindings of the same rank may not collide.
				const globalShadow = other && (binding.panes.includes('global') || bindings.find(entry => entry.id === other)?.panes.includes('global'));
				expect(other === undefined || globalShadow, `${key}: ${other} and ${binding.id}`).toBe(true);
				seen.set(key, binding.id);
			}
		}
	});

	it('resolves the most specific pane first', () => {
		const keymap = createKeymap();
		expect(keymap.resolve('u', ['nodes', 'table'])?.id).toBe('node.uncordon');
		expect(keymap.resolve('u', ['deployments', 'namespaced', 'table'])?.id).toBe('deployment.undo');
		expect(keymap.resolve('esc', ['pods', 'namespaced', 'table'])?.id).toBe('app.back');
		expect(keymap.resolve('l', ['deployments', 'namespaced', 'table'])).toBeUndefined();
	});

	it('takes user overrides by binding id', () => {
		const keymap = createKeymap({overrides: {'cursor.down': ['ctrl-n']}});
		expect(keymap.resolve('ctrl-n', ['pods', 'table'])?.id).toBe('cursor.down');
		expect(keymap.resolve('j', ['pods', 'table'])).toBeUndefined();
	});

	it('hides dangerous bindings from hints and help in read-only mode', () => {
		const keymap = createKeymap({readonly: true});
		expect(keymap.visible(['pods', 'namespaced', 'table']).some(binding => binding.dangerous)).toBe(false);
		expect(helpSections(keymap).flatMap(section => section.entries).some(entry => entry.dangerous)).toBe(false);
		expect(createKeymap().visible(['pods', 'namespaced', 'table']).some(binding => binding.id === 'object.delete')).toBe(true);
	});

	it('offers node power only on embedded clusters', () => {
		expect(createKeymap({embedded: false}).resolve('o', ['nodes', 'table'])).toBeUndefined();
		expect(createKeymap({embedded: true}).resolve('o', ['nodes', 'table'])?.id).toBe('node.power');
	});

	it('generates the README key table', () => {
		const markdown = bindingsMarkdown(bindings);
		expect(markdown).toContain('| `ctrl-d` | Delete (not in read-only mode) | Tables |');
		expect(markdown.split('\n')).toHaveLength(bindings.length + 2);
	});
});
