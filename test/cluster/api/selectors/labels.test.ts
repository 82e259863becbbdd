import {describe, it, expect} from 'vitest';
import {
	compileLabelSelector,
	everything,
	formatLabelSelector,
	matches,
	nothing,
	parseLabelSelector,
	selectorFromLabelSelector,
	selectorFromSet,
} from '../../../../source/cluster/api/selectors/labels.js';
import {SelectorError} from '../../../../source/cluster/api/selectors/error.js';

const web = {app: 'web', tier: 'frontend', environment: 'production'};
const db = {app: 'db', tier: 'backend', environment: 'qa', partition: 'a'};
const bare = {};

describe('label selector text', () => {
	// The examples of the Kubernetes "Labels and Selectors" page, plus the corners of the grammar.
	it.each([
		['environment = production', [true, false, false]],
		['environment=production', [true, false, false]],
		['environment==production', [true, false, false]],
		['tier != frontend', [false, true, true]],
		['environment=production,tier!=frontend', [false, false, false]],
		['environment in (production, qa)', [true, true, false]],
		['tier notin (frontend, backend)', [false, false, true]],
		['partition', [false, true, false]],
		['!partition', [true, false, true]],
		['app,!partition', [true, false, false]],
		['  app = web ,  tier in (frontend)  ', [true, false, false]],
		['', [true, true, true]],
		['   ', [true, true, true]],
	])('%j selects the right objects', (text, expected) => {
		const selector = compileLabelSelector(text);
		expect([web, db, bare].map(labels => selector(labels))).toEqual(expected);
	});

	it('treats an empty value as a value', () => {
		const selector = compileLabelSelector('a=');
		expect(selector({a: ''})).toBe(true);
		expect(selector({a: 'x'})).toBe(false);
		expect(selector({})).toBe(false);
		expect(compileLabelSelector('a in (,x)')({a: ''})).toBe(true);
		expect(compileLabelSelector('a in ()')({a: ''})).toBe(true);
	});

	it('accepts keys with a DNS subdomain prefix', () => {
		const selector = compileLabelSelector('app.kubernetes.io/name=web,kubernetes.io/service-name');
		expect(selector({'app.kubernetes.io/name': 'web', 'kubernetes.io/service-name': 'x'})).toBe(true);
		expect(selector({'app.kubernetes.io/name': 'web'})).toBe(false);
	});

	it('reads in and notin as values where a value is expected', () => {
		expect(compileLabelSelector('x in (in,notin)')({x: 'notin'})).toBe(true);
		expect(compileLabelSelector('x=in')({x: 'in'})).toBe(true);
	});

	it('compares gt and lt as integers', () => {
		expect(compileLabelSelector('x>1')({x: '2'})).toBe(true);
		expect(compileLabelSelector('x>1')({x: '1'})).toBe(false);
		expect(compileLabelSelector('x<10')({x: '9'})).toBe(true);
		expect(compileLabelSelector('x<10')({x: 'nine'})).toBe(false);
	});

	it('matches missing labels as no labels', () => {
		expect(compileLabelSelector('!x')(undefined)).toBe(true);
		expect(compileLabelSelector('x')(null)).toBe(false);
		expect(matches(compileLabelSelector('app=web'), web)).toBe(true);
	});

	it('does not see inherited properties as labels', () => {
		expect(compileLabelSelector('constructor')({})).toBe(false);
		expect(compileLabelSelector('!toString')({})).toBe(true);
		expect(compileLabelSelector('constructor notin (x)')({})).toBe(true);
	});

	it('keeps requirements sorted by key with sorted, deduplicated values', () => {
		expect(parseLabelSelector('z=1,a in (c,b,c),m')).toEqual([
			{key: 'a', operator: 'in', values: ['b', 'c']},
			{key: 'm', operator: 'exists', values: []},
			{key: 'z', operator: '=', values: ['1']},
		]);
	});

	it('writes the canonical text and the exact values an index can use', () => {
		const selector = compileLabelSelector('tier in (b, a),app=web,!canary,env!=qa');
		expect(selector.text).toBe('app=web,!canary,env!=qa,tier in (a,b)');
		expect(selector.exact).toEqual({app: 'web'});
		expect(compileLabelSelector('x in (one)').exact).toEqual({x: 'one'});
		expect(compileLabelSelector('').empty).toBe(true);
	});

	it.each([
		['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
		['x=a,', "found '', expected: identifier after ','"],
		[',x', "found ',', expected: !, identifier, or 'end of string'"],
		['x=a b', "found 'b', expected: ',' or 'end of string'"],
		['x in a', "unable to parse requirement: found 'a' expected: '('"],
		['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
		['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
		['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
		['x=(a)', "unable to parse requirement: found '(', expected: identifier"],
		['!!x', "unable to parse requirement: found '!', expected: identifier"],
		['!=x', "found '!=', expected: !, identifier, or 'end of string'"],
		['x==a==b', "found '==', expected: ',' or 'end of string'"],
		['x>a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
	])('%j is refused: %s', (text, message) => {
		expect(() => compileLabelSelector(text)).toThrow(new SelectorError(message));
	});

	it('refuses invalid keys and values with the validation message', () => {
		expect(() => compileLabelSelector('app=a$b')).toThrow(
			`unable to parse requirement: values[0][app]: Invalid value: "a$b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
		);
		expect(() => compileLabelSelector('-app=x')).toThrow(
			`unable to parse requirement: <nil>: Invalid value: "-app": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
		);
		expect(() => compileLabelSelector('Example.com/x')).toThrow(/prefix part a lowercase RFC 1123 subdomain/);
		expect(() => compileLabelSelector(`x=${'v'.repeat(64)}`)).toThrow(/must be no more than 63 characters/);
	});

	it('throws a SelectorError', () => {
		expect(() => compileLabelSelector('a b')).toThrow(SelectorError);
	});
});

describe('structured label selectors', () => {
	it('selects nothing when missing and everything when empty', () => {
		expect(selectorFromLabelSelector(undefined)).toBe(nothing);
		expect(selectorFromLabelSelector(null)(web)).toBe(false);
		expect(selectorFromLabelSelector({})).toBe(everything);
		expect(selectorFromLabelSelector({matchLabels: {}, matchExpressions: []})(bare)).toBe(true);
	});

	it('ANDs matchLabels and matchExpressions', () => {
		const selector = selectorFromLabelSelector({
			matchLabels: {app: 'web'},
			matchExpressions: [
				{key: 'tier', operator: 'In', values: ['frontend', 'cache']},
				{key: 'partition', operator: 'DoesNotExist'},
				{key: 'environment', operator: 'Exists'},
				{key: 'track', operator: 'NotIn', values: ['canary']},
			],
		});
		expect(selector(web)).toBe(true);
		expect(selector({...web, track: 'canary'})).toBe(false);
		expect(selector({...web, partition: 'x'})).toBe(false);
		expect(selector(db)).toBe(false);
	});

	it('refuses an unknown operator and bad values', () => {
		expect(() => selectorFromLabelSelector({matchExpressions: [{key: 'a', operator: 'Equals', values: ['x']}]})).toThrow(
			'"Equals" is not a valid label selector operator',
		);
		expect(() => selectorFromLabelSelector({matchExpressions: [{key: 'a', operator: 'In', values: []}]})).toThrow(
			"values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
		);
		expect(() => selectorFromLabelSelector({matchExpressions: [{key: 'a', operator: 'Exists', values: ['x']}]})).toThrow(
			/values set must be empty for exists and does not exist/,
		);
		expect(() => selectorFromLabelSelector({matchLabels: {'bad key': 'x'}})).toThrow(/^key: Invalid value: "bad key"/);
	});

	it('formats as kubectl prints the Selector column', () => {
		expect(formatLabelSelector({matchLabels: {app: 'web'}})).toBe('app=web');
		expect(
			formatLabelSelector({
				matchLabels: {tier: 'x', app: 'web'},
				matchExpressions: [
					{key: 'env', operator: 'In', values: ['qa', 'dev']},
					{key: 'canary', operator: 'DoesNotExist'},
					{key: 'zone', operator: 'NotIn', values: ['b']},
					{key: 'gpu', operator: 'Exists'},
				],
			}),
		).toBe('app=web,!canary,env in (dev,qa),gpu,tier=x,zone notin (b)');
		expect(formatLabelSelector({})).toBe('<none>');
		expect(formatLabelSelector(undefined)).toBe('<none>');
		expect(formatLabelSelector({matchExpressions: [{key: 'a', operator: 'Bad'}]})).toBe('<error>');
	});

	it('keeps a service map selector as a set of equalities', () => {
		const selector = selectorFromSet({app: 'web', tier: 'frontend'});
		expect(selector(web)).toBe(true);
		expect(selector({app: 'web'})).toBe(false);
		expect(selector.text).toBe('app=web,tier=frontend');
		expect(selectorFromSet({})).toBe(everything);
		expect(selectorFromSet(undefined)(bare)).toBe(true);
	});
});
