/**
 * The string checks of Kubernetes' apimachinery validation: each returns the list of problems, worded as Kubernetes
 * words them (empty when the value is valid), so callers can put them in field causes or selector errors unchanged.
 */

const dns1123LabelFormat = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFormat = `${dns1123LabelFormat}(\\.${dns1123LabelFormat})*`;
const dns1035LabelFormat = '[a-z]([-a-z0-9]*[a-z0-9])?';
const qualifiedNameFormat = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValueFormat = `(${qualifiedNameFormat})?`;
const configMapKeyFormat = '[-._a-zA-Z0-9]+';
const percentFormat = '[0-9]+%';

const dns1123Label = new RegExp(`^${dns1123LabelFormat}$`);
const dns1123Subdomain = new RegExp(`^${dns1123SubdomainFormat}$`);
const dns1035Label = new RegExp(`^${dns1035LabelFormat}$`);
const qualifiedName = new RegExp(`^${qualifiedNameFormat}$`);
const labelValue = new RegExp(`^${labelValueFormat}$`);
const configMapKey = new RegExp(`^${configMapKeyFormat}$`);
const percent = new RegExp(`^${percentFormat}$`);
const portNameCharset = /^[-a-z0-9]+$/;
const portNameLetter = /[a-z]/;

export const dns1123LabelMaxLength = 63;
export const dns1123SubdomainMaxLength = 253;
export const qualifiedNameMaxLength = 63;
export const labelValueMaxLength = 63;

/** "must be no more than 63 characters" */
export function maxLengthError(length: number): string {
	return `must be no more than ${length} characters`;
}

export const emptyError = 'must be non-empty';

/** Kubernetes' RegexError: the message, examples and the regular expression used. */
export function regexError(message: string, format: string, ...examples: string[]): string {
	if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
	// The double space after each example's comma is Kubernetes' own wording.
	return `${message} (e.g. ${examples.map(example => `'${example}', `).join(' or ')}regex used for validation is '${format}')`;
}

export function isDns1123Label(value: string): string[] {
	// The common case first: valid names cost one length check and one regex test.
	if (value.length <= dns1123LabelMaxLength && dns1123Label.test(value)) return [];
	const errors: string[] = [];
	if (value.length > dns1123LabelMaxLength) errors.push(maxLengthError(dns1123LabelMaxLength));
	if (!dns1123Label.test(value)) {
		if (dns1123Subdomain.test(value)) errors.push('must not contain dots');
		else
			errors.push(
				regexError(
					"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
					dns1123LabelFormat,
					'my-name',
					'123-abc',
				),
			);
	}
	return errors;
}

export function isDns1123Subdomain(value: string): string[] {
	if (value.length <= dns1123SubdomainMaxLength && dns1123Subdomain.test(value)) return [];
	const errors: string[] = [];
	if (value.length > dns1123SubdomainMaxLength) errors.push(maxLengthError(dns1123SubdomainMaxLength));
	if (!dns1123Subdomain.test(value))
		errors.push(
			regexError(
				"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
				dns1123SubdomainFormat,
				'example.com',
			),
		);
	return errors;
}

/** Service names: a label that starts with a letter. */
export function isDns1035Label(value: string): string[] {
	if (value.length <= dns1123LabelMaxLength && dns1035Label.test(value)) return [];
	const errors: string[] = [];
	if (value.length > dns1123LabelMaxLength) errors.push(maxLengthError(dns1123LabelMaxLength));
	if (!dns1035Label.test(value))
		errors.push(
			regexError(
				"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
				dns1035LabelFormat,
				'my-name',
				'abc-123',
			),
		);
	return errors;
}

const qualifiedNameMessage =
	"must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** Label keys, annotation keys, finalizers: an optional DNS subdomain prefix and '/', then a name of at most 63. */
