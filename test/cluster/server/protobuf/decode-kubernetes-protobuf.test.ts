import {describe, it, expect} from 'vitest';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {decodeKubernetesProtobuf} from '../../../../source/cluster/server/protobuf/decode-kubernetes-protobuf.js';
import {ProtobufError} from '../../../../source/cluster/server/protobuf/protobuf-error.js';
import {kindMessages, messageSchemas} from '../../../../source/cluster/server/protobuf/schemas.js';
import {isScalar, messageSchema} from '../../../../source/cluster/server/protobuf/message-schema.js';
import {specialMessages} from '../../../../source/cluster/server/protobuf/special-messages.js';

type Json = Record<string, any>;

// reference/ is a copy of shared/reference/kubectl-1.32/protobuf-bodies, so the tests run wherever the repository is.
const sharedSamples = fileURLToPath(new URL('bodies/reference/', import.meta.url));
const capturedSamples = fileURLToPath(new URL('bodies/', import.meta.url));

function samples(directory: string): Array<[string, Uint8Array, Json]> {
	const expected = JSON.parse(readFileSync(directory + 'expected.json', 'utf8')) as Json;
	return Object.keys(expected)
		.filter(file => file.endsWith('.pb'))
		.map(file => [file, readFileSync(directory + file), expected[file]]);
}

const captured = (file: string) => decodeKubernetesProtobuf(readFileSync(capturedSamples + file)) as Json;

// A tiny protobuf writer for hand-made bodies.
function varint(value: bigint | number): number[] {
	let rest = BigInt.asUintN(64, BigInt(value));
	const bytes: number[] = [];
	while (rest >= 0x80n) {
		bytes.push(Number(rest & 0x7fn) | 0x80);
		rest >>= 7n;
	}
	bytes.push(Number(rest));
	return bytes;
}
const field = (number: number, wireType: number) => varint((number << 3) | wireType);
const varintField = (number: number, value: bigint | number) => [...field(number, 0), ...varint(value)];
const bytesField = (number: number, content: number[]) => [...field(number, 2), ...varint(content.length), ...content];
const stringField = (number: number, text: string) => bytesField(number, [...Buffer.from(text)]);

function body(apiVersion: string, kind: string, raw: number[], extra: number[] = []): Uint8Array {
	const typeMeta = [...stringField(1, apiVersion), ...stringField(2, kind)];
	return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...bytesField(1, typeMeta), ...bytesField(2, raw), ...extra]);
}

describe('decodeKubernetesProtobuf on the bodies kubectl 1.32 sends', () => {
	for (const [file, bytes, expected] of samples(sharedSamples)) {
		it(`decodes ${file} exactly as the reference JSON, key order included`, () => {
			const decoded = decodeKubernetesProtobuf(bytes);
			expect(decoded).toStrictEqual(expected);
			expect(JSON.stringify(decoded)).toBe(JSON.stringify(expected));
		});
	}

	for (const [file, bytes, expected] of samples(capturedSamples)) {
		it(`decodes the captured ${file}`, () => {
			expect(decodeKubernetesProtobuf(bytes)).toStrictEqual(expected);
		});
	}

	it('keeps the port and replica count of `create deployment --port=8080 --replicas=3`', () => {
		const deployment = captured('create-deployment-port-replicas.pb');
		expect(deployment.spec.replicas).toBe(3);
		expect(deployment.spec.template.spec.containers[0].ports).toEqual([{containerPort: 8080}]);
	});

	it('keeps replicas: 0, a pointer field, while dropping other zero values', () => {
		const deployment = captured('create-deployment-zero-replicas.pb');
		expect(deployment.spec.replicas).toBe(0);
		expect(deployment.spec).not.toHaveProperty('minReadySeconds');
		expect(deployment.spec).not.toHaveProperty('paused');
		expect(deployment.metadata).not.toHaveProperty('creationTimestamp');
	});

	it('carries the command after -- of `create deployment` and `create job`', () => {
		expect(captured('create-deployment-command.pb').spec.template.spec.containers[0].command).toEqual(['sh', '-c', 'echo hi; sleep 3600']);
		const job = captured('create-job-command.pb');
		expect(job.spec.template.spec.containers[0].command).toEqual(['perl', '-Mbignum=bpi', '-wle', 'print bpi(20)']);
		expect(job.spec.template.spec.restartPolicy).toBe('Never');
	});

	it('decodes every --tcp of `create service` with its target port as a number', () => {
		const service = captured('create-service-clusterip-several-tcp.pb');
		expect(service.spec.ports).toEqual([
			{name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080},
			{name: '443-8443', protocol: 'TCP', port: 443, targetPort: 8443},
			{name: '5000', protocol: 'TCP', port: 5000, targetPort: 5000},
		]);
		expect(captured('create-service-nodeport-fixed.pb').spec.ports[0].nodePort).toBe(30080);
	});

	it('turns secret bytes into base64, empty values included', () => {
		const secret = captured('create-secret-several-keys.pb');
		expect(Object.fromEntries(Object.entries(secret.data as Record<string, string>).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]))).toEqual({
			user: 'admin',
			password: 's3cr=t',
			empty: '',
			unicode: 'héllo',
		});
		expect(captured('create-secret-docker-registry.pb').type).toBe('kubernetes.io/dockerconfigjson');
	});

	it('decodes IntOrString as a string or a number', () => {
		expect(captured('create-pdb.pb').spec.minAvailable).toBe('50%');
		expect(captured('create-pdb-max-unavailable.pb').spec.maxUnavailable).toBe(1);
	});

	it('flattens Go structs JSON inlines (ingress rule values)', () => {
		const ingress = captured('create-ingress.pb');
		expect(ingress.spec.rules[0].http.paths[1]).toEqual({path: '/', pathType: 'Prefix', backend: {service: {name: 'svc2', port: {name: 'http'}}}});
	});
});

