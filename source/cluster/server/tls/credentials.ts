/**
 * What a kubedeck API server needs to be trusted and to trust its clients: a CA, a serving certificate for the
 * loopback names, and a bearer token. Kept in `<dataDir>/pki/` and `<dataDir>/token` for a durable cluster (so a
 * kubeconfig stays valid across restarts), made fresh for an ephemeral one.
 */
import {createPrivateKey, createPublicKey, randomBytes, X509Certificate} from 'node:crypto';
import {chmod, mkdir, readFile, rename, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {generateKeyPair, issueCertificate, privateKeyPem, type KeyPair} from './certificate.js';

export type ServerCredentials = {
	caCertificate: string;
	caKey: string;
	certificate: string;
	key: string;
	token: string;
};

const day = 24 * 60 * 60 * 1000;
const caLifetime = 10 * 365 * day;
const servingLifetime = 365 * day;
/** A serving certificate closer than this to its end is replaced at start. */
const renewBefore = 30 * day;

export const loopbackDnsNames = [
	'localhost',
	'kubernetes',
	'kubernetes.default',
	'kubernetes.default.svc',
	'kubernetes.default.svc.cluster.local',
];
export const loopbackAddresses = ['127.0.0.1', '::1'];

function newToken(): string {
	return randomBytes(32).toString('base64url');
}

function newCertificateAuthority(now: number): {certificate: string; keys: KeyPair} {
	const keys = generateKeyPair();
	const name = {commonName: 'kubedeck-ca'};
	const certificate = issueCertificate({
		subject: name,
		issuer: {...name, ...keys},
		publicKey: keys.publicKey,
		// An hour back, for clocks that disagree a little.
		notBefore: new Date(now - 60 * 60 * 1000),
		notAfter: new Date(now + caLifetime),
		isCertificateAuthority: true,
	});
	return {certificate, keys};
}

function newServingCertificate(ca: KeyPair, now: number, extraAddresses: string[]): {certificate: string; key: string} {
	const keys = generateKeyPair();
	const certificate = issueCertificate({
		subject: {commonName: 'kube-apiserver'},
		issuer: {commonName: 'kubedeck-ca', ...ca},
		publicKey: keys.publicKey,
		notBefore: new Date(now - 60 * 60 * 1000),
		notAfter: new Date(now + servingLifetime),
		isCertificateAuthority: false,
		dnsNames: loopbackDnsNames,
		ipAddresses: [...new Set([...loopbackAddresses, ...extraAddresses])],
	});
	return {certificate, key: privateKeyPem(keys.privateKey)};
}

/** Addresses besides loopback the serving certificate must name (the address the server listens on). */
function extraAddressesFor(address: string | undefined): string[] {
	if (!address || address === '0.0.0.0' || address === '::' || loopbackAddresses.includes(address)) return [];
	return [address];
}

export function createCredentials(options: {address?: string; now?: number} = {}): ServerCredentials {
	const now = options.now ?? Date.now();
	const ca = newCertificateAuthority(now);
	const serving = newServingCertificate(ca.keys, now, extraAddressesFor(options.address));
	return {caCertificate: ca.certificate, caKey: privateKeyPem(ca.keys.privateKey), ...serving, token: newToken()};
}

async function readOptional(path: string): Promise<string | undefined> {
	try {
		return await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

/** Writes a secret file with mode 0600 atomically (a crash leaves the old file or the new one, never half). */
export async function writePrivateFile(path: string, content: string): Promise<void> {
	const temporary = `${path}.${process.pid}.tmp`;
	await writeFile(temporary, content, {mode: 0o600});
	await chmod(temporary, 0o600);
	await rename(temporary, path);
}

function servingCertificateFits(certificatePem: string, caPem: string, now: number, addresses: string[]): boolean {
	try {
		const certificate = new X509Certificate(certificatePem);
		const ca = new X509Certificate(caPem);
		if (!certificate.verify(ca.publicKey)) return false;
		if (Date.parse(certificate.validTo) - now < renewBefore) return false;
		return [...loopbackAddresses, ...addresses].every(address => certificate.checkIP(address) !== undefined);
	} catch {
		return false;
	}
}

/**
 * The credentials kept in dataDir, made on first use. The CA and token are kept for the life of the data directory;
 * the serving certificate is reissued when it nears its end or does not name the listen address.
 */
export async function loadOrCreateCredentials(dataDir: string, options: {address?: string; now?: number} = {}): Promise<ServerCredentials> {
	const now = options.now ?? Date.now();
	const pki = join(dataDir, 'pki');
	await mkdir(pki, {recursive: true, mode: 0o700});
	const paths = {
		caCertificate: join(pki, 'ca.crt'),
		caKey: join(pki, 'ca.key'),
		certificate: join(pki, 'apiserver.crt'),
		key: join(pki, 'apiserver.key'),
		token: join(dataDir, 'token'),
	};
	const [caCertificate, caKey, certificate, key, token] = await Promise.all([
		readOptional(paths.caCertificate),
		readOptional(paths.caKey),
		readOptional(paths.certificate),
		readOptional(paths.key),
		readOptional(paths.token),
	]);
	const extra = extraAddressesFor(options.address);

	let credentials: ServerCredentials;
	if (caCertificate && caKey && Date.parse(new X509Certificate(caCertificate).validTo) - now > renewBefore) {
		const caKeys = {privateKey: createPrivateKey(caKey), publicKey: createPublicKey(caKey)};
		const serving =
			certificate && key && servingCertificateFits(certificate, caCertificate, now, extra)
				? {certificate, key}
				: newServingCertificate(caKeys, now, extra);
		credentials = {caCertificate, caKey, ...serving, token: token?.trim() || newToken()};
	} else {
		credentials = createCredentials({address: options.address, now});
		if (token?.trim()) credentials.token = token.trim();
	}

	const writes: Array<Promise<void>> = [];
	if (credentials.caCertificate !== caCertificate) writes.push(writePrivateFile(paths.caCertificate, credentials.caCertificate));
	if (credentials.caKey !== caKey) writes.push(writePrivateFile(paths.caKey, credentials.caKey));
	if (credentials.certificate !== certificate) writes.push(writePrivateFile(paths.certificate, credentials.certificate));
	if (credentials.key !== key) writes.push(writePrivateFile(paths.key, credentials.key));
	if (credentials.token !== token?.trim()) writes.push(writePrivateFile(paths.token, `${credentials.token}\n`));
	await Promise.all(writes);
	return credentials;
}
