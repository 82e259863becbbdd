import {describe, expect, it} from 'vitest';
import {Volume} from '../../../source/cluster/runtime/volume.js';
import {exec, settle, startPod} from './helpers/pods.js';

const get = (path: string) => ({method: 'GET', path, headers: {'user-agent': 'curl/8.5.0', host: '10.244.1.7'}, remoteAddress: '10.244.0.1'});

describe('nginx', () => {
	it('serves the welcome page on 80', async () => {
		const pod = startPod('nginx:1.27');
		await settle();
		expect(pod.container.listens()).toEqual([80]);
		const response = await pod.container.handleHttp(get('/'), 80);
		expect(response?.status).toBe(200);
		expect(response?.headers).toMatchObject({server: 'nginx/1.27.5', 'content-type': 'text/html'});
		expect(response?.body).toContain('<title>Welcome to nginx!</title>');
		expect(Buffer.byteLength(response?.body ?? '')).toBe(615);
	});

	it('logs its entrypoint and start-up like the official image', async () => {
		const pod = startPod('nginx:1.25');
		await settle();
		expect(pod.lines('stdout').slice(0, 3)).toEqual([
			'/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
			'/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
			'/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
		]);
		expect(pod.lines('stdout')).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
		expect(pod.lines('stderr')).toContain('2026/11/26 11:40:00 [notice] 1#1: nginx/1.25.5');
		expect(pod.lines('stderr')).toContain('2026/11/26 11:40:00 [notice] 1#1: start worker processes');
	});

	it('writes an access log line per request in the combined format', async () => {
		const pod = startPod('nginx');
		await settle();
		await pod.clock.advance(5000);
		await pod.container.handleHttp(get('/'), 80);
		await pod.container.handleHttp(get('/nope'), 80);
		const access = pod.lines('stdout').filter(line => line.startsWith('10.244.0.1'));
		expect(access).toEqual([
			'10.244.0.1 - - [26/Nov/2026:11:40:05 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"',
			'10.244.0.1 - - [26/Nov/2026:11:40:05 +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/8.5.0" "-"',
		]);
		expect(pod.lines('stderr').at(-1)).toBe(
			'2026/11/26 11:40:05 [error] 29#29: *2 open() "/usr/share/nginx/html/nope" failed (2: No such file or directory), client: 10.244.0.1, server: localhost, request: "GET /nope HTTP/1.1", host: "10.244.1.7"',
		);
	});

	it('serves files mounted over its html directory', async () => {
		const html = new Volume({'index.html': '<h1>mine</h1>\n', 'about/index.html': 'about\n'}, {readOnly: true});
		const pod = startPod('nginx:alpine', {mounts: [{mountPath: '/usr/share/nginx/html', volume: html}]});
		await settle();
		expect((await pod.container.handleHttp(get('/'), 80))?.body).toBe('<h1>mine</h1>\n');
		expect((await pod.container.handleHttp(get('/about/'), 80))?.body).toBe('about\n');
		expect((await pod.container.handleHttp(get('/about'), 80))?.status).toBe(301);
		expect((await exec(pod, ['sh', '-c', 'echo x > /usr/share/nginx/html/new'])).stderr).toBe("sh: can't create /usr/share/nginx/html/new: Read-only file system\n");
	});

	it('listens where a mounted server block says', async () => {
		const conf = new Volume({'default.conf': 'server {\n    listen 8080;\n    root /srv;\n}\n'}, {readOnly: true});
		const site = new Volume({'index.html': 'srv\n'});
		const pod = startPod('nginx:1.27', {mounts: [{mountPath: '/etc/nginx/conf.d', volume: conf}, {mountPath: '/srv', volume: site}]});
		await settle();
		expect(pod.container.listens()).toEqual([8080]);
		expect((await pod.container.handleHttp(get('/'), 8080))?.body).toBe('srv\n');
		expect(pod.lines('stdout')).toContain('10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf differs from the packaged version');
	});

	it('shuts down gracefully on TERM with exit code 0', async () => {
		const pod = startPod('nginx:1.27');
		await settle();
		pod.container.stop('TERM');
		expect(await pod.container.exited).toEqual({exitCode: 0, reason: 'Completed'});
		expect(pod.lines('stderr')).toContain('2026/11/26 11:40:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down');
		expect(pod.lines('stderr').at(-1)).toBe('2026/11/26 11:40:00 [notice] 1#1: exit');
	});

	it('returns at once when run without daemon off, as nginx forks into the background', async () => {
		const pod = startPod('nginx:1.27', {command: ['nginx']});
		expect(await pod.container.exited).toEqual({exitCode: 0, reason: 'Completed'});
	});

	it('cannot bind a port another container of the pod holds', async () => {
		const first = startPod('nginx:1.27');
		await settle();
		const second = startPod('nginx:1.27', {clock: first.clock});
		// A second pod has its own network namespace, so the same port is fine there.
		await settle();
		expect(second.container.listens()).toEqual([80]);
		const session = first.container.exec(['nginx', '-g', 'daemon off;'], {onStdout() {}, onStderr() {}});
		expect(await session.exitCode).toBe(1);
	});

	it('prints its version', async () => {
		const pod = startPod('nginx:1.26.3-alpine');
		expect(await exec(pod, ['nginx', '-v'])).toEqual({stdout: '', stderr: 'nginx version: nginx/1.26.3\n', code: 0});
	});
});
