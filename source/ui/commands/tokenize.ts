/** Splits a command line into words like a shell: quotes group, backslash escapes. Unclosed quotes run to the end. */
export function tokenize(line: string): string[] {
	const words: string[] = [];
	let current = '';
	let inWord = false;
	let quote: '"' | '\'' | undefined;
	for (let index = 0; index < line.length; index++) {
		const character = line[index];
		if (quote) {
			if (character === quote) quote = undefined;
			else if (character === '\\' && quote === '"' && index + 1 < line.length) current += line[++index];
			else current += character;
			continue;
		}

		if (character === '"' || character === '\'') {
			quote = character;
			inWord = true;
		} else if (character === '\\' && index + 1 < line.length) {
			current += line[++index];
			inWord = true;
		} else if (/\s/.test(character)) {
			if (inWord) words.push(current);
			current = '';
			inWord = false;
		} else {
			current += character;
			inWord = true;
		}
	}

	if (inWord) words.push(current);
	return words;
}
