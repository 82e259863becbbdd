/**
 * Field selectors ('status.phase=Running,spec.nodeName!=node-1'): only '=', '==' and '!=' joined by commas, on the
 * fields each resource declares selectable, exactly as the API server's field label conversions allow them.
 */
import type {KubeObject} from '../object.js';
import {SelectorError} from './error.js';

export type FieldRequirement = {readonly field: string; readonly operator: '=' | '==' | '!='; readonly value: string};

/** A compiled field selector: call it with an object of its resource. */
export type FieldSelector = {
	(object: KubeObject): boolean;
	readonly requirements: readonly FieldRequirement[];
	/** True when it selects everything. */
	readonly empty: boolean;
	/** Fields pinned to one value ({'spec.nodeName': 'node-1'}): what an index could serve directly. */
	readonly exact: Readonly<Record<string, string>>;
};

type Getter = (object: KubeObject) => string;
type Fields = Record<string, Getter>;

type Loose = Record<string, unknown> | undefined;

function part(object: unknown, key: string): Loose {
	const value = (object as Loose)?.[key];
	return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/** A scalar as Go's field sets spell it: strings as they are, numbers and booleans printed, absent as ''. */
function text(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return '';
}

const spec = (object: KubeObject) => part(object, 'spec');
const status = (object: KubeObject) => part(object, 'status');

const metadataFields: Fields = {
	'metadata.name': object => object.metadata?.name ?? '',
	'metadata.namespace': object => object.metadata?.namespace ?? '',
};

function podIP(object: KubeObject): string {
	const podIPs = status(object)?.podIPs;
	if (Array.isArray(podIPs) && podIPs.length > 0) return text(part(podIPs, '0')?.ip);
	return text(status(object)?.podIP);
}

/** Resources with their own field label conversion: an unknown field is 'field label not supported'. */
const resourceFields: Record<string, Fields> = {
	pods: {
		...metadataFields,
		'spec.nodeName': object => text(spec(object)?.nodeName),
		'spec.restartPolicy': object => text(spec(object)?.restartPolicy),
		'spec.schedulerName': object => text(spec(object)?.schedulerName),
		'spec.serviceAccountName': object => text(spec(object)?.serviceAccountName),
		'spec.hostNetwork': object => String(spec(object)?.hostNetwork === true),
		'status.phase': object => text(status(object)?.phase),
		'status.podIP': podIP,
		'status.nominatedNodeName': object => text(status(object)?.nominatedNodeName),
	},
	events: {
		...metadataFields,
		'involvedObject.kind': object => text(part(object, 'involvedObject')?.kind),
		'involvedObject.namespace': object => text(part(object, 'involvedObject')?.namespace),
		'involvedObject.name': object => text(part(object, 'involvedObject')?.name),
		'involvedObject.uid': object => text(part(object, 'involvedObject')?.uid),
		'involvedObject.apiVersion': object => text(part(object, 'involvedObject')?.apiVersion),
		'involvedObject.resourceVersion': object => text(part(object, 'involvedObject')?.resourceVersion),
		'involvedObject.fieldPath': object => text(part(object, 'involvedObject')?.fieldPath),
		reason: object => text(object.reason),
		reportingComponent: object => text(object.reportingComponent),
		// The component that reported it, or the newer reportingController when there is none.
		source: object => text(part(object, 'source')?.component) || text(object.reportingComponent),
		type: object => text(object.type),
	},
	nodes: {
		...metadataFields,
		'spec.unschedulable': object => String(spec(object)?.unschedulable === true),
	},
	secrets: {...metadataFields, type: object => text(object.type)},
	namespaces: {...metadataFields, 'status.phase': object => text(status(object)?.phase)},
	jobs: {...metadataFields, 'status.successful': object => String(Number(status(object)?.succeeded ?? 0))},
	replicasets: {...metadataFields, 'status.replicas': object => String(Number(status(object)?.replicas ?? 0))},
	services: {
		...metadataFields,
		'spec.clusterIP': object => text(spec(object)?.clusterIP),
		'spec.type': object => text(spec(object)?.type),
	},
};

/** Old names the API server still accepts and maps to the current field. */
const aliases: Record<string, Record<string, string>> = {
	pods: {'spec.host': 'spec.nodeName'},
};

function fieldsOf(resource: string): Fields {
	return resourceFields[resource] ?? metadataFields;
}

function unsupported(resource: string, field: string): SelectorError {
	if (resourceFields[resource]) return new SelectorError(`field label not supported: ${field}`);
	return new SelectorError(`"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
}

/** The fields a resource can be selected on, for help texts and completion. */
export function selectableFields(resource: string): string[] {
	return Object.keys(fieldsOf(resource));
}

/** An object's value for a selectable field, as the selector compares it; undefined for a field the resource lacks. */
export function fieldValue(resource: string, field: string, object: KubeObject): string | undefined {
	const getter = fieldsOf(resource)[aliases[resource]?.[field] ?? field];
	return getter ? getter(object) : undefined;
}

/** Splits on commas that are not escaped with a backslash. */
function splitTerms(selector: string): string[] {
	const terms: string[] = [];
	let start = 0;
	let escaped = false;
	for (let index = 0; index < selector.length; index++) {
		const char = selector[index];
		if (escaped) escaped = false;
		else if (char === '\\') escaped = true;
		else if (char === ',') {
			terms.push(selector.slice(start, index));
			start = index + 1;
		}
	}
	terms.push(selector.slice(start));
	return terms;
}

const operators = ['!=', '==', '='] as const;

function splitTerm(term: string): [string, FieldRequirement['operator'], string] | undefined {
	for (let index = 0; index < term.length; index++)
		for (const operator of operators)
			if (term.startsWith(operator, index)) return [term.slice(0, index), operator, term.slice(index + operator.length)];
	return undefined;
}

/** Values may carry ',', '=' and '\' only escaped with a backslash. */
function unescapeValue(value: string): string {
	if (!/[\\,=]/.test(value)) return value;
	let result = '';
	let escaped = false;
	for (const char of value) {
		if (escaped) {
			if (char !== '\\' && char !== ',' && char !== '=')
				throw new SelectorError(`invalid field selector: invalid escape sequence: \\${char}`);
			result += char;
			escaped = false;
		} else if (char === '\\') escaped = true;
		else if (char === ',' || char === '=') throw new SelectorError(`invalid field selector: unescaped character in value: ${char}`);
		else result += char;
	}
	if (escaped) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
	return result;
}

/** The requirements of a field selector text, checked against what the resource supports. */
export function parseFieldSelector(resource: string, selector: string): FieldRequirement[] {
	const fields = fieldsOf(resource);
	const requirements: FieldRequirement[] = [];
	for (const term of splitTerms(selector).sort()) {
		if (term.trim() === '') continue;
		const split = splitTerm(term);
		if (!split) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
		const [left, operator, right] = split;
		const value = unescapeValue(right.trim());
		const written = left.trim();
		const field = aliases[resource]?.[written] ?? written;
		if (!fields[field]) throw unsupported(resource, written);
		requirements.push({field, operator, value});
	}
	return requirements;
}

const everything: FieldSelector = Object.assign(() => true, {
	requirements: Object.freeze([]) as readonly FieldRequirement[],
	empty: true,
	exact: Object.freeze({}),
});

/**
 * Compiles a field selector for one resource ('pods'); an empty or missing text selects everything.
 * Throws SelectorError with Kubernetes' message for bad syntax or a field the resource cannot be selected on.
 */
export function compileFieldSelector(resource: string, selector: string | null | undefined): FieldSelector {
	if (!selector || selector.trim() === '') return everything;
	const requirements = parseFieldSelector(resource, selector);
	if (requirements.length === 0) return everything;
	const fields = fieldsOf(resource);
	const exact: Record<string, string> = {};
	const checks = requirements.map(({field, operator, value}): ((object: KubeObject) => boolean) => {
		const get = fields[field];
		if (operator === '!=') return object => get(object) !== value;
		if (!Object.hasOwn(exact, field)) exact[field] = value;
		return object => get(object) === value;
	});
	const match =
		checks.length === 1
			? checks[0]
			: (object: KubeObject) => {
					for (const check of checks) if (!check(object)) return false;
					return true;
				};
	return Object.assign(match, {requirements: Object.freeze(requirements), empty: false, exact: Object.freeze(exact)});
}
