/**
 * pods/exec over SPDY/3 (`Upgrade: SPDY/3.1`, channel protocol v4): what kubectl falls back to when WebSocket is
 * refused, what it uses with KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false, and what older kubectl versions speak.
 * The client opens one stream per channel (error, stdin, stdout, stderr, resize, each named by `streamtype`); the
 * command starts once they are all open. At the end stdout and stderr are closed, the error stream carries the
 * Status of a failure (nothing on success) and closes last.
 */
import {errors} from '../../api/status.js';
import type {Cluster} from '../../cluster-types.js';
import {statusOf} from '../respond.js';
import {SpdySession, type SpdyStream} from '../spdy/session.js';
import {chooseChannelProtocol, exitStatus, failureStatus, readExecRequest, type ExecRequest, type ExecUpgradeRequest} from './exec.js';

const spdyChannelProtocols = ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

export type SpdyExecUpgrade = ExecUpgradeRequest;

function expectedStreams(exec: ExecRequest): string[] {
	const names = ['error'];
	if (exec.stdin) names.push('stdin');
	if (exec.stdout) names.push('stdout');
	if (exec.stderr && !exec.tty) names.push('stderr');
	if (exec.tty) names.push('resize');
	return names;
}

function run(exec: ExecRequest, cluster: Cluster, opened: Map<string, SpdyStream>, protocol: string): void {
	const error = opened.get('error')!;
	const stdout = opened.get('stdout');
	const stderr = opened.get('stderr');
	const text = (stream: SpdyStream | undefined) => (data: string) => stream?.write(Buffer.from(data));
	const finish = (status: Record<string, unknown> | undefined) => {
		stdout?.end();
		stderr?.end();
		// Before v4 the error stream carried plain text; a Status is what v4 clients read.
		if (status) error.write(Buffer.from(protocol === 'v4.channel.k8s.io' ? JSON.stringify(status) : String(status['message'] ?? 'error')));
		error.end();
	};
	cluster.runtime
		.exec(exec.namespace, exec.pod, exec.container, exec.command, {
			tty: exec.tty,
			stdin: exec.stdin,
			onStdout: text(stdout),
			onStderr: text(stderr ?? (exec.tty ? stdout : undefined)),
		})
		.then(
			session => {
				const stdin = opened.get('stdin');
				if (stdin) {
					stdin.onData = data => session.write(data.toString());
					stdin.onEnd = () => session.closeStdin();
				} else session.closeStdin();
				const resize = opened.get('resize');
				if (resize) {
					let pending = '';
					resize.onData = data => {
						pending += data.toString();
						let newline: number;
						while ((newline = pending.indexOf('\n')) >= 0) {
							const line = pending.slice(0, newline);
							pending = pending.slice(newline + 1);
							try {
								const size = JSON.parse(line) as {Width?: number; Height?: number};
								if (typeof size.Width === 'number' && typeof size.Height === 'number') session.resize(size.Width, size.Height);
							} catch {
								// A malformed resize message is ignored, as the kubelet does.
							}
						}
					};
				}
				session.exitCode.then(
					code => finish(code === 0 ? undefined : exitStatus(exec.command, code)),
					(failure: unknown) => finish(failureStatus(statusOf(failure))),
				);
			},
			(failure: unknown) => finish(failureStatus(statusOf(failure))),
		);
}

export function spdyExecUpgrade(upgrade: SpdyExecUpgrade): void {
	const {request, socket, head, path, name, query, cluster, streams} = upgrade;
	const exec = readExecRequest(query, cluster, path, name);
	const protocol = chooseChannelProtocol(String(request.headers['x-stream-protocol-version'] ?? ''), spdyChannelProtocols);
	if (!protocol) throw errors.badRequest(`X-Stream-Protocol-Version must offer one of ${spdyChannelProtocols.join(', ')}`);
	socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`);

	const expected = expectedStreams(exec);
	const opened = new Map<string, SpdyStream>();
	let started = false;
	const handle = {close: () => session.close()};
	const session: SpdySession = new SpdySession(
		{write: bytes => socket.write(bytes), close: () => socket.destroy()},
		stream => {
			const type = stream.headers['streamtype'] ?? '';
			if (!expected.includes(type) || opened.has(type)) {
				stream.end();
				return;
			}
			opened.set(type, stream);
			if (!started && expected.every(name => opened.has(name))) {
				started = true;
				run(exec, cluster, opened, protocol);
			}
		},
		() => streams.delete(handle),
	);
	streams.add(handle);
	if (head.length > 0) session.receive(head);
	socket.on('data', (bytes: Buffer) => session.receive(bytes));
	socket.on('close', () => session.close());
}
