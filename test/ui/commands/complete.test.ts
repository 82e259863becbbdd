import {describe, expect, it} from 'vitest';
import {complete} from '../../../source/ui/commands/complete.js';
import {KindTable} from '../../../source/ui/commands/kinds.js';

const sources = {
	kinds: new KindTable(),
	themes: ['dark', 'light', 'high-contrast', 'monochrome'],
	names: (resource: string) => ({deployments: ['kubernetes-bootcamp', 'kube-dns'], nodes: ['node-1', 'node-2'], namespaces: ['default', 'kube-system']} as Record<string, string[]>)[resource] ?? [],
};

describe('completion', () => {
	it('completes a verb or kind', () => {
		expect(complete('sca', sources)).toEqual({text: 'scale ', candidates: []});
		expect(complete('depl', sources).text).toBe('deploy');
		expect(complete('depl', sources).candidates).toEqual(['deploy', 'deployment', 'deployments']);
	});

	it('completes kind/ then object names', () => {
		expect(complete('scale dep', sources).text).toBe('scale deploy/');
		expect(complete('scale deploy/kub', sources)).toEqual({text: 'scale deploy/kube', candidates: ['deploy/kube-dns', 'deploy/kubernetes-bootcamp']});
		expect(complete('scale deploy/kuber', sources)).toEqual({text: 'scale deploy/kubernetes-bootcamp ', candidates: []});
	});

	it('completes subcommands, nodes, namespaces and themes', () => {
		expect(complete('rollout u', sources).text).toBe('rollout undo ');
		expect(complete('drain node-', sources).candidates).toEqual(['node-1', 'node-2']);
		expect(complete('ns kube-', sources).text).toBe('ns kube-system ');
		expect(complete('theme hi', sources).text).toBe('theme high-contrast ');
		expect(complete('pods ', sources).candidates).toEqual(['all', 'default', 'kube-system']);
	});

	it('leaves the line alone when nothing fits', () => {
		expect(complete('frob', sources)).toEqual({text: 'frob', candidates: []});
	});
});
