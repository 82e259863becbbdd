import {X509Certificate} from 'node:crypto';
import {mkdtemp, readFile, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCredentials, loadOrCreateCredentials} from '../../../../source/cluster/server/tls/credentials.js';

describe('server credentials', () => {
	it('issue a serving certificate for the loopback names, signed by the CA', () => {
		const credentials = createCredentials();
		const ca = new X509Certificate(credentials.caCertificate);
		const serving = new X509Certificate(credentials.certificate);
		expect(ca.ca).toBe(true);
		expect(serving.ca).toBe(false);
		expect(ca.verify(ca.publicKey)).toBe(true);
		expect(serving.verify(ca.publicKey)).toBe(true);
		expect(serving.checkIssued(ca)).toBe(true);
		expect(serving.checkIP('127.0.0.1')).toBe('127.0.0.1');
		expect(serving.checkIP('::1')).toBeDefined();
		expect(serving.checkHost('localhost')).toBe('localhost');
		expect(serving.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
		expect(credentials.token.length).toBeGreaterThanOrEqual(40);
	});

	it('name a non-loopback listen address too', () => {
		const serving = new X509Certificate(createCredentials({address: '192.168.7.9'}).certificate);
		expect(serving.checkIP('192.168.7.9')).toBe('192.168.7.9');
	});

	it('are kept in the data directory, private, and reused on the next start', async () => {
		const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kubedeck-tls-'));
		const first = await loadOrCreateCredentials(dataDir);
		const second = await loadOrCreateCredentials(dataDir);
		expect(second).toEqual(first);
		expect((await stat(path.join(dataDir, 'pki', 'ca.key'))).mode & 0o777).toBe(0o600);
		expect((await stat(path.join(dataDir, 'token'))).mode & 0o777).toBe(0o600);
		expect((await readFile(path.join(dataDir, 'token'), 'utf8')).trim()).toBe(first.token);
	});

	it('reissue only the serving certificate when the address changes', async () => {
		const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kubedeck-tls-'));
		const first = await loadOrCreateCredentials(dataDir);
		const moved = await loadOrCreateCredentials(dataDir, {address: '10.1.2.3'});
		expect(moved.caCertificate).toBe(first.caCertificate);
		expect(moved.token).toBe(first.token);
		expect(moved.certificate).not.toBe(first.certificate);
		expect(new X509Certificate(moved.certificate).checkIP('10.1.2.3')).toBe('10.1.2.3');
	});
});