describe('the message schemas', () => {
	it('parse, number each field once and name only messages that exist', () => {
		for (const name of Object.keys(messageSchemas)) {
			const schema = messageSchema(name);
			expect(schema.byNumber.size, name).toBe(schema.fields.length);
			for (const field of schema.fields) {
				const type = field.type === 'map' ? field.mapValue! : field.type;
				expect(isScalar(type) || type in messageSchemas || type in specialMessages, `${name}.${field.name}: ${type}`).toBe(true);
			}
		}
		for (const message of Object.values(kindMessages)) expect(messageSchemas).toHaveProperty(message);
	});
});

describe('decodeKubernetesProtobuf on hand-made bodies', () => {
	it('writes timestamps as RFC 3339 and negative numbers as negative', () => {
		const timestamp = [...varintField(1, 1_700_000_000), ...varintField(2, 5)];
		const metadata = [...stringField(1, 'p'), ...bytesField(8, timestamp), ...varintField(10, -5)];
		const pod = decodeKubernetesProtobuf(body('v1', 'Pod', bytesField(1, metadata))) as Json;
		expect(pod.metadata).toEqual({name: 'p', creationTimestamp: '2023-11-14T22:13:20Z', deletionGracePeriodSeconds: -5});
	});

	it('reads packed and unpacked repeated numbers', () => {
		const packed = bytesField(4, [...varint(1000), ...varint(2000)]);
		const unpacked = varintField(4, 3000);
		const spec = bytesField(14, [...packed, ...unpacked]);
		const pod = decodeKubernetesProtobuf(body('v1', 'Pod', bytesField(2, spec))) as Json;
		expect(pod.spec.securityContext.supplementalGroups).toEqual([1000, 2000, 3000]);
	});

	it('skips fields it does not know, of every wire type', () => {
		const unknown = [...varintField(99, 7), ...field(98, 1), 1, 2, 3, 4, 5, 6, 7, 8, ...field(97, 5), 1, 2, 3, 4, ...stringField(96, 'x')];
		const configMap = decodeKubernetesProtobuf(body('v1', 'ConfigMap', [...unknown, ...bytesField(1, stringField(1, 'c'))], unknown)) as Json;
		expect(configMap).toEqual({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}});
	});

	it('names what is wrong with a malformed body', () => {
		expect(() => decodeKubernetesProtobuf(Uint8Array.from([0x7b, 0x7d]))).toThrow('does not start with k8s');
		expect(() => decodeKubernetesProtobuf(body('v1', 'Frobnicator', []))).toThrow('no protobuf decoding for kind "Frobnicator"');
		expect(() => decodeKubernetesProtobuf(body('v1', 'ConfigMap', [], stringField(3, 'gzip')))).toThrow('unsupported content encoding');
		expect(() => decodeKubernetesProtobuf(body('v1', 'ConfigMap', varintField(1, 5)))).toThrow('ConfigMap.metadata has wire type 0, expected 2');
		expect(() => decodeKubernetesProtobuf(body('v1', 'ConfigMap', [...field(5, 3)]))).toThrow('unsupported wire type 3');
	});

	it('refuses a length that runs past the body instead of allocating it', () => {
		const bomb = [...field(1, 2), ...varint(2n ** 60n)];
		expect(() => decodeKubernetesProtobuf(body('v1', 'ConfigMap', bomb))).toThrow(ProtobufError);
	});
});

describe('decodeKubernetesProtobuf on damaged bodies', () => {
	// A fixed seed keeps failures reproducible.
	function random(seed: number): () => number {
		let state = seed >>> 0;
		return () => {
			state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
			return state / 2 ** 32;
		};
	}

	const originals = [...samples(sharedSamples), ...samples(capturedSamples)].map(([, bytes]) => bytes);

	function decodesOrRefuses(bytes: Uint8Array): void {
		try {
			const decoded = decodeKubernetesProtobuf(bytes);
			expect(typeof decoded).toBe('object');
		} catch (error) {
			expect(error).toBeInstanceOf(ProtobufError);
		}
	}

	it('refuses every truncation of every sample with a ProtobufError', () => {
		for (const original of originals) {
			for (let length = 0; length < original.length; length++) {
				decodesOrRefuses(original.subarray(0, length));
			}
		}
	});

	it('decodes or refuses bodies with random bytes changed', () => {
		const next = random(42);
		for (let round = 0; round < 3000; round++) {
			const damaged = Uint8Array.from(originals[round % originals.length]);
			const changes = 1 + Math.floor(next() * 4);
			for (let change = 0; change < changes; change++) {
				damaged[4 + Math.floor(next() * (damaged.length - 4))] = Math.floor(next() * 256);
			}
			decodesOrRefuses(damaged);
		}
	});

	it('refuses random garbage after the prefix', () => {
		const next = random(7);
		for (let round = 0; round < 1000; round++) {
			const garbage = Array.from({length: Math.floor(next() * 64)}, () => Math.floor(next() * 256));
			decodesOrRefuses(Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...garbage]));
		}
	});
});
