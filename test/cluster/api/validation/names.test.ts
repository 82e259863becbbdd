import {describe, it, expect} from 'vitest';
import {
	isConfigMapKey,
	isDns1035Label,
	isDns1123Label,
	isDns1123Subdomain,
	isIP,
	isQualifiedName,
	isValidLabelValue,
	isValidPortName,
	isValidPortNumber,
} from '../../../../source/cluster/api/validation/names.js';

// Valid and invalid examples from apimachinery's validation tests and the "Object Names and IDs" page.
describe('name checks', () => {
	it.each(['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', 'a'.repeat(63)])('%s is a DNS-1123 label', name => {
		expect(isDns1123Label(name)).toEqual([]);
	});

	it.each(['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'a'.repeat(64)])(
		'%j is not a DNS-1123 label',
		name => {
			expect(isDns1123Label(name).length).toBeGreaterThan(0);
		},
	);

	it('words DNS label problems as Kubernetes does', () => {
		expect(isDns1123Label('a.b')).toEqual(['must not contain dots']);
		expect(isDns1123Label('Bad_Name')).toEqual([
			"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
		]);
		expect(isDns1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
	});

	it.each(['a', 'a.b', 'a.b.c', '1.2.3', 'example.com', 'a-1.b-2', `${'a'.repeat(63)}.${'b'.repeat(63)}`])('%s is a DNS-1123 subdomain', name => {
		expect(isDns1123Subdomain(name)).toEqual([]);
	});

	it('words DNS subdomain problems as Kubernetes does', () => {
		expect(isDns1123Subdomain('Bad_Name')).toEqual([
			"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
		]);
		expect(isDns1123Subdomain('a..b').length).toBe(1);
		expect(isDns1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
	});

	it('wants service names to start with a letter', () => {
		expect(isDns1035Label('my-svc')).toEqual([]);
		expect(isDns1035Label('1svc')).toEqual([
			"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
		]);
	});
});

describe('label checks', () => {
	it.each(['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple', 'app.kubernetes.io/name', 'a.b.c/d', 'A_Mixed.Case-Name', `${'a'.repeat(253)}/${'b'.repeat(63)}`])(
		'%s is a qualified name',
		name => {
			expect(isQualifiedName(name)).toEqual([]);
		},
	);

	it.each([
		['nospecialchars%^=@', 'name part must consist of'],
		['cantendwithadash-', 'name part must consist of'],
		['-cantstartwithadash', 'name part must consist of'],
		['only/one/slash', 'a qualified name must consist of'],
		['Example.com/abc', 'prefix part a lowercase RFC 1123 subdomain'],
		['/simple', 'prefix part must be non-empty'],
		['example.com/', 'name part must be non-empty'],
		['a'.repeat(64), 'name part must be no more than 63 characters'],
		['bad key!', 'name part must consist of'],
	])('%j is not a qualified name (%s)', (name, message) => {
		expect(isQualifiedName(name).join('; ')).toContain(message);
	});

	it('allows empty label values but no more than 63 characters', () => {
		expect(isValidLabelValue('')).toEqual([]);
		expect(isValidLabelValue('MyValue')).toEqual([]);
		expect(isValidLabelValue('v1.2_3-x')).toEqual([]);
		expect(isValidLabelValue('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
		expect(isValidLabelValue('-x')[0]).toMatch(/^a valid label must be an empty string or consist of/);
	});
});

describe('other checks', () => {
	it('checks configmap keys', () => {
		expect(isConfigMapKey('game.properties')).toEqual([]);
		expect(isConfigMapKey('KEY_NAME')).toEqual([]);
		expect(isConfigMapKey('.hidden')).toEqual([]);
		expect(isConfigMapKey('..')).toEqual(["must not be '..'"]);
		expect(isConfigMapKey('..a')).toEqual(["must not start with '..'"]);
		expect(isConfigMapKey('bad key!')).toEqual([
			"a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
		]);
	});

	it('checks ports', () => {
		expect(isValidPortNumber(1)).toEqual([]);
		expect(isValidPortNumber(65535)).toEqual([]);
		expect(isValidPortNumber(0)).toEqual(['must be between 1 and 65535, inclusive']);
		expect(isValidPortNumber(65536)).toEqual(['must be between 1 and 65535, inclusive']);
		expect(isValidPortName('http')).toEqual([]);
		expect(isValidPortName('http-alt')).toEqual([]);
		expect(isValidPortName('80')).toEqual(['must contain at least one letter (a-z)']);
		expect(isValidPortName('a--b')).toEqual(['must not contain consecutive hyphens']);
		expect(isValidPortName('very-long-port-name')).toEqual(['must be no more than 15 characters']);
		expect(isValidPortName('HTTP')).toContain('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
	});

	it('checks IP addresses', () => {
		expect(isIP('10.96.0.1')).toBe(true);
		expect(isIP('2001:db8::ffff')).toBe(true);
		expect(isIP('::1')).toBe(true);
		expect(isIP('10.96.0.256')).toBe(false);
		expect(isIP('10.96.0')).toBe(false);
		expect(isIP('1::2::3')).toBe(false);
	});
});
