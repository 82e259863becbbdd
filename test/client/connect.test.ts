import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {connect, currentContext, listContexts} from '../../source/client/connect.js';
import type {HttpClusterClient} from '../../source/client/http-client.js';
import {builtinKinds} from '../../source/client/kinds.js';
import {ClientError} from '../../source/client/types.js';
import {FakeApiServer, pod} from './helpers/fake-api-server.js';
import {waitUntil} from './helpers/waiting.js';

const directory = mkdtempSync(join(tmpdir(), 'kubedeck-client-'));
let server: FakeApiServer | undefined;
let client: HttpClusterClient | undefined;

afterEach(async () => {
	client?.close();
	client = undefined;
	await server?.close();
	server = undefined;
});

afterAll(() => rmSync(directory, {recursive: true, force: true}));

async function start(options: ConstructorParameters<typeof FakeApiServer>[0] = {}): Promise<FakeApiServer> {
	server = new FakeApiServer(options);
	await server.start();
	return server;
}

describe('connect', () => {
	it('reads the server version, context and namespace', async () => {
		const fake = await start();
		client = await connect({kubeconfig: fake.kubeconfig('dev')});
		expect(client.info()).toEqual({context: 'dev', server: fake.url, version: 'v1.32.4', embedded: false, namespace: 'default', user: 'u'});
	});

	it('takes the kinds from discovery, core first', async () => {
		const fake = await start();
		client = await connect({kubeconfig: fake.kubeconfig()});
		const deployments = client.kinds().find(kind => kind.plural === 'deployments');
		expect(deployments).toMatchObject({kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, shortNames: ['deploy']});
		expect(client.kinds().some(kind => kind.plural.includes('/'))).toBe(false);
		expect(client.resolve('events')?.group).toBe('');
		expect(client.resolve('events.events.k8s.io')?.group).toBe('events.k8s.io');
		expect(client.resolve('Deployment')?.plural).toBe('deployments');
	});

	it('falls back to the built-in kinds when discovery fails', async () => {
		const fake = await start();
		fake.failures.set('/api/v1', {code: 503, body: {kind: 'Status', message: 'discovery down', code: 503}});
		client = await connect({kubeconfig: fake.kubeconfig()});
		expect(client.kinds()).toBe(builtinKinds);
		expect(client.resolve('sts')?.plural).toBe('statefulsets');
	});

	it('calls a cluster embedded when its context is kubedeck or a node carries a kubedeck.io/ key', async () => {
		const plain = await start();
		client = await connect({kubeconfig: plain.kubeconfig('kubedeck')});
		expect(client.info().embedded).toBe(true);
		client.close();
		await plain.close();

		const annotated = await start({nodes: [{metadata: {name: 'node-1', annotations: {'kubedeck.io/power': 'on'}}}]});
		client = await connect({kubeconfig: annotated.kubeconfig('somewhere')});
		expect(client.info().embedded).toBe(true);
		// kubedeck's own server answers a whole list at once faster than page by page.
		const cache = client.cache('pods', undefined);
		await waitUntil(() => cache.synced(), 'list');
		expect(annotated.requests.find(request => request.path === '/api/v1/pods')?.query.get('limit')).toBeNull();
		client.close();
		await annotated.close();

		const real = await start({nodes: [{metadata: {name: 'node-1', annotations: {'example.com/power': 'on'}}}]});
		client = await connect({kubeconfig: real.kubeconfig('somewhere')});
		expect(client.info().embedded).toBe(false);
	});

	it('picks the context asked for, and refuses one that does not exist', async () => {
		const fake = await start();
		const config = JSON.parse(fake.kubeconfig('first')) as {contexts: Array<{name: string; context: Record<string, string>}>};
		config.contexts.push({name: 'second', context: {cluster: 'c', user: 'u', namespace: 'team-a'}});
		const path = join(directory, 'two-contexts.json');
		writeFileSync(path, JSON.stringify(config));
		client = await connect({kubeconfigPath: path, context: 'second'});
		expect(client.info().context).toBe('second');
		expect(client.info().namespace).toBe('team-a');
		await expect(connect({kubeconfigPath: path, context: 'third'})).rejects.toThrow('no context exists with the name: "third"');
		expect(await currentContext(path)).toBe('first');
		expect(await listContexts(path)).toEqual([
			{name: 'first', cluster: 'c', user: 'u', namespace: 'default', server: fake.url, current: true},
			{name: 'second', cluster: 'c', user: 'u', namespace: 'team-a', server: fake.url, current: false},
		]);
	});

	it('says when the server cannot be reached', async () => {
		const fake = await start();
		const kubeconfig = fake.kubeconfig();
		await fake.close();
		server = undefined;
		const error = await connect({kubeconfig}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ClientError);
		expect((error as ClientError).message).toMatch(/^Unable to connect to the server: .*ECONNREFUSED/);
	});
});

