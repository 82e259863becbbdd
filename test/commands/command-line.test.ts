import meow from 'meow';
import {describe, expect, it} from 'vitest';
import {flagTable, helpText, parseQuickly} from '../../source/commands/command-line.js';

function parseWithMeow(argv: string[]) {
	const {input, flags} = meow(helpText, {importMeta: import.meta, argv, pkg: {name: 'kubedeck', version: '0.0.0'}, flags: flagTable});
	return {input, flags};
}

const kebabCase = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

describe('parseQuickly', () => {
	const agreeing = [
		['serve', '--ephemeral', '--port', '0', '--kubeconfig-out', '/tmp/kc'],
		['serve', '--data-dir', '/tmp/d', '--nodes', '5', '--max-pods=110', '--ingress-port', '0'],
		['serve', '--address', '0.0.0.0', '--port=6443', '--demo', '--kubernetes-timings'],
		['serve', '-n', 'kube-system', '--theme', 'light', '--readonly'],
		['kubeconfig', '--data-dir', '/tmp/d'],
		['serve', 'extra'],
		['--ephemeral', 'serve'],
	];
	it.each(agreeing)('reads %s as meow does', (...argv) => {
		expect(parseQuickly(argv)).toEqual(parseWithMeow(argv));
	});

	const leftToMeow = [
		[],
		['--ephemeral'],
		['serve', '--help'],
		['serve', '--version'],
		['serve', '--no-ephemeral'],
		['serve', '--unknown-flag'],
		['serve', '--nodes', 'three'],
		['serve', '--nodes', '3', '--nodes', '4'],
		['serve', '--port', '-1'],
		['serve', '--', '--ephemeral'],
		['kubectl'],
	];
	it.each(leftToMeow)('leaves %s to meow', (...argv) => {
		expect(parseQuickly(argv)).toBeUndefined();
	});
});

describe('the help text', () => {
	it('names every flag of the table and no other', () => {
		const named = new Set([...helpText.matchAll(/--([a-z-]+)/g)].map(match => match[1]));
		named.delete('version');
		named.delete('help');
		expect([...named].sort()).toEqual(Object.keys(flagTable).map(kebabCase).sort());
	});
});
