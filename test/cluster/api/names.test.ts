import {describe, it, expect} from 'vitest';
import {
	generateName,
	generateNameSuffix,
	nameAlphabet,
	podTemplateHash,
	safeEncodeString,
} from '../../../source/cluster/api/names.js';

const template = {
	metadata: {labels: {app: 'web'}},
	spec: {containers: [{name: 'nginx', image: 'nginx:1.25'}]},
};

describe('generated names', () => {
	it('draws five characters from the Kubernetes alphabet', () => {
		expect(nameAlphabet).toBe('bcdfghjklmnpqrstvwxz2456789');
		for (let round = 0; round < 20; round++) expect(generateNameSuffix()).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
		expect(generateNameSuffix(10)).toHaveLength(10);
	});

	it('uses the injected random source', () => {
		expect(generateNameSuffix(3, () => 0)).toBe('bbb');
		expect(generateNameSuffix(2, () => 0.9999)).toBe('99');
	});

	it('cuts a long generateName so the name stays within 63 characters', () => {
		expect(generateName('web-7d4b9-', () => 0)).toBe('web-7d4b9-bbbbb');
		const long = generateName(`${'a'.repeat(70)}-`);
		expect(long).toHaveLength(63);
		expect(long.startsWith('a'.repeat(58))).toBe(true);
	});
});

describe('pod-template-hash', () => {
	it('maps decimal digits as SafeEncodeString does', () => {
		expect(safeEncodeString('0123456789')).toBe('456789bcdf');
	});

	it('is FNV-32a of the sorted serialisation, encoded like Kubernetes', () => {
		// Computed independently: fnv32a('{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx"}]}}') = 1657749197.
		expect(podTemplateHash(template)).toBe('5b9cc8f5fc');
		expect(podTemplateHash(template, 1)).toBe('6798549864');
	});

	it('does not depend on key order and changes with the template', () => {
		const reordered = {spec: {containers: [{image: 'nginx:1.25', name: 'nginx'}]}, metadata: {labels: {app: 'web'}}};
		expect(podTemplateHash(reordered)).toBe(podTemplateHash(template));
		const changed = {...template, spec: {containers: [{name: 'nginx', image: 'nginx:1.27'}]}};
		expect(podTemplateHash(changed)).not.toBe(podTemplateHash(template));
		expect(podTemplateHash(template, 0)).not.toBe(podTemplateHash(template));
	});

	it('has the shape of a Kubernetes ReplicaSet suffix', () => {
		for (let image = 0; image < 50; image++) {
			const hash = podTemplateHash({...template, spec: {containers: [{name: 'c', image: `img:${image}`}]}});
			expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
		}
	});
});
