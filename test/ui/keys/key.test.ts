import {describe, expect, it} from 'vitest';
import {parseKeys} from '../../../source/ui/keys/key.js';

const names = (input: string) => parseKeys(input).map(key => key.name);

describe('key names', () => {
	it.each([
		['j', ['j']],
		['G', ['G']],
		['\r', ['enter']],
		['\u001B', ['esc']],
		['\u001B[A', ['up']],
		['\u001BOB', ['down']],
		['\u001B[6~', ['pgdn']],
		['\u001B[5~', ['pgup']],
		['\u001B[H', ['home']],
		['\u001B[4~', ['end']],
		['\u0004', ['ctrl-d']],
		['\u0006', ['ctrl-f']],
		['\u0003', ['ctrl-c']],
		['\u007F', ['backspace']],
		['\u001B[3~', ['delete']],
		['\t', ['tab']],
		['\u001B[Z', ['shift-tab']],
		['\u001B[1;5A', ['ctrl-up']],
		['\u001Bx', ['alt-x']],
		[' ', ['space']],
	])('%j is %j', (input, expected) => {
		expect(names(input)).toEqual(expected);
	});

	it('splits text that arrives in one chunk into keys, with the text to insert', () => {
		expect(names(':deploy\r')).toEqual([':', 'd', 'e', 'p', 'l', 'o', 'y', 'enter']);
		expect(parseKeys('a b').map(key => key.text)).toEqual(['a', ' ', 'b']);
	});

	it('drops unknown escape sequences instead of typing them', () => {
		expect(parseKeys('\u001B[99;99x')).toEqual([]);
	});
});
