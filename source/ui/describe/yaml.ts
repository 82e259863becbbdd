import {stringify} from 'yaml';
import type {KubeObject} from '../../cluster/api/object.js';
import type {TokenName} from '../theme/tokens.js';

/** The object as `kubectl get -o yaml` shows it, without managedFields (noise for a reader). */
export function objectYaml(object: KubeObject): string[] {
	const {managedFields: _managedFields, ...metadata} = object.metadata;
	const shown = {apiVersion: object.apiVersion, kind: object.kind, ...object, metadata};
	return stringify(shown, {indent: 2, lineWidth: 0}).trimEnd().split('\n');
}

export type Segment = {text: string; token: TokenName};

const literal = /^(true|false|null|~)$/;
const number = /^-?(\d+(\.\d+)?([eE][+-]?\d+)?|0x[\da-fA-F]+)$/;

function valueToken(value: string): TokenName {
	const trimmed = value.trim();
	if (literal.test(trimmed)) return 'yaml.literal';
	if (number.test(trimmed)) return 'yaml.number';
	return 'yaml.string';
}

/** Splits one YAML line into coloured parts: indentation and dashes, key, colon, value, comment. */
export function highlightYamlLine(line: string): Segment[] {
	const comment = /^(\s*)(#.*)$/.exec(line);
	if (comment) return [{text: comment[1], token: 'yaml.punctuation'}, {text: comment[2], token: 'yaml.comment'}];
	const match = /^(\s*(?:- )*)([^\s:#'"][^:]*|"[^"]*"|'[^']*')(:)(\s.*|)$/.exec(line);
	if (match) {
		const segments: Segment[] = [{text: match[1], token: 'yaml.punctuation'}, {text: match[2], token: 'yaml.key'}, {text: match[3], token: 'yaml.punctuation'}];
		if (match[4]) segments.push({text: match[4], token: valueToken(match[4])});
		return segments;
	}

	const item = /^(\s*- )(.*)$/.exec(line);
	if (item) return [{text: item[1], token: 'yaml.punctuation'}, {text: item[2], token: valueToken(item[2])}];
	return [{text: line, token: 'yaml.string'}];
}
