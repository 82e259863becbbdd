/** Labels, annotations and structured label selectors, checked as metav1 validation checks them. */
import {selectorFromLabelSelector, type LabelSelector} from '../selectors/labels.js';
import {forbidden, invalid, invalidEach, invalidLabels, required, tooLong, type Causes} from './causes.js';
import {list, record, string} from './read.js';
import {isQualifiedName, isValidLabelValue} from './names.js';

/** Keys and values of a label map; every problem is reported on the map's own field ('metadata.labels'). */
export function validateLabels(causes: Causes, labels: unknown, field: string): void {
	if (labels === undefined || labels === null) return;
	const map = record(labels);
	if (!map) {
		causes.push(invalid(field, labels, 'must be a map of strings'));
		return;
	}
	for (const key in map) {
		invalidEach(causes, field, key, isQualifiedName(key));
		const value = map[key];
		if (typeof value !== 'string') causes.push(invalid(field, value, 'label values must be strings'));
		else invalidEach(causes, field, value, isValidLabelValue(value));
	}
}

/** Annotation keys are qualified names in any case; values are free, but all together at most `maxBytes`. */
export function validateAnnotations(causes: Causes, annotations: unknown, field: string, maxBytes: number): void {
	if (annotations === undefined || annotations === null) return;
	const map = record(annotations);
	if (!map) {
		causes.push(invalid(field, annotations, 'must be a map of strings'));
		return;
	}
	let bytes = 0;
	for (const key in map) {
		invalidEach(causes, field, key, isQualifiedName(key.toLowerCase()));
		const value = map[key];
		if (typeof value !== 'string') causes.push(invalid(field, value, 'annotation values must be strings'));
		bytes += key.length + string(value).length;
	}
	if (bytes > maxBytes) causes.push(tooLong(field, maxBytes));
}

/** A structured selector's labels and expressions ('spec.selector.matchExpressions[0].values'). */
export function validateLabelSelector(causes: Causes, selector: unknown, field: string): void {
	if (selector === undefined || selector === null) return;
	const map = record(selector);
	if (!map) {
		causes.push(invalid(field, selector, 'must be a label selector'));
		return;
	}
	validateLabels(causes, map.matchLabels, `${field}.matchLabels`);
	list(map.matchExpressions).forEach((item, index) => {
		const path = `${field}.matchExpressions[${index}]`;
		const expression = record(item) ?? {};
		const operator = expression.operator;
		const values = list(expression.values);
		if (operator === 'In' || operator === 'NotIn') {
			if (values.length === 0) causes.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
		} else if (operator === 'Exists' || operator === 'DoesNotExist') {
			if (values.length > 0) causes.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
		} else causes.push(invalid(`${path}.operator`, operator ?? '', 'not a valid selector operator'));
		invalidEach(causes, `${path}.key`, string(expression.key), isQualifiedName(string(expression.key)));
		values.forEach((value, valueIndex) => invalidEach(causes, `${path}.values[${valueIndex}]`, value, isValidLabelValue(string(value))));
	});
}

/** True when the structured selector has neither labels nor expressions. */
export function isEmptySelector(selector: unknown): boolean {
	const map = record(selector);
	if (!map) return true;
	return Object.keys(record(map.matchLabels) ?? {}).length === 0 && list(map.matchExpressions).length === 0;
}

/**
 * A workload's selector must select its own template, or its controller would create pods it never sees:
 * reported on the template's labels, as Kubernetes does.
 */
export function validateSelectorMatchesTemplate(causes: Causes, selector: unknown, templateLabels: unknown, field: string): void {
	let matches: boolean;
	try {
		matches = selectorFromLabelSelector(selector as LabelSelector)(record(templateLabels) as Record<string, string> | undefined);
	} catch {
		// An invalid selector has its own causes already.
		return;
	}
	if (!matches) causes.push(invalidLabels(field, templateLabels, '`selector` does not match template `labels`'));
}
