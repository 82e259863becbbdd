/**
 * Generated names as Kubernetes makes them: random suffixes for generateName ('web-7d4b9-x2k8p') and the
 * pod-template-hash that names a Deployment's ReplicaSets.
 */

/** Kubernetes' alphabet for generated names: no vowels (no words) and no look-alikes (0/o, 1/l, 3/e). */
export const nameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

const randomLength = 5;
/** A generated name must stay a DNS label: 63 minus the suffix. */
const maxGeneratedBaseLength = 63 - randomLength;

/** A random suffix from the alphabet; `random` returns [0, 1) like Math.random, injectable for tests. */
export function generateNameSuffix(length = randomLength, random: () => number = Math.random): string {
	let suffix = '';
	for (let index = 0; index < length; index++) suffix += nameAlphabet[Math.floor(random() * nameAlphabet.length)];
	return suffix;
}

/** metadata.generateName made into a name: the base, cut to leave room, then five random characters. */
export function generateName(base: string, random: () => number = Math.random): string {
	const cut = base.length > maxGeneratedBaseLength ? base.slice(0, maxGeneratedBaseLength) : base;
	return cut + generateNameSuffix(randomLength, random);
}

/** Maps each character onto the alphabet by its code, as Kubernetes' SafeEncodeString does. */
export function safeEncodeString(text: string): string {
	let encoded = '';
	for (let index = 0; index < text.length; index++) encoded += nameAlphabet[text.charCodeAt(index) % nameAlphabet.length];
	return encoded;
}

/** JSON with object keys sorted, so equal templates serialise alike whatever order their fields came in. */
function stableSerialise(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(item => (item === undefined ? 'null' : stableSerialise(item))).join(',')}]`;
	const record = value as Record<string, unknown>;
	const parts: string[] = [];
	for (const key of Object.keys(record).sort()) {
		const item = record[key];
		if (item !== undefined) parts.push(`${JSON.stringify(key)}:${stableSerialise(item)}`);
	}
	return `{${parts.join(',')}}`;
}

const fnvOffset = 0x811c9dc5;
const fnvPrime = 0x01000193;
const encoder = new TextEncoder();

function fnv32a(hash: number, bytes: Uint8Array): number {
	for (const byte of bytes) hash = Math.imul(hash ^ byte, fnvPrime);
	return hash >>> 0;
}

/**
 * The pod-template-hash label of a template: FNV-32a over its stable serialisation, then, as Kubernetes'
 * controller.ComputeHash, the collision count as eight little-endian bytes, and the decimal hash mapped onto the
 * alphabet (so 6 to 10 characters of 'bcdf456789'; short hashes are padded with '0' to keep at least 6).
 * Hash the Deployment's template, before the label is added to it.
 */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
	let hash = fnv32a(fnvOffset, encoder.encode(stableSerialise(template)));
	if (collisionCount !== undefined && collisionCount !== null) {
		const bytes = new Uint8Array(8);
		new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
		hash = fnv32a(hash, bytes);
	}
	return safeEncodeString(String(hash).padStart(6, '0'));
}
