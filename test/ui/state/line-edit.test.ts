import {describe, expect, it} from 'vitest';
import {emptyLine, lineOf, lineReducer, type LineAction} from '../../../source/ui/state/line-edit.js';

const apply = (start: string, ...actions: LineAction[]) => actions.reduce(lineReducer, lineOf(start));

describe('line editing', () => {
	it('inserts at the cursor and deletes around it', () => {
		expect(apply('', {type: 'insert', text: 'scale'}, {type: 'insert', text: ' 3'})).toEqual({text: 'scale 3', cursor: 7});
		expect(apply('abc', {type: 'left'}, {type: 'backspace'})).toEqual({text: 'ac', cursor: 1});
		expect(apply('abc', {type: 'home'}, {type: 'delete'})).toEqual({text: 'bc', cursor: 0});
		expect(apply('abc', {type: 'home'}, {type: 'backspace'})).toEqual({text: 'abc', cursor: 0});
	});

	it('deletes a word and clears', () => {
		expect(apply('scale deploy/web', {type: 'delete-word'})).toEqual({text: 'scale ', cursor: 6});
		expect(apply('scale deploy/web', {type: 'clear'})).toEqual(emptyLine);
	});
});
