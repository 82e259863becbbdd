/** Field causes worded as Kubernetes' field errors ('spec.replicas: Invalid value: -1: must be greater than or equal to 0'). */
import type {StatusCause} from '../status.js';
import {isInteger, record} from './read.js';

export type Causes = StatusCause[];

/** A value as Go's field errors print it: strings quoted, numbers plain, lists of strings as []string{...}, else JSON. */
export function goValue(value: unknown): string {
	if (value === undefined || value === null) return 'null';
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value) && value.every(item => typeof item === 'string'))
		return `[]string{${value.map(item => JSON.stringify(item)).join(', ')}}`;
	return JSON.stringify(value);
}

/** A label map as Go prints one: map[string]string{"app":"web", "tier":"db"}, keys sorted. */
export function goStringMap(value: unknown): string {
	const map = record(value) ?? {};
	const entries = Object.keys(map)
		.sort()
		.map(key => `${JSON.stringify(key)}:${JSON.stringify(map[key])}`);
	return `map[string]string{${entries.join(', ')}}`;
}

export function required(field: string, detail = ''): StatusCause {
	return {reason: 'FieldValueRequired', message: detail ? `Required value: ${detail}` : 'Required value', field};
}

export function invalid(field: string, value: unknown, detail: string): StatusCause {
	return {reason: 'FieldValueInvalid', message: `Invalid value: ${goValue(value)}: ${detail}`, field};
}

/** Invalid, for a value that is a map of labels. */
export function invalidLabels(field: string, labels: unknown, detail: string): StatusCause {
	return {reason: 'FieldValueInvalid', message: `Invalid value: ${goStringMap(labels)}: ${detail}`, field};
}

export function notSupported(field: string, value: unknown, allowed: readonly string[]): StatusCause {
	return {
		reason: 'FieldValueNotSupported',
		message: `Unsupported value: ${goValue(value)}: supported values: ${allowed.map(item => `"${item}"`).join(', ')}`,
		field,
	};
}

export function duplicate(field: string, value: unknown): StatusCause {
	return {reason: 'FieldValueDuplicate', message: `Duplicate value: ${goValue(value)}`, field};
}

export function forbidden(field: string, detail: string): StatusCause {
	return {reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field};
}

export function notFound(field: string, value: unknown): StatusCause {
	return {reason: 'FieldValueNotFound', message: `Not found: ${goValue(value)}`, field};
}

export function tooLong(field: string, bytes: number): StatusCause {
	return {reason: 'FieldValueTooLong', message: `Too long: may not be more than ${bytes} bytes`, field};
}

export function immutable(field: string, value: unknown): StatusCause {
	return invalid(field, value, 'field is immutable');
}

/** Every message of a string check as an Invalid cause on one field. */
export function invalidEach(causes: Causes, field: string, value: unknown, messages: string[]): void {
	for (const message of messages) causes.push(invalid(field, value, message));
}

/** An optional integer that must be >= 0 (replicas, revisionHistoryLimit, backoffLimit...). */
export function nonNegative(causes: Causes, value: unknown, field: string): void {
	if (value === undefined || value === null) return;
	if (!isInteger(value)) causes.push(invalid(field, value, 'must be an integer'));
	else if (value < 0) causes.push(invalid(field, value, 'must be greater than or equal to 0'));
}

/** An optional integer that must be > 0. */
export function positive(causes: Causes, value: unknown, field: string): void {
	if (value === undefined || value === null) return;
	if (!isInteger(value)) causes.push(invalid(field, value, 'must be an integer'));
	else if (value <= 0) causes.push(invalid(field, value, 'must be greater than 0'));
}

