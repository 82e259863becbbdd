/**
 * Label selectors: the apimachinery text grammar ('app=web,tier in (a,b),!canary'), the structured form objects carry
 * ({matchLabels, matchExpressions}), matching, and the string kubectl prints. Compile once, then match many times.
 */
import {isQualifiedName, isValidLabelValue} from '../validation/names.js';
import {SelectorError} from './error.js';

/** As apimachinery's selection package spells them; 'exists' is a bare key, '!' a key that must be absent. */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export type Requirement = {readonly key: string; readonly operator: Operator; readonly values: readonly string[]};

export type Labels = Readonly<Record<string, string>> | null | undefined;

/** The structured selector of deployments, jobs, PDBs... (metav1.LabelSelector). */
export type LabelSelector = {
	matchLabels?: Record<string, string> | null;
	matchExpressions?: Array<{key: string; operator: string; values?: string[] | null}> | null;
};

/** A compiled selector: call it with an object's labels. */
export type Selector = {
	(labels?: Labels): boolean;
	/** Sorted by key, as Kubernetes keeps them. */
	readonly requirements: readonly Requirement[];
	/** True when it selects everything (no requirements). */
	readonly empty: boolean;
	/** Labels the selector pins to one value ({app: 'web'} for 'app=web,tier!=db'): for indexes. */
	readonly exact: Readonly<Record<string, string>>;
	/** The canonical text ('app=web,tier in (a,b)'); '' for everything and for nothing. */
	readonly text: string;
};

const binaryOperators = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

// ---- lexer -------------------------------------------------------------------------------------------------------

const enum Token {
	Error,
	End,
	ClosedPar,
	Comma,
	DoesNotExist,
	DoubleEquals,
	Equals,
	GreaterThan,
	Identifier,
	In,
	LessThan,
	NotEquals,
	NotIn,
	OpenPar,
}

const literalTokens = new Map<string, Token>([
	[')', Token.ClosedPar],
	[',', Token.Comma],
	['!', Token.DoesNotExist],
	['==', Token.DoubleEquals],
	['=', Token.Equals],
	['>', Token.GreaterThan],
	['in', Token.In],
	['<', Token.LessThan],
	['!=', Token.NotEquals],
	['notin', Token.NotIn],
	['(', Token.OpenPar],
]);

type Scanned = {token: Token; literal: string};