export function isQualifiedName(value: string): string[] {
	const slash = value.indexOf('/');
	if (slash === -1 && value.length <= qualifiedNameMaxLength && qualifiedName.test(value)) return [];
	const errors: string[] = [];
	const parts = value.split('/');
	let name: string;
	if (parts.length === 1) {
		name = parts[0];
	} else if (parts.length === 2) {
		const prefix = parts[0];
		name = parts[1];
		if (prefix.length === 0) errors.push(`prefix part ${emptyError}`);
		else for (const message of isDns1123Subdomain(prefix)) errors.push(`prefix part ${message}`);
	} else {
		errors.push(
			`a qualified name ${regexError(qualifiedNameMessage, qualifiedNameFormat, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
		);
		return errors;
	}
	if (name.length === 0) errors.push(`name part ${emptyError}`);
	else if (name.length > qualifiedNameMaxLength) errors.push(`name part ${maxLengthError(qualifiedNameMaxLength)}`);
	if (!qualifiedName.test(name))
		errors.push(`name part ${regexError(qualifiedNameMessage, qualifiedNameFormat, 'MyName', 'my.name', '123-abc')}`);
	return errors;
}

export function isValidLabelValue(value: string): string[] {
	if (value.length <= labelValueMaxLength && labelValue.test(value)) return [];
	const errors: string[] = [];
	if (value.length > labelValueMaxLength) errors.push(maxLengthError(labelValueMaxLength));
	if (!labelValue.test(value))
		errors.push(
			regexError(
				"a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
				labelValueFormat,
				'MyValue',
				'my_value',
				'12345',
			),
		);
	return errors;
}

/** Keys of ConfigMap and Secret data. */
export function isConfigMapKey(value: string): string[] {
	const errors: string[] = [];
	if (value.length > dns1123SubdomainMaxLength) errors.push(maxLengthError(dns1123SubdomainMaxLength));
	if (!configMapKey.test(value))
		errors.push(
			regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", configMapKeyFormat, 'key.name', 'KEY_NAME', 'key-name'),
		);
	if (value === '.') errors.push("must not be '.'");
	else if (value === '..') errors.push("must not be '..'");
	else if (value.startsWith('..')) errors.push("must not start with '..'");
	return errors;
}

/** Named container and service target ports (IANA service names). */
export function isValidPortName(value: string): string[] {
	const errors: string[] = [];
	if (value.length > 15) errors.push(maxLengthError(15));
	if (!portNameCharset.test(value)) errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
	if (!portNameLetter.test(value)) errors.push('must contain at least one letter (a-z)');
	if (value.includes('--')) errors.push('must not contain consecutive hyphens');
	if (value.startsWith('-') || value.endsWith('-')) errors.push('must not begin or end with a hyphen');
	return errors;
}

export function isValidPortNumber(value: number): string[] {
	return Number.isInteger(value) && value >= 1 && value <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** A percentage as an IntOrString holds it ('25%'). */
export function isPercent(value: string): boolean {
	return percent.test(value);
}

export const percentError = regexError(
	"a valid percent string must be a numeric string followed by an ending '%'",
	percentFormat,
	'1%',
	'93%',
);

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIPv4(value: string): boolean {
	return ipv4.test(value);
}

/** A loose IPv6 check: hex groups and colons, at most one '::'. */
export function isIPv6(value: string): boolean {
	if (!/^[0-9a-fA-F:.]+$/.test(value) || !value.includes(':')) return false;
	const doubles = value.split('::').length - 1;
	if (doubles > 1) return false;
	const groups = value.split(':').filter(group => group !== '');
	return groups.length <= 8 && groups.every(group => group.length <= 4 || (group.includes('.') && isIPv4(group)));
}

export function isIP(value: string): boolean {
	return isIPv4(value) || isIPv6(value);
}

/** The prefix of generateName may end in '-': Kubernetes masks it before validating. */
export function maskTrailingDash(name: string): string {
	return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(value: string): boolean {
	return base64.test(value.replace(/[\r\n]/g, ''));
}

/** Where standard base64 decoding would stop, as Go's decoder reports it. */
export function base64ErrorOffset(value: string): number {
	const bad = value.search(/[^A-Za-z0-9+/=\r\n]/);
	if (bad !== -1) return bad;
	const padding = value.indexOf('=');
	if (padding !== -1 && padding < value.length - 2) return padding;
	return value.length - (value.length % 4);
}
