import {describe, expect, it} from 'vitest';
import {PodAddresses} from '../../../source/cluster/kubelet/pod-addresses.js';

describe('pod addresses', () => {
	it('come from the node’s podCIDR first, lowest free first, and an old address is kept when free', () => {
		const addresses = new PodAddresses('10.244.3.');
		expect([addresses.allocate(), addresses.allocate(), addresses.allocate()]).toEqual(['10.244.3.2', '10.244.3.3', '10.244.3.4']);
		addresses.release('10.244.3.3');
		expect(addresses.allocate()).toBe('10.244.3.3');
		expect(addresses.allocate('10.244.3.77')).toBe('10.244.3.77');
		expect(addresses.allocate('10.244.3.77')).toBe('10.244.3.5');
	});

	it('go on past a full /24 in blocks no other node or service uses, never twice the same', () => {
		const addresses = new PodAddresses('10.244.1.');
		const taken = new Set<string>();
		for (let i = 0; i < 10_000; i++) taken.add(addresses.allocate());
		expect(taken.size).toBe(10_000);
		const blocks = new Set([...taken].map(ip => ip.split('.').slice(0, 3).join('.')));
		expect([...blocks].slice(0, 3)).toEqual(['10.244.1', '10.245.1', '10.246.1']);
		for (const block of blocks) {
			const [, second, third] = block.split('.').map(Number);
			expect(third).toBe(1);
			// Never the service range 10.96.0.0/12.
			expect(second! >= 96 && second! <= 111).toBe(false);
		}
		expect([...taken].every(ip => Number(ip.split('.')[3]) >= 2 && Number(ip.split('.')[3]) <= 254)).toBe(true);
	});
});
