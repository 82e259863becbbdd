import {nothing, selectorFromLabelSelector, type LabelSelector, type Selector} from '../api/selectors/labels.js';

export type {LabelSelector};

const compiled = new WeakMap<object, Selector>();

/**
 * A metav1.LabelSelector compiled once per object it came from (objects from the store never change in place): an
 * absent selector selects nothing, an empty one everything; an invalid one nothing.
 */
export function compileSelector(selector: LabelSelector | null | undefined): Selector {
	if (!selector) return nothing;
	let found = compiled.get(selector);
	if (!found) {
		try {
			found = selectorFromLabelSelector(selector);
		} catch {
			found = nothing;
		}
		compiled.set(selector, found);
	}
	return found;
}

export function selectorMatches(selector: LabelSelector | null | undefined, labels: Record<string, string> | undefined): boolean {
	return compileSelector(selector)(labels);
}

/** Selects every object: no labels and no expressions. */
export function selectsEverything(selector: LabelSelector | null | undefined): boolean {
	return compileSelector(selector).empty;
}