const openssl = (() => {
	try {
		execFileSync('openssl', ['version'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
})();
if (!openssl) console.warn('SKIPPED: TLS connect tests need openssl, which is not installed');

describe.skipIf(!openssl)('connect over TLS', () => {
	let cert = '';
	let key = '';

	beforeAll(() => {
		const keyPath = join(directory, 'key.pem');
		const certPath = join(directory, 'cert.pem');
		execFileSync('openssl', [
			'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
			'-subj', '/CN=kubedeck-test', '-addext', 'subjectAltName=IP:127.0.0.1',
			'-keyout', keyPath, '-out', certPath,
		], {stdio: 'ignore'});
		cert = readFileSync(certPath, 'utf8');
		key = readFileSync(keyPath, 'utf8');
	});

	it('trusts the kubeconfig\'s CA and sends its bearer token', async () => {
		const fake = await start({tls: {cert, key}, token: 'secret-token'});
		fake.seed('pods', [pod('web-1')]);
		client = await connect({kubeconfig: fake.kubeconfig('tls', {ca: cert, token: 'secret-token'})});
		expect(client.info().version).toBe('v1.32.4');
		const cache = client.cache('pods', 'default');
		await waitUntil(() => cache.synced(), 'list over TLS');
		await fake.waitForWatches(1);
		fake.put('pods', pod('web-2'));
		await waitUntil(() => cache.items().length === 2, 'watch over TLS');
		expect(fake.requests.every(request => request.headers.authorization === 'Bearer secret-token')).toBe(true);
	});

	it('turns a wrong token into the server\'s Unauthorized', async () => {
		const fake = await start({tls: {cert, key}, token: 'secret-token'});
		const error = await connect({kubeconfig: fake.kubeconfig('tls', {ca: cert, token: 'wrong'})}).catch((caught: unknown) => caught);
		expect(error).toMatchObject({message: 'Unauthorized', code: 401, reason: 'Unauthorized'});
	});

	it('refuses a server it cannot verify, unless told to skip verification', async () => {
		const fake = await start({tls: {cert, key}});
		const error = await connect({kubeconfig: fake.kubeconfig('tls')}).catch((caught: unknown) => caught);
		expect((error as ClientError).message).toMatch(/^Unable to connect to the server: .*(self-signed|self signed|certificate)/);
		client = await connect({kubeconfig: fake.kubeconfig('tls', {insecure: true})});
		expect(client.info().version).toBe('v1.32.4');
	});

	it('gets its token from an exec credential plugin', async () => {
		const fake = await start({tls: {cert, key}, token: 'from-plugin'});
		const credential = JSON.stringify({apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: {token: 'from-plugin'}});
		const exec = {apiVersion: 'client.authentication.k8s.io/v1beta1', command: process.execPath, args: ['-e', `process.stdout.write(${JSON.stringify(credential)})`], interactiveMode: 'Never'};
		client = await connect({kubeconfig: fake.kubeconfig('tls', {ca: cert, exec})});
		expect(client.info().version).toBe('v1.32.4');
		expect(fake.requests.at(-1)?.headers.authorization).toBe('Bearer from-plugin');
	});
});
