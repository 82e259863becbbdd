export type LabelSelectorRequirement = {key: string; operator: string; values?: string[]};
export type LabelSelector = {matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirement[]};

/**
 * Whether labels satisfy a metav1.LabelSelector: an absent selector selects nothing, an empty one everything
 * (as LabelSelectorAsSelector).
 */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
	if (!selector) return false;
	const have = labels ?? {};
	for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (have[key] !== value) return false;
	for (const requirement of selector.matchExpressions ?? []) {
		const present = Object.hasOwn(have, requirement.key);
		const values = requirement.values ?? [];
		switch (requirement.operator) {
			case 'In':
				if (!present || !values.includes(have[requirement.key]!)) return false;
				break;
			case 'NotIn':
				if (present && values.includes(have[requirement.key]!)) return false;
				break;
			case 'Exists':
				if (!present) return false;
				break;
			case 'DoesNotExist':
				if (present) return false;
				break;
			default:
				return false;
		}
	}
	return true;
}

/** Selects every object: no labels and no expressions. */
export function selectsEverything(selector: LabelSelector | undefined | null): boolean {
	return Boolean(selector) && Object.keys(selector!.matchLabels ?? {}).length === 0 && (selector!.matchExpressions ?? []).length === 0;
}
