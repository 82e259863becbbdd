import {describe, expect, it} from 'vitest';
import {hangingWrap, wordWrap} from '../../../source/ui/components/wrap.js';

describe('wrapping', () => {
	it('breaks at spaces, or mid-word when a word is too long', () => {
		expect(wordWrap('Delete pod default/web? It cannot be undone.', 20)).toEqual(['Delete pod', 'default/web? It', 'cannot be undone.']);
		expect(wordWrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
		expect(wordWrap('one\ntwo', 10)).toEqual(['one', 'two']);
	});

	it('continues a describe value under its column', () => {
		expect(hangingWrap('Message:  a long message here', 20)).toEqual(['Message:  a long mes', '          sage here']);
		expect(hangingWrap('short', 20)).toEqual(['short']);
	});
});