function isWhitespace(char: string): boolean {
	return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

function isSpecial(char: string): boolean {
	return char === '=' || char === '!' || char === '(' || char === ')' || char === ',' || char === '>' || char === '<';
}

function scan(text: string): Scanned[] {
	const items: Scanned[] = [];
	let position = 0;
	for (;;) {
		while (position < text.length && isWhitespace(text[position])) position++;
		if (position >= text.length) {
			items.push({token: Token.End, literal: ''});
			return items;
		}
		if (isSpecial(text[position])) {
			// The longest run of symbols that still forms an operator: '!=' and '==' before '!' and '='.
			let buffer = '';
			let last: Scanned | undefined;
			while (position < text.length && isSpecial(text[position])) {
				buffer += text[position];
				const token = literalTokens.get(buffer);
				if (token !== undefined) last = {token, literal: buffer};
				else if (last) break;
				position++;
			}
			items.push(last ?? {token: Token.Error, literal: `error expected: keyword found '${buffer}'`});
			continue;
		}
		const start = position;
		while (position < text.length && !isSpecial(text[position]) && !isWhitespace(text[position])) position++;
		const literal = text.slice(start, position);
		const token = literalTokens.get(literal);
		items.push({token: token ?? Token.Identifier, literal});
	}
}

// ---- parser ------------------------------------------------------------------------------------------------------

/** Where 'in' and 'notin' are plain words: in values and keys, as opposed to operator position. */
const enum Context {
	KeyAndOperator,
	Values,
}

class Parser {
	private position = 0;

	constructor(private readonly items: Scanned[]) {}

	lookahead(context: Context): Scanned {
		return this.asContext(this.items[this.position], context);
	}

	consume(context: Context): Scanned {
		return this.asContext(this.items[this.position++], context);
	}

	private asContext(item: Scanned, context: Context): Scanned {
		if (context === Context.Values && (item.token === Token.In || item.token === Token.NotIn))
			return {token: Token.Identifier, literal: item.literal};
		return item;
	}

	parse(): Requirement[] {
		const requirements: Requirement[] = [];
		for (;;) {
			const {token, literal} = this.lookahead(Context.Values);
			switch (token) {
				case Token.Identifier:
				case Token.DoesNotExist: {
					let requirement: Requirement;
					try {
						requirement = this.parseRequirement();
					} catch (error) {
						throw new SelectorError(`unable to parse requirement: ${(error as Error).message}`);
					}
					requirements.push(requirement);
					const next = this.consume(Context.Values);
					if (next.token === Token.End) return requirements;
					if (next.token === Token.Comma) {
						const after = this.lookahead(Context.Values);
						if (after.token !== Token.Identifier && after.token !== Token.DoesNotExist)
							throw new SelectorError(`found '${after.literal}', expected: identifier after ','`);
						break;
					}
					throw new SelectorError(`found '${next.literal}', expected: ',' or 'end of string'`);
				}
				case Token.End:
					return requirements;
				default:
					throw new SelectorError(`found '${literal}', expected: !, identifier, or 'end of string'`);
			}
		}
	}

	private parseRequirement(): Requirement {
		const {key, operator: inferred} = this.parseKeyAndInferOperator();
		if (inferred) return newRequirement(key, inferred, []);
		const operator = this.parseOperator();
		const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
		return newRequirement(key, operator, [...values].sort());
	}

	private parseKeyAndInferOperator(): {key: string; operator?: Operator} {
		let operator: Operator | undefined;
		let item = this.consume(Context.Values);
		if (item.token === Token.DoesNotExist) {
			operator = '!';
			item = this.consume(Context.Values);
		}
		if (item.token !== Token.Identifier) throw new Error(`found '${item.literal}', expected: identifier`);
		const problems = isQualifiedName(item.literal);
		// Kubernetes reports this check with no field path, hence '<nil>'.
		if (problems.length > 0) throw new Error(`<nil>: Invalid value: ${JSON.stringify(item.literal)}: ${problems.join('; ')}`);
		const next = this.lookahead(Context.Values).token;
		if ((next === Token.End || next === Token.Comma) && operator !== '!') operator = 'exists';
		return {key: item.literal, operator};
	}

	private parseOperator(): Operator {
		const {token, literal} = this.consume(Context.KeyAndOperator);
		switch (token) {
			case Token.In:
				return 'in';
			case Token.Equals:
				return '=';
			case Token.DoubleEquals:
				return '==';
			case Token.GreaterThan:
				return 'gt';
			case Token.LessThan:
				return 'lt';
			case Token.NotIn:
				return 'notin';
			case Token.NotEquals:
				return '!=';
			default:
				throw new Error(`found '${literal}', expected: ${binaryOperators.join(', ')}`);
		}
	}

	private parseValues(): Set<string> {
		const open = this.consume(Context.Values);
		if (open.token !== Token.OpenPar) throw new Error(`found '${open.literal}' expected: '('`);
		const {token, literal} = this.lookahead(Context.Values);
		switch (token) {
			case Token.Identifier:
			case Token.Comma: {
				const values = this.parseIdentifiers();
				if (this.consume(Context.Values).token !== Token.ClosedPar) throw new Error(`found '${literal}', expected: ')'`);
				return values;
			}
			case Token.ClosedPar:
				this.consume(Context.Values);
				return new Set(['']);
			default:
				throw new Error(`found '${literal}', expected: ',', ')' or identifier`);
		}
	}

	/** A comma-separated list where empty entries are the empty value: '(a,,b)', '(,a)', '(a,)'. */
	private parseIdentifiers(): Set<string> {
		const values = new Set<string>();
		for (;;) {
			const {token, literal} = this.consume(Context.Values);
			if (token === Token.Identifier) {
				values.add(literal);
				const next = this.lookahead(Context.Values);
				if (next.token === Token.Comma) continue;
				if (next.token === Token.ClosedPar) return values;
				throw new Error(`found '${next.literal}', expected: ',' or ')'`);
			}
			if (token === Token.Comma) {
				if (values.size === 0) values.add('');
				const next = this.lookahead(Context.Values).token;
				if (next === Token.ClosedPar) {
					values.add('');
					return values;
				}
				if (next === Token.Comma) {
					this.consume(Context.Values);
					values.add('');
				}
				continue;
			}
			throw new Error(`found '${literal}', expected: ',', or identifier`);
		}
	}

	private parseExactValue(): string[] {
		const next = this.lookahead(Context.Values).token;
		if (next === Token.End || next === Token.Comma) return [''];
		const {token, literal} = this.consume(Context.Values);
		if (token === Token.Identifier) return [literal];
		throw new Error(`found '${literal}', expected: identifier`);
	}
}

const integer = /^[+-]?\d+$/;

/** A list of strings as Go prints one in an error: []string{"a", "b"}. */
function goStrings(values: readonly string[]): string {
	return `[]string{${values.map(value => JSON.stringify(value)).join(', ')}}`;
}

/** Checks a requirement as Kubernetes' NewRequirement does; throws an Error whose message is its aggregate. */
function newRequirement(key: string, operator: Operator, values: string[]): Requirement {
	const problems: string[] = [];
	const keyProblems = isQualifiedName(key);
	if (keyProblems.length > 0) problems.push(`key: Invalid value: ${JSON.stringify(key)}: ${keyProblems.join('; ')}`);
	switch (operator) {
		case 'in':
		case 'notin':
			if (values.length === 0) problems.push(`values: Invalid value: ${goStrings(values)}: for 'in', 'notin' operators, values set can't be empty`);
			break;
		case '=':
		case '==':
		case '!=':
			if (values.length !== 1) problems.push(`values: Invalid value: ${goStrings(values)}: exact-match compatibility requires one single value`);
			break;
		case 'exists':
		case '!':
			if (values.length !== 0) problems.push(`values: Invalid value: ${goStrings(values)}: values set must be empty for exists and does not exist`);
			break;
		case 'gt':
		case 'lt':
			if (values.length !== 1) problems.push(`values: Invalid value: ${goStrings(values)}: for 'Gt', 'Lt' operators, exactly one value is required`);
			values.forEach((value, index) => {
				if (!integer.test(value))
					problems.push(`values[${index}]: Invalid value: ${JSON.stringify(value)}: for 'Gt', 'Lt' operators, the value must be an integer`);
			});
			break;
		default:
			problems.push(`operator: Unsupported value: ${JSON.stringify(operator)}`);
	}
	values.forEach((value, index) => {
		const valueProblems = isValidLabelValue(value);
		if (valueProblems.length > 0)
			problems.push(`values[${index}][${key}]: Invalid value: ${JSON.stringify(value)}: ${valueProblems.join('; ')}`);
	});
	if (problems.length === 1) throw new Error(problems[0]);
	if (problems.length > 1) throw new Error(`[${problems.join(', ')}]`);
	return {key, operator, values};
}

// ---- compiling ---------------------------------------------------------------------------------------------------

type Predicate = (labels: Readonly<Record<string, string>>) => boolean;

const hasOwn = Object.hasOwn;

function predicate({key, operator, values}: Requirement): Predicate {
	switch (operator) {
		case '=':
		case '==':
		case 'in': {
			if (values.length === 1) {
				const value = values[0];
				// Values are strings, so an inherited property (a key named 'constructor') never equals one.
				return labels => labels[key] === value && hasOwn(labels, key);
			}
			return labels => hasOwn(labels, key) && values.includes(labels[key]);
		}
		case '!=':
		case 'notin': {
			if (values.length === 1) {
				const value = values[0];
				return labels => labels[key] !== value || !hasOwn(labels, key);
			}
			return labels => !hasOwn(labels, key) || !values.includes(labels[key]);
		}
		case 'exists':
			return labels => hasOwn(labels, key);
		case '!':
			return labels => !hasOwn(labels, key);
		case 'gt':
		case 'lt': {
			const bound = Number(values[0]);
			const greater = operator === 'gt';
			return labels => {
				if (!hasOwn(labels, key) || !integer.test(labels[key])) return false;
				const value = Number(labels[key]);
				return greater ? value > bound : value < bound;
			};
		}
	}
}

const noLabels: Readonly<Record<string, string>> = Object.freeze({});

function requirementText({key, operator, values}: Requirement): string {
	switch (operator) {
		case 'exists':
			return key;
		case '!':
			return `!${key}`;
		case 'in':
		case 'notin':
			// Sorted on output only, as Kubernetes does, so structured selectors keep their order for matching.
			return `${key} ${operator} (${[...values].sort().join(',')})`;
		case 'gt':
			return `${key}>${values[0]}`;
		case 'lt':
			return `${key}<${values[0]}`;
		default:
			return `${key}${operator}${values[0]}`;
	}
}

function build(requirements: Requirement[]): Selector {
	requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	const exact: Record<string, string> = {};
	for (const {key, operator, values} of requirements)
		if ((operator === '=' || operator === '==' || operator === 'in') && values.length === 1 && !hasOwn(exact, key)) exact[key] = values[0];
	const checks = requirements.map(predicate);
	let match: (labels?: Labels) => boolean;
	if (checks.length === 0) match = () => true;
	else if (checks.length === 1) {
		const [only] = checks;
		match = labels => only(labels ?? noLabels);
	} else
		match = labels => {
			const subject = labels ?? noLabels;
			for (const check of checks) if (!check(subject)) return false;
			return true;
		};
	return Object.assign(match, {
		requirements: Object.freeze(requirements),
		empty: requirements.length === 0,
		exact: Object.freeze(exact),
		text: requirements.map(requirementText).join(','),
	});
}

/** Selects every object. */
export const everything: Selector = build([]);

/** Selects no object: what a missing (null) structured selector means. */
export const nothing: Selector = Object.assign(() => false, {
	requirements: Object.freeze([]) as readonly Requirement[],
	empty: false,
	exact: Object.freeze({}),
	text: '',
});

/** The requirements of a selector text, sorted by key; throws SelectorError with Kubernetes' message. */
export function parseLabelSelector(text: string): Requirement[] {
	const requirements = new Parser(scan(text)).parse();
	return requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Compiles a selector text ('app=web,tier in (a,b)'); an empty or missing text selects everything. */
export function compileLabelSelector(text: string | null | undefined): Selector {
	if (!text || text.trim() === '') return everything;
	return build(parseLabelSelector(text));
}

/** Converts a structured selector as Kubernetes' LabelSelectorAsSelector does: null selects nothing, {} everything. */
export function selectorFromLabelSelector(selector: LabelSelector | null | undefined): Selector {
	if (selector === null || selector === undefined) return nothing;
	const matchLabels = selector.matchLabels ?? {};
	const expressions = selector.matchExpressions ?? [];
	const requirements: Requirement[] = [];
	try {
		for (const key of Object.keys(matchLabels)) requirements.push(newRequirement(key, '=', [String(matchLabels[key])]));
		for (const expression of expressions) {
			const operator = structuredOperators[expression.operator];
			if (!operator) throw new Error(`${JSON.stringify(expression.operator)} is not a valid label selector operator`);
			requirements.push(newRequirement(expression.key, operator, [...(expression.values ?? [])]));
		}
	} catch (error) {
		throw new SelectorError((error as Error).message);
	}
	return requirements.length === 0 ? everything : build(requirements);
}

const structuredOperators: Record<string, Operator | undefined> = {
	In: 'in',
	NotIn: 'notin',
	Exists: 'exists',
	DoesNotExist: '!',
};

/** A map of labels that must all be present with these values (Service and ReplicationController selectors). */
export function selectorFromSet(set: Readonly<Record<string, string>> | null | undefined): Selector {
	if (!set) return everything;
	const keys = Object.keys(set);
	if (keys.length === 0) return everything;
	return build(keys.map(key => ({key, operator: '=' as const, values: [set[key]]})));
}

/** True when the labels satisfy the selector; missing labels are no labels. */
export function matches(selector: Selector, labels?: Labels): boolean {
	return selector(labels);
}

/** The text kubectl shows for a structured selector ('app=web,tier in (a,b)'), or '<none>' when it is empty or missing. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
	let text: string;
	try {
		text = selectorFromLabelSelector(selector).text;
	} catch {
		return '<error>';
	}
	return text === '' ? '<none>' : text;
}
