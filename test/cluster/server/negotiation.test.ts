import {describe, expect, it} from 'vitest';
import {chooseRendering} from '../../../source/cluster/server/negotiation.js';

const kubectlGet = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('chooseRendering', () => {
	it('answers kubectl get with a Table where a Table can be made, JSON elsewhere', () => {
		expect(chooseRendering(kubectlGet, true)).toBe('table');
		expect(chooseRendering(kubectlGet, false)).toBe('json');
	});

	it('prefers JSON for clients that offer protobuf first', () => {
		expect(chooseRendering('application/vnd.kubernetes.protobuf,application/json', true)).toBe('json');
		expect(chooseRendering('application/vnd.kubernetes.protobuf, */*', true)).toBe('json');
	});

	it('reads YAML, metadata-only and missing headers', () => {
		expect(chooseRendering('application/yaml', true)).toBe('yaml');
		expect(chooseRendering('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1', true)).toBe('partial');
		expect(chooseRendering(undefined, true)).toBe('json');
	});

	it('finds nothing acceptable in a protobuf-only Accept', () => {
		expect(chooseRendering('application/vnd.kubernetes.protobuf', true)).toBeUndefined();
	});
});
