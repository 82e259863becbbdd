import {connect, type TLSSocket} from 'node:tls';
import zlib from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {spdyDictionary} from '../../../source/cluster/server/spdy/dictionary.js';
import {controlFrame, controlType, dataFrame, decodeHeaderBlock, encodeHeaderBlock, FrameReader, type Frame} from '../../../source/cluster/server/spdy/frames.js';
import {HttpRequestReader} from '../../../source/cluster/server/http-message.js';
import {fakeCluster} from '../../helpers/serve-fake-cluster.js';
import {serveForTest, type TestServer} from '../../helpers/serve-client.js';
import {eventually} from '../../helpers/serve-kubectl.js';

/** The first SYN_STREAM kubectl sent in a capture (streaming.md): its header block, zlib with the SPDY dictionary. */
const capturedBlock = Buffer.from(
	'78f9e3c6a7c202253a703a2b294a4dcc8516' + '25aca9a08086' + '14cb45e01c606160' + '61c0c0c0c059048' + '9c64c50f266340000' + '0000ffff',
	'hex',
);

describe('SPDY pieces', () => {
	it('has the SPDY/3 dictionary kubectl compresses with', async () => {
		expect(spdyDictionary.length).toBe(1423);
		const inflate = zlib.createInflate({dictionary: spdyDictionary});
		const chunks: Buffer[] = [];
		inflate.on('data', (chunk: Buffer) => chunks.push(chunk));
		inflate.write(capturedBlock);
		await new Promise<void>(resolve => inflate.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve()));
		expect(decodeHeaderBlock(Buffer.concat(chunks))).toEqual({streamtype: 'error', port: '8080', requestid: '0'});
	});

	it('cuts frames out of a stream that arrives a byte at a time', () => {
		const bytes = Buffer.concat([controlFrame(controlType.ping, 0, Buffer.from([0, 0, 0, 1])), dataFrame(3, Buffer.from('hello'), true)]);
		const reader = new FrameReader();
		const frames: Frame[] = [];
		for (const byte of bytes) frames.push(...reader.push(Buffer.from([byte])));
		expect(frames).toHaveLength(2);
		expect(frames[0]).toMatchObject({control: true, type: controlType.ping});
		expect(frames[1]).toMatchObject({control: false, streamId: 3, flags: 1});
		expect(frames[1]!.control === false && frames[1]!.data.toString()).toBe('hello');
	});

	it('reads HTTP requests, chunked or not, and refuses what is not HTTP', () => {
		const reader = new HttpRequestReader();
		expect(reader.push(Buffer.from('GET /a HTTP/1.1\r\nHost: x\r\n'))).toEqual([]);
		const [first] = reader.push(Buffer.from('\r\nPOST /b HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'));
		expect(first).toMatchObject({method: 'GET', path: '/a', headers: {host: 'x'}});
		expect(() => new HttpRequestReader().push(Buffer.from('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03'))).toThrow('does not speak HTTP');
	});
});

