import type {LabelSelector} from 'kubernetes-types/meta/v1.js';

export type Requirement =
	| {key: string; operator: 'in' | 'notin'; values: string[]}
	| {key: string; operator: 'exists' | 'doesnotexist'};

/** A parse failure says what was wrong, like the API server's message for a bad selector. */
export class SelectorError extends Error {}

/**
 * Parses a label selector the way `kubectl -l` reads it: `app=web,tier!=db`, `env in (a,b)`, `env notin (c)`, `gpu`, `!gpu`.
 */
export function parseLabelSelector(text: string): Requirement[] {
	const requirements: Requirement[] = [];
	let rest = text.trim();
	while (rest.length > 0) {
		let match = /^!\s*([\w./-]+)\s*(?:,|$)/.exec(rest);
		if (match) {
			requirements.push({key: match[1], operator: 'doesnotexist'});
		} else if ((match = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)\s*(?:,|$)/.exec(rest))) {
			const values = match[3].split(',').map(value => value.trim()).filter(value => value.length > 0);
			requirements.push({key: match[1], operator: match[2] as 'in' | 'notin', values});
		} else if ((match = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)\s*(?:,|$)/.exec(rest))) {
			requirements.push({key: match[1], operator: match[2] === '!=' ? 'notin' : 'in', values: [match[3]]});
		} else if ((match = /^([\w./-]+)\s*(?:,|$)/.exec(rest))) {
			requirements.push({key: match[1], operator: 'exists'});
		} else {
			throw new SelectorError(`unable to parse requirement: ${JSON.stringify(rest)}`);
		}

		rest = rest.slice(match[0].length).trim();
	}

	return requirements;
}

/** The requirements of a LabelSelector object (deployment.spec.selector); matchLabels become equality. */
export function requirementsOf(selector: LabelSelector | Record<string, string> | undefined): Requirement[] {
	if (!selector) return [];
	if (!('matchLabels' in selector) && !('matchExpressions' in selector)) {
		return Object.entries(selector as Record<string, string>).map(([key, value]) => ({key, operator: 'in', values: [value]}));
	}

	const labelSelector = selector as LabelSelector;
	const requirements: Requirement[] = Object.entries(labelSelector.matchLabels ?? {}).map(([key, value]) => ({key, operator: 'in', values: [value]}));
	for (const expression of labelSelector.matchExpressions ?? []) {
		const operator = expression.operator.toLowerCase();
		if (operator === 'in' || operator === 'notin') requirements.push({key: expression.key, operator, values: expression.values ?? []});
		else if (operator === 'exists' || operator === 'doesnotexist') requirements.push({key: expression.key, operator});
	}

	return requirements;
}

export function matchesLabels(labels: Record<string, string> | undefined, requirements: readonly Requirement[]): boolean {
	for (const requirement of requirements) {
		const value = labels?.[requirement.key];
		switch (requirement.operator) {
			case 'in': {
				if (value === undefined || !requirement.values.includes(value)) return false;
				break;
			}

			case 'notin': {
				if (value !== undefined && requirement.values.includes(value)) return false;
				break;
			}

			case 'exists': {
				if (value === undefined) return false;
				break;
			}

			case 'doesnotexist': {
				if (value !== undefined) return false;
				break;
			}
		}
	}

	return true;
}

/** Back to text, for titles and for the API's labelSelector parameter. */
export function formatRequirements(requirements: readonly Requirement[]): string {
	return requirements.map(requirement => {
		switch (requirement.operator) {
			case 'in': {
				return requirement.values.length === 1 ? `${requirement.key}=${requirement.values[0]}` : `${requirement.key} in (${requirement.values.join(',')})`;
			}

			case 'notin': {
				return requirement.values.length === 1 ? `${requirement.key}!=${requirement.values[0]}` : `${requirement.key} notin (${requirement.values.join(',')})`;
			}

			case 'exists': {
				return requirement.key;
			}

			case 'doesnotexist': {
				return `!${requirement.key}`;
			}
		}
	}).join(',');
}
