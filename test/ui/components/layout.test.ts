import {describe, expect, it} from 'vitest';
import {computeLayout} from '../../../source/ui/layout.js';

describe('layout', () => {
	it('gives the view what the header, breadcrumbs and bottom line leave', () => {
		expect(computeLayout(120, 40)).toEqual({columns: 120, frameHeight: 40, header: 2, body: 36, tooSmall: false});
		expect(computeLayout(80, 14)).toMatchObject({header: 1, body: 11, tooSmall: false});
	});

	it('knows when the terminal is too small', () => {
		expect(computeLayout(59, 40).tooSmall).toBe(true);
		expect(computeLayout(120, 11).tooSmall).toBe(true);
	});
});
