import type {LabelSelector} from 'kubernetes-types/meta/v1.js';
import type {Container} from 'kubernetes-types/core/v1.js';

/** Label maps and selectors as Kubernetes prints them. */

/** 'a=b,c=d' sorted by key, or '<none>'. */
export function formatLabels(labels: Record<string, string> | undefined): string {
	const entries = Object.entries(labels ?? {}).sort(([a], [b]) => compare(a, b));
	return entries.length === 0 ? '<none>' : entries.map(([key, value]) => `${key}=${value}`).join(',');
}

/**
 * A LabelSelector as a selector string: requirements sorted by key, set values sorted ('app=web,tier in (a,b)').
 * '' selects everything (or nothing, for no selector at all), as Kubernetes' String() of either.
 */
export function labelSelectorString(selector: LabelSelector | undefined | null): string {
	if (!selector) return '';
	const requirements: Array<{key: string; text: string}> = [];
	for (const [key, value] of Object.entries(selector.matchLabels ?? {})) requirements.push({key, text: `${key}=${value}`});
	for (const expression of selector.matchExpressions ?? []) {
		const values = [...new Set(expression.values ?? [])].sort(compare).join(',');
		const text =
			expression.operator === 'In'
				? `${expression.key} in (${values})`
				: expression.operator === 'NotIn'
					? `${expression.key} notin (${values})`
					: expression.operator === 'Exists'
						? expression.key
						: expression.operator === 'DoesNotExist'
							? `!${expression.key}`
							: `${expression.key} ${expression.operator} (${values})`;
		requirements.push({key: expression.key, text});
	}
	return requirements
		.sort((a, b) => compare(a.key, b.key))
		.map(requirement => requirement.text)
		.join(',');
}

/** As labelSelectorString, '<none>' for an empty one (Kubernetes' FormatLabelSelector). */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
	return labelSelectorString(selector) || '<none>';
}

/** Container names and images joined by commas, for the wide Containers and Images columns. */
export function containerCells(containers: readonly Container[] | undefined): [string, string] {
	const list = containers ?? [];
	return [list.map(container => container.name).join(','), list.map(container => container.image ?? '').join(',')];
}

/** Up to three items, then ' + N more...', as Kubernetes shortens endpoint lists; '' for none. */
export function listWithMore(items: readonly string[], total: number, max = 3): string {
	const shown = items.slice(0, max).join(',');
	return total > max ? `${shown} + ${total - max} more...` : shown;
}

/** Byte-wise order, as Go sorts strings. */
export function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** An IntOrString as Kubernetes prints it. */
export function intOrString(value: number | string | undefined | null): string {
	return value === undefined || value === null ? '' : String(value);
}
