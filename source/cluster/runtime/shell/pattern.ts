/**
 * Shell patterns (`*.txt`, `v[0-9]*`) as regular expressions. A backslash makes the next character literal; the
 * expansion code escapes quoted text that way.
 */
export function patternSource(pattern: string, forPaths: boolean): string {
	let source = '';
	for (let index = 0; index < pattern.length; index++) {
		const char = pattern[index];
		if (char === '\\' && index + 1 < pattern.length) {
			source += escapeRegExp(pattern[++index]);
		} else if (char === '*') {
			source += forPaths ? '[^/]*' : '[\\s\\S]*';
		} else if (char === '?') {
			source += forPaths ? '[^/]' : '[\\s\\S]';
		} else if (char === '[') {
			const end = pattern.indexOf(']', index + 2);
			if (end < 0) {
				source += '\\[';
				continue;
			}
			let body = pattern.slice(index + 1, end);
			const negated = body.startsWith('!') || body.startsWith('^');
			if (negated) body = body.slice(1);
			source += `[${negated ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
			index = end;
		} else {
			source += escapeRegExp(char);
		}
	}
	return source;
}

export function matchesPattern(text: string, pattern: string): boolean {
	return new RegExp(`^${patternSource(pattern, false)}$`).test(text);
}

export function hasWildcard(pattern: string): boolean {
	for (let index = 0; index < pattern.length; index++) {
		const char = pattern[index];
		if (char === '\\') index++;
		else if (char === '*' || char === '?' || char === '[') return true;
	}
	return false;
}

/** Removes the backslashes that kept characters literal. */
export function unescapePattern(pattern: string): string {
	return pattern.replace(/\\(.)/g, '$1');
}

/** `${name#pattern}` and friends: the value without its shortest or longest matching prefix or suffix. */
export function removeAffix(value: string, pattern: string, operator: '#' | '##' | '%' | '%%'): string {
	const source = patternSource(pattern, false);
	const prefix = operator === '#' || operator === '##';
	const longest = operator === '##' || operator === '%%';
	const regExp = new RegExp(`^${source}$`);
	if (prefix) {
		const lengths = [...Array(value.length + 1).keys()];
		if (longest) lengths.reverse();
		for (const length of lengths) if (regExp.test(value.slice(0, length))) return value.slice(length);
	} else {
		const starts = [...Array(value.length + 1).keys()];
		if (!longest) starts.reverse();
		for (const start of starts) if (regExp.test(value.slice(start))) return value.slice(0, start);
	}
	return value;
}

function escapeRegExp(char: string): string {
	return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}
