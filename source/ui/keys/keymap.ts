import {bindings as defaultBindings, type Binding, type Pane} from './bindings.js';

export type KeymapOptions = {
	/** Binding id → keys, from user settings; replaces that binding's default keys. */
	overrides?: Record<string, string[]>;
	readonly?: boolean;
	/** False on a real cluster: embedded-only bindings disappear. */
	embedded?: boolean;
};

/** The bindings in force: defaults with user overrides applied, and without embedded-only ones on real clusters. */
export type Keymap = {
	bindings: readonly Binding[];
	readonly: boolean;
	/** The binding a key triggers in the given panes, most specific pane first; dangerous ones included. */
	resolve(key: string, panes: readonly Pane[]): Binding | undefined;
	/** What help and hints show in the given panes: read-only mode leaves dangerous bindings out. */
	visible(panes: readonly Pane[]): Binding[];
	/** The keys of a binding, for messages like "press <ctrl-d>". */
	keysOf(id: string): string[];
};

export function createKeymap(options: KeymapOptions = {}): Keymap {
	const bindings = defaultBindings
		.filter(binding => !binding.embeddedOnly || options.embedded !== false)
		.map(binding => {
			const keys = options.overrides?.[binding.id];
			return keys && keys.length > 0 ? {...binding, keys: [...keys]} : binding;
		});
	const readonly = options.readonly ?? false;
	const applies = (binding: Binding, panes: readonly Pane[]) => binding.panes.some(pane => pane === 'global' || panes.includes(pane));
	// Pane-specific bindings win over table-wide ones, which win over global ones (esc means "back" unless a pane says otherwise).
	const rank = (binding: Binding, panes: readonly Pane[]) => {
		let best = Number.POSITIVE_INFINITY;
		for (const pane of binding.panes) {
			const index = pane === 'global' ? panes.length + 1 : panes.indexOf(pane);
			if (index >= 0 && index < best) best = index;
		}

		return best;
	};

	return {
		bindings,
		readonly,
		resolve(key, panes) {
			let found: Binding | undefined;
			let foundRank = Number.POSITIVE_INFINITY;
			for (const binding of bindings) {
				if (!binding.keys.includes(key) || !applies(binding, panes)) continue;
				const bindingRank = rank(binding, panes);
				if (bindingRank < foundRank) {
					found = binding;
					foundRank = bindingRank;
				}
			}

			return found;
		},
		visible: panes => bindings.filter(binding => applies(binding, panes) && !(readonly && binding.dangerous)),
		keysOf: id => bindings.find(binding => binding.id === id)?.keys ?? [],
	};
}
