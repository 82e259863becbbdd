import {describe, expect, it} from 'vitest';
import {formatRequirements, matchesLabels, parseLabelSelector, requirementsOf} from '../../../source/ui/state/label-selector.js';

describe('label selectors', () => {
	it('parses kubectl -l syntax and prints it back', () => {
		const text = 'app=web,tier!=db,env in (a,b),zone notin (x,y),gpu,!spot';
		expect(formatRequirements(parseLabelSelector(text))).toBe(text);
		expect(formatRequirements(parseLabelSelector('app==web'))).toBe('app=web');
	});

	it('refuses garbage with a message', () => {
		expect(() => parseLabelSelector('app=(')).toThrow(/unable to parse requirement/);
	});

	it('reads a LabelSelector object and a plain map', () => {
		const requirements = requirementsOf({matchLabels: {app: 'web'}, matchExpressions: [{key: 'tier', operator: 'NotIn', values: ['db']}]});
		expect(formatRequirements(requirements)).toBe('app=web,tier!=db');
		expect(formatRequirements(requirementsOf({app: 'web'}))).toBe('app=web');
	});

	it('matches labels', () => {
		const requirements = parseLabelSelector('app=web,!spot');
		expect(matchesLabels({app: 'web'}, requirements)).toBe(true);
		expect(matchesLabels({app: 'web', spot: 'yes'}, requirements)).toBe(false);
		expect(matchesLabels(undefined, parseLabelSelector('tier!=db'))).toBe(true);
	});
});
