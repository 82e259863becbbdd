import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import WebSocket from 'ws';
import {fakeCluster} from '../../helpers/serve-fake-cluster.js';
import {serveForTest, type TestServer} from '../../helpers/serve-client.js';

let api: TestServer;
let cluster: Awaited<ReturnType<typeof fakeCluster>>;

beforeAll(async () => {
	cluster = await fakeCluster();
	api = await serveForTest(cluster);
	const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'shell'}, spec: {containers: [{name: 'web', image: 'nginx'}]}};
	expect((await api.request('POST', '/api/v1/namespaces/default/pods', {body: pod})).status).toBe(201);
});

afterAll(async () => {
	await api.close();
	await cluster.stop();
});

type Session = {frames: Buffer[]; closeCode: Promise<number>; socket: WebSocket};

function execQuery(command: string[], flags: string[]): string {
	return [...command.map(part => `command=${encodeURIComponent(part)}`), 'container=web', ...flags.map(flag => `${flag}=true`)].join('&');
}

function openExec(command: string[], flags: string[] = ['stdout', 'stderr'], protocol = 'v5.channel.k8s.io', token = api.token): Promise<Session> {
	const url = `${api.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/shell/exec?${execQuery(command, flags)}`;
	const socket = new WebSocket(url, [protocol], {ca: api.server.credentials.caCertificate, headers: {authorization: `Bearer ${token}`}});
	const frames: Buffer[] = [];
	socket.on('message', (data: Buffer) => frames.push(data));
	const closeCode = new Promise<number>(resolve => socket.on('close', code => resolve(code)));
	return new Promise((resolve, reject) => {
		socket.on('open', () => resolve({frames, closeCode, socket}));
		socket.on('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
		socket.on('error', reject);
	});
}

function channel(frames: Buffer[], number: number): string {
	return frames
		.filter(frame => frame[0] === number)
		.map(frame => frame.subarray(1).toString())
		.join('');
}

describe('exec over WebSocket', () => {
	it('speaks v5.channel.k8s.io: output, a Success status, then close 1000', async () => {
		const session = await openExec(['echo', 'hello', 'there']);
		expect(session.socket.protocol).toBe('v5.channel.k8s.io');
		expect(await session.closeCode).toBe(1000);
		expect(channel(session.frames, 1)).toBe('hello there\n');
		expect(JSON.parse(channel(session.frames, 3))).toEqual({metadata: {}, status: 'Success'});
	});

	it('reports a non-zero exit code the way kubectl reads it', async () => {
		const session = await openExec(['fail', '3']);
		expect(await session.closeCode).toBe(1000);
		expect(channel(session.frames, 2)).toBe('oops\n');
		expect(JSON.parse(channel(session.frames, 3))).toMatchObject({
			status: 'Failure',
			reason: 'NonZeroExitCode',
			message: 'command terminated with non-zero exit code: error executing command [fail 3], exit code 3',
			details: {causes: [{reason: 'ExitCode', message: '3'}]},
		});
	});

	it('passes stdin, resizes and the v5 stdin close signal', async () => {
		const session = await openExec(['cat'], ['stdin', 'stdout', 'stderr']);
		session.socket.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":100,"Height":30}\n')]));
		session.socket.send(Buffer.concat([Buffer.from([0]), Buffer.from('hello stdin')]));
		session.socket.send(Buffer.from([255, 0]));
		expect(await session.closeCode).toBe(1000);
		expect(channel(session.frames, 1)).toBe('hello stdin');
		const call = cluster.runtime.execCalls.at(-1)!;
		expect(call).toMatchObject({command: ['cat'], container: 'web', stdinClosed: true, resizes: [[100, 30]]});
	});

	it('also speaks v4.channel.k8s.io', async () => {
		const session = await openExec(['echo', 'v4'], ['stdout'], 'v4.channel.k8s.io');
		expect(session.socket.protocol).toBe('v4.channel.k8s.io');
		expect(await session.closeCode).toBe(1000);
		expect(channel(session.frames, 1)).toBe('v4\n');
	});

	it('refuses before the upgrade: no token, a missing pod or container, no command', async () => {
		await expect(openExec(['echo'], ['stdout'], 'v5.channel.k8s.io', 'wrong')).rejects.toThrow('upgrade refused: 401');
		await expect(openExec([], ['stdout'])).rejects.toThrow('upgrade refused: 400');
		const url = `${api.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/nobody/exec?command=ls&stdout=true`;
		const socket = new WebSocket(url, ['v5.channel.k8s.io'], {ca: api.server.credentials.caCertificate, headers: {authorization: `Bearer ${api.token}`}});
		const status = await new Promise<number>(resolve => socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)));
		expect(status).toBe(404);
	});
});
