/**
 * X.509 certificates for the API server: a CA and a serving certificate signed by it.
 *
 * Keys are ECDSA P-256 from node:crypto (about 0.1 ms each; a 2048-bit RSA key takes ~100 ms, which alone would be
 * most of the serve→ready budget) and the certificate DER is written by hand (asn1.ts): node:crypto can parse and
 * verify certificates but not issue them, and none of the installed packages can either.
 */
import {createHash, generateKeyPairSync, randomBytes, sign, type KeyObject} from 'node:crypto';
import {
	bitString,
	boolean,
	explicit,
	implicitPrimitive,
	namedBits,
	objectIdentifier,
	octetString,
	sequence,
	set,
	smallInteger,
	time,
	unsignedInteger,
	utf8String,
} from './asn1.js';

const oid = {
	ecdsaWithSha256: '1.2.840.10045.4.3.2',
	commonName: '2.5.4.3',
	organization: '2.5.4.10',
	subjectKeyIdentifier: '2.5.29.14',
	keyUsage: '2.5.29.15',
	subjectAltName: '2.5.29.17',
	basicConstraints: '2.5.29.19',
	authorityKeyIdentifier: '2.5.29.35',
	extendedKeyUsage: '2.5.29.37',
	serverAuth: '1.3.6.1.5.5.7.3.1',
};

const keyUsageBits = {digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6};

export type KeyPair = {privateKey: KeyObject; publicKey: KeyObject};

export function generateKeyPair(): KeyPair {
	return generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
}

export type CertificateRequest = {
	subject: {commonName: string; organization?: string};
	publicKey: KeyObject;
	/** Signs the certificate; the subject's own key for a self-signed CA. */
	issuer: {commonName: string; organization?: string; privateKey: KeyObject; publicKey: KeyObject};
	notBefore: Date;
	notAfter: Date;
	isCertificateAuthority: boolean;
	dnsNames?: string[];
	ipAddresses?: string[];
};

function distinguishedName(name: {commonName: string; organization?: string}): Buffer {
	const attributes = [];
	if (name.organization) attributes.push(set(sequence(objectIdentifier(oid.organization), utf8String(name.organization))));
	attributes.push(set(sequence(objectIdentifier(oid.commonName), utf8String(name.commonName))));
	return sequence(...attributes);
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
	return critical
		? sequence(objectIdentifier(id), boolean(true), octetString(value))
		: sequence(objectIdentifier(id), octetString(value));
}

/** RFC 5280 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(publicKey: KeyObject): Buffer {
	const spki = publicKey.export({type: 'spki', format: 'der'});
	// For a P-256 key the SPKI is fixed-size: the point is the last 65 bytes.
	return createHash('sha1').update(spki.subarray(spki.length - 65)).digest();
}

function ipBytes(address: string): Buffer {
	// Told apart by the colon, not net.isIP: its IPv6 pattern costs some 3 ms to compile on every start.
	if (!address.includes(':')) return Buffer.from(address.split('.').map(Number));
	const [head = '', tail = ''] = address.split('::');
	const headGroups = head ? head.split(':') : [];
	const tailGroups = address.includes('::') ? (tail ? tail.split(':') : []) : [];
	const zeros = address.includes('::') ? 8 - headGroups.length - tailGroups.length : 0;
	const groups = [...headGroups, ...Array.from({length: zeros}, () => '0'), ...tailGroups];
	const bytes = Buffer.alloc(16);
	groups.forEach((group, index) => bytes.writeUInt16BE(Number.parseInt(group, 16), index * 2));
	return bytes;
}

function subjectAltNames(dnsNames: string[], ipAddresses: string[]): Buffer {
	return sequence(
		...dnsNames.map(name => implicitPrimitive(2, Buffer.from(name, 'ascii'))),
		...ipAddresses.map(address => implicitPrimitive(7, ipBytes(address))),
	);
}

/** A signed certificate, PEM encoded. */
export function issueCertificate(request: CertificateRequest): string {
	const signatureAlgorithm = sequence(objectIdentifier(oid.ecdsaWithSha256));
	// A positive 127-bit serial: Go rejects negative serials.
	const serial = randomBytes(16);
	serial[0]! &= 0x7f;
	serial[0]! |= 0x01;
	const extensions = [
		request.isCertificateAuthority
			? extension(oid.keyUsage, true, namedBits([keyUsageBits.digitalSignature, keyUsageBits.keyCertSign, keyUsageBits.cRLSign]))
			: extension(oid.keyUsage, true, namedBits([keyUsageBits.digitalSignature, keyUsageBits.keyEncipherment])),
		extension(oid.basicConstraints, true, request.isCertificateAuthority ? sequence(boolean(true)) : sequence()),
		extension(oid.subjectKeyIdentifier, false, octetString(keyIdentifier(request.publicKey))),
	];
	if (!request.isCertificateAuthority) {
		extensions.push(
			extension(oid.extendedKeyUsage, false, sequence(objectIdentifier(oid.serverAuth))),
			extension(oid.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, keyIdentifier(request.issuer.publicKey)))),
		);
	}
	if (request.dnsNames?.length || request.ipAddresses?.length) {
		extensions.push(extension(oid.subjectAltName, false, subjectAltNames(request.dnsNames ?? [], request.ipAddresses ?? [])));
	}
	const toBeSigned = sequence(
		explicit(0, smallInteger(2)),
		unsignedInteger(serial),
		signatureAlgorithm,
		distinguishedName(request.issuer),
		sequence(time(request.notBefore), time(request.notAfter)),
		distinguishedName(request.subject),
		request.publicKey.export({type: 'spki', format: 'der'}),
		explicit(3, sequence(...extensions)),
	);
	const signature = sign('sha256', toBeSigned, {key: request.issuer.privateKey, dsaEncoding: 'der'});
	const der = sequence(toBeSigned, signatureAlgorithm, bitString(signature));
	return toPem('CERTIFICATE', der);
}

function toPem(label: string, der: Buffer): string {
	const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function privateKeyPem(key: KeyObject): string {
	return key.export({type: 'pkcs8', format: 'pem'}).toString();
}
