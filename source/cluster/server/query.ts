/** Query parameters as the API server reads them, with its error messages for values it cannot use. */
import type {DeleteOptions, ListOptions, WriteOptions} from '../api/object-api.js';
import {errors} from '../api/status.js';

/** The spellings Go's strconv.ParseBool takes (Python clients send 'True'). */
const trueValues = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const falseValues = new Set(['', '0', 'f', 'F', 'false', 'FALSE', 'False']);

export function booleanParameter(query: URLSearchParams, name: string): boolean {
	const value = query.get(name);
	if (value === null || falseValues.has(value)) return false;
	if (trueValues.has(value)) return true;
	throw errors.badRequest(`invalid value for ${name}: "${value}" is not a boolean`);
}

export function integerParameter(query: URLSearchParams, name: string, minimum = 0): number | undefined {
	const value = query.get(name);
	if (value === null || value === '') return undefined;
	if (!/^-?\d{1,15}$/.test(value)) throw errors.badRequest(`invalid value for ${name}: "${value}" is not an integer`);
	const number = Number(value);
	if (number < minimum) throw errors.badRequest(`invalid value for ${name}: must be ${minimum} or more`);
	return number;
}

export function listOptions(query: URLSearchParams): ListOptions {
	const options: ListOptions = {};
	const labelSelector = query.get('labelSelector');
	const fieldSelector = query.get('fieldSelector');
	const cont = query.get('continue');
	const resourceVersion = query.get('resourceVersion');
	if (labelSelector) options.labelSelector = labelSelector;
	if (fieldSelector) options.fieldSelector = fieldSelector;
	const limit = integerParameter(query, 'limit');
	if (limit) options.limit = limit;
	if (cont) options.continue = cont;
	if (resourceVersion !== null) options.resourceVersion = resourceVersion;
	return options;
}

const fieldValidations = new Set(['', 'Ignore', 'Warn', 'Strict']);

export function writeOptions(query: URLSearchParams): WriteOptions {
	const options: WriteOptions = {};
	const dryRun = query.getAll('dryRun');
	for (const value of dryRun) {
		if (value !== 'All') throw errors.badRequest(`Invalid dry run value: "${value}": supported values: "All"`);
		options.dryRun = true;
	}
	const fieldManager = query.get('fieldManager');
	if (fieldManager !== null) {
		if (fieldManager.length > 128) throw errors.badRequest('fieldManager: Too long: may not be longer than 128');
		options.fieldManager = fieldManager;
	}
	const fieldValidation = query.get('fieldValidation');
	if (fieldValidation !== null && !fieldValidations.has(fieldValidation))
		throw errors.badRequest(`fieldValidation must be one of "Ignore", "Warn" or "Strict", not "${fieldValidation}"`);
	return options;
}

const propagationPolicies = new Set(['Orphan', 'Background', 'Foreground']);

/** DeleteOptions from a request body (may be empty) merged with the query, which Kubernetes also accepts. */
export function deleteOptions(query: URLSearchParams, body: Record<string, unknown> | undefined): DeleteOptions {
	const options: DeleteOptions = writeOptions(query);
	const source = body ?? {};
	const bodyDryRun = source['dryRun'];
	if (Array.isArray(bodyDryRun) && bodyDryRun.includes('All')) options.dryRun = true;

	const policy = query.get('propagationPolicy') ?? (source['propagationPolicy'] as unknown);
	if (policy !== null && policy !== undefined && policy !== '') {
		if (typeof policy !== 'string' || !propagationPolicies.has(policy))
			throw errors.badRequest(`propagationPolicy must be one of Orphan, Background or Foreground, not ${JSON.stringify(policy)}`);
		options.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
	} else {
		const orphan = query.get('orphanDependents') ?? source['orphanDependents'];
		if (orphan === true || orphan === 'true') options.propagationPolicy = 'Orphan';
		else if (orphan === false || orphan === 'false') options.propagationPolicy = 'Background';
	}

	const grace = integerParameter(query, 'gracePeriodSeconds') ?? source['gracePeriodSeconds'];
	if (grace !== undefined && grace !== null) {
		if (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0)
			throw errors.badRequest(`gracePeriodSeconds must be a non-negative integer, not ${JSON.stringify(grace)}`);
		options.gracePeriodSeconds = grace;
	}

	const preconditions = source['preconditions'];
	if (preconditions !== undefined && preconditions !== null) {
		if (typeof preconditions !== 'object' || Array.isArray(preconditions)) throw errors.badRequest('preconditions must be an object');
		const {uid, resourceVersion} = preconditions as Record<string, unknown>;
		if ((uid !== undefined && typeof uid !== 'string') || (resourceVersion !== undefined && typeof resourceVersion !== 'string'))
			throw errors.badRequest('preconditions.uid and preconditions.resourceVersion must be strings');
		options.preconditions = {};
		if (uid) options.preconditions.uid = uid;
		if (resourceVersion) options.preconditions.resourceVersion = resourceVersion;
	}
	return options;
}
