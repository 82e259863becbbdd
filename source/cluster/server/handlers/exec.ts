/**
 * pods/exec over WebSocket, the channel protocol kubectl 1.32 speaks (v5.channel.k8s.io; v4 for older clients and
 * the Python client). Every message is binary and starts with its channel: 0 stdin, 1 stdout, 2 stderr, 3 status
 * (a Status as JSON), 4 resize; v5 adds 255 <channel> to close one (stdin EOF). After the status the server closes
 * with 1000: kubectl waits for that close to exit.
 */
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import type {WebSocket, WebSocketServer} from 'ws';
import {errors, type Status} from '../../api/status.js';
import {statusOf} from '../respond.js';
import type {Cluster} from '../../cluster-types.js';
import type {OpenStreams} from '../context.js';
import type {ResourcePath} from '../request-path.js';
import {booleanParameter} from '../query.js';
import {containerFor} from './pod-container.js';

export const channelProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

const channel = {stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4, close: 255};

/** The protocol to answer with: the first of `supported` (in the server's order of preference) that is offered. */
export function chooseChannelProtocol(offered: string | undefined, supported = channelProtocols): string | undefined {
	const protocols = (offered ?? '').split(',').map(protocol => protocol.trim());
	return supported.find(protocol => protocols.includes(protocol));
}

export function exitStatus(command: string[], exitCode: number): Record<string, unknown> {
	if (exitCode === 0) return {metadata: {}, status: 'Success'};
	return {
		metadata: {},
		status: 'Failure',
		message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
		reason: 'NonZeroExitCode',
		details: {causes: [{reason: 'ExitCode', message: String(exitCode)}]},
	};
}

export function failureStatus(status: Status): Record<string, unknown> {
	return {metadata: {}, status: 'Failure', message: status.message, reason: status.reason, code: status.code};
}

/** An exec request's connection about to be upgraded, whichever the stream protocol (WebSocket or SPDY). */
export type ExecUpgradeRequest = {
	request: IncomingMessage;
	socket: Duplex;
	head: Buffer;
	path: ResourcePath;
	name: string;
	query: URLSearchParams;
	cluster: Cluster;
	streams: OpenStreams;
};

export type ExecUpgrade = ExecUpgradeRequest & {webSockets: WebSocketServer};

export type ExecRequest = {
	namespace: string;
	pod: string;
	container: string;
	command: string[];
	stdin: boolean;
	stdout: boolean;
	stderr: boolean;
	tty: boolean;
};

/** What an exec request asks for, checked as the API server checks it (the pod and container must exist). */
export function readExecRequest(query: URLSearchParams, cluster: Cluster, path: ResourcePath, name: string): ExecRequest {
	const namespace = path.namespace!;
	const command = query.getAll('command');
	if (command.length === 0) throw errors.badRequest('you must specify at least 1 command');
	const stdin = booleanParameter(query, 'stdin');
	const stdout = booleanParameter(query, 'stdout');
	const stderr = booleanParameter(query, 'stderr');
	const tty = booleanParameter(query, 'tty');
	if (!stdin && !stdout && !stderr) throw errors.badRequest('you must specify at least one of stdin, stdout, stderr');
	const pod = cluster.api.get('pods', namespace, name);
	const container = containerFor(pod, query.get('container'));
	return {namespace, pod: name, container, command, stdin, stdout, stderr, tty};
}

/**
 * Validates the request and starts the command before the upgrade, so that a missing pod or container is an
 * ordinary HTTP error (kubectl prints it); once upgraded, output buffered meanwhile is sent first.
 * Throws ApiError for the caller to answer on the raw socket.
 */
export async function execUpgrade(upgrade: ExecUpgrade): Promise<void> {
	const {request, socket, head, path, name, query, cluster, streams, webSockets} = upgrade;
	const {namespace, container, command, stdin, stdout, stderr, tty} = readExecRequest(query, cluster, path, name);
	const protocol = chooseChannelProtocol(request.headers['sec-websocket-protocol']);
	if (!protocol) throw errors.badRequest(`the WebSocket subprotocol must be one of ${channelProtocols.join(', ')}`);

	let socketReady: WebSocket | undefined;
	const early: Buffer[] = [];
	const send = (frame: Buffer) => {
		if (socketReady) {
			if (socketReady.readyState === socketReady.OPEN) socketReady.send(frame);
		} else early.push(frame);
	};
	const output = (number: number) => (data: string) => send(Buffer.concat([Buffer.from([number]), Buffer.from(data)]));
	const session = await cluster.runtime.exec(namespace, name, container, command, {
		tty,
		stdin,
		onStdout: stdout ? output(channel.stdout) : () => {},
		// A terminal has one output stream: stderr goes to stdout.
		onStderr: stderr ? output(channel.stderr) : tty && stdout ? output(channel.stdout) : () => {},
	});
	if (!stdin) session.closeStdin();

	webSockets.handleUpgrade(request, socket, head, webSocket => {
		socketReady = webSocket;
		const stream = {close: () => webSocket.terminate()};
		streams.add(stream);
		for (const frame of early.splice(0)) webSocket.send(frame);
		let stdinOpen = stdin;
		const closeStdin = () => {
			if (!stdinOpen) return;
			stdinOpen = false;
			session.closeStdin();
		};
		webSocket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
			const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
			if (bytes.length === 0) return;
			const number = bytes[0];
			const payload = bytes.subarray(1);
			try {
				if (number === channel.stdin) {
					if (stdinOpen && payload.length > 0) session.write(payload.toString());
				} else if (number === channel.resize) {
					const size = JSON.parse(payload.toString()) as {Width?: number; Height?: number};
					if (typeof size.Width === 'number' && typeof size.Height === 'number') session.resize(size.Width, size.Height);
				} else if (number === channel.close && payload[0] === channel.stdin) closeStdin();
			} catch {
				// A malformed resize message is ignored, as the kubelet does.
			}
		});
		webSocket.on('close', () => {
			streams.delete(stream);
			closeStdin();
		});
		webSocket.on('error', () => webSocket.terminate());
		session.exitCode.then(
			exitCode => finish(exitStatus(command, exitCode)),
			(error: unknown) => finish(failureStatus(statusOf(error))),
		);
		function finish(status: Record<string, unknown>): void {
			if (webSocket.readyState !== webSocket.OPEN) return;
			webSocket.send(Buffer.concat([Buffer.from([channel.status]), Buffer.from(JSON.stringify(status))]));
			webSocket.close(1000);
		}
	});
}