describe('port-forward over SPDY', () => {
	let api: TestServer;
	let cluster: Awaited<ReturnType<typeof fakeCluster>>;

	beforeAll(async () => {
		cluster = await fakeCluster();
		api = await serveForTest(cluster);
		const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web'}, spec: {containers: [{name: 'web', image: 'nginx'}]}};
		expect((await api.request('POST', '/api/v1/namespaces/default/pods', {body: pod})).status).toBe(201);
	});

	afterAll(async () => {
		await api.close();
		await cluster.stop();
	});

	/** A SPDY client on the raw connection, as kubectl's fallback is. */
	async function openSession(
		target = '/api/v1/namespaces/default/pods/web/portforward',
		protocols = 'portforward.k8s.io',
	): Promise<{socket: TLSSocket; head: string; frames: Frame[]; synStream(id: number, headers: Record<string, string>): Promise<void>; send(bytes: Buffer): void}> {
		const socket = connect({host: '127.0.0.1', port: api.server.port, ca: api.server.credentials.caCertificate, servername: 'localhost'});
		await new Promise(resolve => socket.once('secureConnect', resolve));
		socket.write(
			`POST ${target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.token}\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocols}\r\n\r\n`,
		);
		const reader = new FrameReader();
		const frames: Frame[] = [];
		let head = '';
		let headDone = false;
		socket.on('data', (chunk: Buffer) => {
			if (!headDone) {
				const text = chunk.toString('latin1');
				const end = text.indexOf('\r\n\r\n');
				if (end < 0) return void (head += text);
				head += text.slice(0, end);
				headDone = true;
				chunk = chunk.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
			}
			frames.push(...reader.push(chunk));
		});
		await eventually(async () => headDone, 10, 'the 101');
		const deflate = zlib.createDeflate({dictionary: spdyDictionary});
		const compressed: Buffer[] = [];
		deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
		return {
			socket,
			head,
			frames,
			async synStream(id, headers) {
				deflate.write(encodeHeaderBlock(headers));
				await new Promise<void>(resolve => deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve()));
				const block = Buffer.concat(compressed.splice(0));
				const payload = Buffer.concat([Buffer.alloc(10), block]);
				payload.writeUInt32BE(id, 0);
				socket.write(controlFrame(controlType.synStream, 0, payload));
			},
			send: bytes => socket.write(bytes),
		};
	}

	const dataOn = (frames: Frame[], id: number) =>
		Buffer.concat(frames.flatMap(frame => (frame.control === false && frame.streamId === id ? [frame.data] : []))).toString();
	const finished = (frames: Frame[], id: number) => frames.some(frame => frame.control === false && frame.streamId === id && frame.flags & 1);

	it('answers an HTTP request on the data stream through the pod, then ends both streams', async () => {
		const session = await openSession();
		expect(session.head).toContain('101 Switching Protocols');
		expect(session.head).toContain('X-Stream-Protocol-Version: portforward.k8s.io');
		await session.synStream(1, {streamtype: 'error', port: '8080', requestid: '0'});
		session.send(dataFrame(1, Buffer.alloc(0), true));
		await session.synStream(3, {streamtype: 'data', port: '8080', requestid: '0'});
		session.send(dataFrame(3, Buffer.from('GET /hello HTTP/1.1\r\nHost: localhost:18888\r\n\r\n'), false));
		await eventually(async () => finished(session.frames, 3) && finished(session.frames, 1), 10, 'both streams to end');
		const replies = session.frames.filter(frame => frame.control && frame.type === controlType.synReply);
		expect(replies).toHaveLength(2);
		expect(dataOn(session.frames, 3)).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\npod web:8080 got GET \/hello $/);
		expect(dataOn(session.frames, 1)).toBe('');
		const ping = controlFrame(controlType.ping, 0, Buffer.from([0, 0, 0, 7]));
		session.send(ping);
		await eventually(async () => session.frames.some(frame => frame.control && frame.type === controlType.ping), 10, 'the ping echoed');
		session.socket.destroy();
	});

	it('says on the error stream when a connection does not speak HTTP', async () => {
		const session = await openSession();
		await session.synStream(1, {streamtype: 'error', port: '5432', requestid: '0'});
		await session.synStream(3, {streamtype: 'data', port: '5432', requestid: '0'});
		session.send(dataFrame(3, Buffer.from([0, 0, 0, 8, 4, 210, 22, 47, 0, 0, 0, 0]), false));
		await eventually(async () => finished(session.frames, 1), 10, 'the error stream to end');
		expect(dataOn(session.frames, 1)).toContain('kubedeck forwards HTTP only');
		session.socket.destroy();
	});

	it('runs exec over SPDY too, with the v4 channel protocol', async () => {
		const session = await openSession('/api/v1/namespaces/default/pods/web/exec?command=fail&command=4&container=web&stdout=true&stderr=true', 'v4.channel.k8s.io,v3.channel.k8s.io');
		expect(session.head).toContain('X-Stream-Protocol-Version: v4.channel.k8s.io');
		await session.synStream(1, {streamtype: 'error'});
		await session.synStream(3, {streamtype: 'stdout'});
		await session.synStream(5, {streamtype: 'stderr'});
		await eventually(async () => finished(session.frames, 1), 10, 'the error stream to end');
		expect(dataOn(session.frames, 5)).toBe('oops\n');
		expect(JSON.parse(dataOn(session.frames, 1))).toMatchObject({status: 'Failure', reason: 'NonZeroExitCode', details: {causes: [{reason: 'ExitCode', message: '4'}]}});
		expect(finished(session.frames, 3) && finished(session.frames, 5)).toBe(true);
		session.socket.destroy();
	});

	it('refuses a pod that does not exist before upgrading', async () => {
		const reply = await api.request('POST', '/api/v1/namespaces/default/pods/nobody/portforward', {
			headers: {connection: 'Upgrade', upgrade: 'SPDY/3.1', 'x-stream-protocol-version': 'portforward.k8s.io'},
		});
		expect(reply.status).toBe(404);
	});
});
