/**
 * nginx, Debian-based (`nginx:1.27`) or Alpine-based (`nginx:alpine`): the official image's entrypoint output, the
 * welcome page on port 80, static files from /usr/share/nginx/html (mount a ConfigMap there to serve your own), access
 * lines in its `main` log format on stdout and notices on stderr. A mounted conf.d/*.conf may change the port and root.
 */
import {fsErrorText, resolvePath} from '../filesystem.js';
import {alpineRoot, debianRoot, ImageFiles} from '../image-files.js';
import type {ImageDefinition, ImageVariant} from '../image.js';
import type {Process, Program} from '../process.js';
import type {HttpRequest, HttpResponse} from '../types.js';
import {alpineOsRelease, debianBookworm, type Userland} from '../userland.js';
import {kernelRelease} from '../commands/system.js';
import {defaultPath, httpDate, Mi, perSecond} from './common.js';

/** The newest patch of each minor version the catalogue knows. */
const newestPatch: Record<number, number> = {16: 1, 17: 10, 18: 0, 19: 10, 20: 2, 21: 6, 22: 1, 23: 4, 24: 0, 25: 5, 26: 3, 27: 5, 28: 0, 29: 3};
const mainline = '1.29.3';
const stable = '1.28.0';
const flavours = new Set(['', 'alpine', 'alpine-slim', 'perl', 'alpine-perl', 'otel', 'alpine-otel', 'bookworm', 'bookworm-perl', 'bookworm-otel', 'bullseye', 'bullseye-perl']);

/** The version and base a tag stands for: `1.27` is 1.27.5 on Debian, `stable-alpine` 1.28.0 on Alpine. */
function parseTag(tag: string): {version: string; alpine: boolean} | undefined {
	const match = /^(latest|mainline|stable|1(?:\.(\d+)(?:\.(\d+))?)?)?(?:-?)(.*)$/.exec(tag);
	if (!match) return undefined;
	const [, base = '', minorText, patchText, flavour] = match;
	if (!flavours.has(flavour) || (base === '' && flavour === '')) return undefined;
	if (base && flavour && tag !== `${base}-${flavour}`) return undefined;
	const alpine = flavour.startsWith('alpine');
	if (base === '' || base === 'latest' || base === 'mainline' || base === '1') {
		if (base === 'latest' && flavour) return undefined;
		return {version: mainline, alpine};
	}
	if (base === 'stable') return {version: stable, alpine};
	const minor = Number(minorText);
	const newest = newestPatch[minor];
	if (newest === undefined) return undefined;
	if (patchText === undefined) return {version: `1.${minor}.${newest}`, alpine};
	const patch = Number(patchText);
	if (patch > newest) return undefined;
	return {version: `1.${minor}.${patch}`, alpine};
}

export const welcomePage = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const errorPage = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

const mainConf = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const defaultConf = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const entrypointScript = `#!/bin/sh
# Runs the scripts in /docker-entrypoint.d/ before starting nginx, then execs the command.
set -e

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

exec "$@"
`;

const contentTypes: Record<string, string> = {
	html: 'text/html',
	htm: 'text/html',
	txt: 'text/plain',
	css: 'text/css',
	js: 'application/javascript',
	json: 'application/json',
	xml: 'text/xml',
	svg: 'image/svg+xml',
	png: 'image/png',
	ico: 'image/x-icon',
};

/** `2026/11/26 11:40:43`, nginx's error log time. */
const logTime = perSecond(ms => new Date(ms).toISOString().slice(0, 19).replace(/-/g, '/').replace('T', ' '));

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `26/Nov/2026:11:40:43 +0000`, nginx's $time_local. */
const timeLocal = perSecond(ms => {
	const date = new Date(ms);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
});

function builtPage(status: number, reason: string, version: string): string {
	return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/** The server blocks of conf.d: ports to listen on and the document root. */
function readConfiguration(process: Process): {ports: number[]; root: string} {
	const fs = process.system.fs;
	const names = fs.list('/etc/nginx/conf.d');
	const ports = new Set<number>();
	let root = '/usr/share/nginx/html';
	for (const name of Array.isArray(names) ? names : []) {
		if (!name.endsWith('.conf')) continue;
		const text = fs.read(`/etc/nginx/conf.d/${name}`);
		if (typeof text !== 'string') continue;
		for (const match of text.matchAll(/^\s*listen\s+(?:\[::\]:|[\d.]+:)?(\d+)/gm)) ports.add(Number(match[1]));
		const rootMatch = /^\s*root\s+([^;\s]+)\s*;/m.exec(text);
		if (rootMatch) root = rootMatch[1];
	}
	return {ports: ports.size > 0 ? [...ports] : [], root};
}

type Setup = {version: string; alpine: boolean};

function nginxProgram(setup: Setup): Program {
	return process => {
		const args = process.argv.slice(1);
		const {version} = setup;
		const gcc = setup.alpine ? 'gcc 14.2.0 (Alpine 14.2.0)' : 'gcc 12.2.0 (Debian 12.2.0-14+deb12u1)';
		if (args.includes('-v')) {
			process.stderr.write(`nginx version: nginx/${version}\n`);
			return Promise.resolve(0);
		}
		if (args.includes('-V')) {
			process.stderr.write(`nginx version: nginx/${version}\nbuilt by ${gcc}\nbuilt with OpenSSL 3.0.15 3 Sep 2024\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log --http-log-path=/var/log/nginx/access.log --pid-path=/run/nginx.pid --with-http_ssl_module --with-http_v2_module\n`);
			return Promise.resolve(0);
		}
		if (args.includes('-t') || args.includes('-T')) {
			process.stderr.write('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
			if (args.includes('-T')) process.stdout.write(`# configuration file /etc/nginx/nginx.conf:\n${mainConf}\n`);
			return Promise.resolve(0);
		}
		const signalAt = args.indexOf('-s');
		if (signalAt >= 0) {
			const signal = args[signalAt + 1];
			process.stderr.write(`${logTime(process.system.clock.now())} [notice] ${process.system.processes().length + 1}#${process.system.processes().length + 1}: signal process started\n`);
			if (signal === 'stop' || signal === 'quit') process.system.kill(1, 'TERM');
			return Promise.resolve(0);
		}
		const directives = args.includes('-g') ? args[args.indexOf('-g') + 1] ?? '' : '';
		const mainConfiguration = process.system.fs.read('/etc/nginx/nginx.conf');
		const daemonOff = /daemon\s+off\s*;/.test(directives) || (typeof mainConfiguration === 'string' && /^\s*daemon\s+off\s*;/m.test(mainConfiguration));
		if (!daemonOff) {
			// Without `daemon off;` nginx forks into the background and the command returns at once.
			return Promise.resolve(0);
		}
		return serveStatic(process, setup);
	};
}

function serveStatic(process: Process, setup: Setup): Promise<number> {
	const system = process.system;
	const stdout = process.stdout;
	const stderr = process.stderr;
	const {version} = setup;
	const configuration = readConfiguration(process);
	const ports = configuration.ports.length > 0 ? configuration.ports : [80];
	const root = configuration.root;
	const notice = (text: string, pid = 1) => stderr.write(`${logTime(system.clock.now())} [notice] ${pid}#${pid}: ${text}\n`);
	const workers = Math.max(1, Math.min(4, system.resources?.cpuLimitMilli ? Math.ceil(system.resources.cpuLimitMilli / 1000) : 4));
	const workerPids = Array.from({length: workers}, (_unused, index) => 29 + index);
	let requestNumber = 0;
	const handler = (request: HttpRequest): HttpResponse => {
		const now = system.clock.now();
		system.meter.hit(now);
		requestNumber++;
		const response = answer(request, now);
		const bytes = request.method === 'HEAD' ? 0 : Buffer.byteLength(response.body);
		const header = (name: string) => request.headers[name] || '-';
		stdout.write(`${request.remoteAddress ?? '127.0.0.1'} - - [${timeLocal(now)}] "${request.method} ${request.path} HTTP/1.1" ${response.status} ${bytes} "${header('referer')}" "${header('user-agent')}" "${header('x-forwarded-for')}"\n`);
		return response;
	};
	const answer = (request: HttpRequest, now: number): HttpResponse => {
		const headers: Record<string, string> = {server: `nginx/${version}`, date: httpDate(now), 'content-type': 'text/html', connection: 'keep-alive'};
		const page = (status: number, reason: string): HttpResponse => ({status, headers, body: builtPage(status, reason, version)});
		if (request.method !== 'GET' && request.method !== 'HEAD') return page(405, 'Not Allowed');
		let path: string;
		try {
			path = decodeURIComponent(request.path.split('?')[0]);
		} catch {
			return page(400, 'Bad Request');
		}
		const file = resolvePath(root, `.${path}`);
		const fs = system.fs;
		const kind = fs.stat(file);
		if (kind === 'dir' && !path.endsWith('/')) {
			headers.location = `http://${request.headers.host ?? 'localhost'}${path}/`;
			return page(301, 'Moved Permanently');
		}
		const target = kind === 'dir' ? resolvePath(file, 'index.html') : file;
		const content = fs.read(target);
		if (typeof content !== 'string') {
			const reason = kind === 'dir' ? 'directory index of' : 'open()';
			const detail = kind === 'dir' ? `"${file}/" is forbidden (13: Permission denied)` : `"${target}" failed (2: ${fsErrorText[content.error]})`;
			stderr.write(
				`${logTime(now)} [error] ${workerPids[0]}#${workerPids[0]}: *${requestNumber} ${reason} ${detail}, client: ${request.remoteAddress ?? '127.0.0.1'}, server: localhost, request: "${request.method} ${request.path} HTTP/1.1", host: "${request.headers.host ?? 'localhost'}"\n`,
			);
			return kind === 'dir' ? page(403, 'Forbidden') : page(404, 'Not Found');
		}
		const extension = target.slice(target.lastIndexOf('.') + 1).toLowerCase();
		headers['content-type'] = contentTypes[extension] ?? 'application/octet-stream';
		headers['last-modified'] = httpDate(system.startedAt);
		headers.etag = `"${Math.floor(system.startedAt / 1000).toString(16)}-${Buffer.byteLength(content).toString(16)}"`;
		headers['accept-ranges'] = 'bytes';
		return {status: 200, headers, body: request.method === 'HEAD' ? '' : content};
	};
	for (const port of ports) {
		if (system.listen(port, handler)) continue;
		for (const other of ports) system.unlisten(other);
		for (let attempt = 0; attempt < 5; attempt++) stderr.write(`${logTime(system.clock.now())} [emerg] 1#1: bind() to 0.0.0.0:${port} failed (98: Address in use)\nnginx: [emerg] bind() to 0.0.0.0:${port} failed (98: Address in use)\n`);
		stderr.write(`${logTime(system.clock.now())} [emerg] 1#1: still could not bind()\nnginx: [emerg] still could not bind()\n`);
		return Promise.resolve(1);
	}
	notice('using the "epoll" event method');
	notice(`nginx/${version}`);
	notice(`built by ${setup.alpine ? 'gcc 14.2.0 (Alpine 14.2.0)' : 'gcc 12.2.0 (Debian 12.2.0-14+deb12u1)'} `);
	notice(`OS: Linux ${kernelRelease}`);
	notice('getrlimit(RLIMIT_NOFILE): 1048576:1048576');
	notice('start worker processes');
	for (const pid of workerPids) notice(`start worker process ${pid}`);
	return process.signals.wait().then(signal => {
		if (signal === 'KILL') return 137;
		if (signal === 'INT') {
			notice('signal 2 (SIGINT) received, exiting');
		} else {
			notice('signal 3 (SIGQUIT) received, shutting down');
			for (const pid of workerPids) {
				notice('gracefully shutting down', pid);
				notice('exiting', pid);
				notice('exit', pid);
			}
		}
		for (const pid of workerPids) {
			notice(`signal 17 (SIGCHLD) received from ${pid}`);
			notice(`worker process ${pid} exited with code 0`);
		}
		notice('exit');
		return 0;
	});
}

/** The image's entrypoint: its configuration steps, announced, when the command is nginx; then the command. */
function entrypointProgram(setup: Setup): Program {
	return process => {
		const args = process.argv.slice(1);
		const command = args[0];
		if (command === undefined) return Promise.resolve(0);
		const quiet = Boolean(process.env.get('NGINX_ENTRYPOINT_QUIET_LOGS'));
		if ((command === 'nginx' || command === 'nginx-debug') && !quiet) {
			const log = (line: string) => process.stdout.write(`${line}\n`);
			const script = '10-listen-on-ipv6-by-default.sh';
			const conf = '/etc/nginx/conf.d/default.conf';
			log('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
			log('/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/');
			log(`/docker-entrypoint.sh: Launching /docker-entrypoint.d/${script}`);
			const fs = process.system.fs;
			const current = fs.read(conf);
			if (typeof current !== 'string') {
				log(`${script}: info: ${conf} is not a file or does not exist`);
			} else if (current !== defaultConf) {
				log(`${script}: info: Getting the checksum of ${conf}`);
				log(`${script}: info: ${conf} differs from the packaged version`);
			} else if (!fs.writable(conf)) {
				log(`${script}: info: can not modify ${conf} (read-only file system?)`);
			} else {
				log(`${script}: info: Getting the checksum of ${conf}`);
				log(`${script}: info: Enabled listen on IPv6 in ${conf}`);
			}
			if (Number(setup.version.split('.')[1]) >= 25) log('/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh');
			log('/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh');
			log('/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh');
			log('/docker-entrypoint.sh: Configuration complete; ready for start up');
		}
		const program = process.system.findProgram(command);
		if (!program) {
			process.stderr.write(`/docker-entrypoint.sh: exec: line 47: ${command}: not found\n`);
			return Promise.resolve(127);
		}
		return program({...process, argv: args});
	};
}

const alpineUserland: Userland = {flavour: 'busybox', bash: false, tools: new Set(['curl', 'wget', 'ps', 'nslookup']), osRelease: alpineOsRelease('3.21.3')};

function variant(setup: Setup): ImageVariant {
	const alpine = setup.alpine;
	const userland = alpine ? alpineUserland : debianBookworm;
	return {
		entrypoint: ['/docker-entrypoint.sh'],
		cmd: ['nginx', '-g', 'daemon off;'],
		env: [
			defaultPath,
			{name: 'NGINX_VERSION', value: setup.version},
			{name: 'NJS_VERSION', value: '0.8.10'},
			...(alpine ? [] : [{name: 'NJS_RELEASE', value: '1~bookworm'}]),
			{name: 'PKG_RELEASE', value: alpine ? '1' : '1~bookworm'},
		],
		workingDir: '/',
		userland,
		files: new ImageFiles(
			{
				'/etc/nginx/nginx.conf': mainConf,
				'/etc/nginx/conf.d/default.conf': defaultConf,
				'/etc/nginx/mime.types': 'types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n}\n',
				'/usr/share/nginx/html/index.html': welcomePage,
				'/usr/share/nginx/html/50x.html': errorPage,
				'/docker-entrypoint.sh': entrypointScript,
				'/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': '#!/bin/sh\n',
				'/docker-entrypoint.d/15-local-resolvers.envsh': '#!/bin/sh\n',
				'/docker-entrypoint.d/20-envsubst-on-templates.sh': '#!/bin/sh\n',
				'/docker-entrypoint.d/30-tune-worker-processes.sh': '#!/bin/sh\n',
				'/etc/os-release': userland.osRelease,
			},
			[...(alpine ? alpineRoot : debianRoot), '/var/cache/nginx', '/var/log/nginx', '/etc/nginx/templates'],
		),
		programs: {'/docker-entrypoint.sh': entrypointProgram(setup), '/usr/sbin/nginx': nginxProgram(setup), '/usr/sbin/nginx-debug': nginxProgram(setup)},
		usage: {idleCpuMilli: [0, 2], idleMemoryBytes: [7 * Mi, 11 * Mi], cpuMilliPerRequestRate: 0.5, memoryBytesPerRequestRate: 0.2 * Mi, maxExtraMemoryBytes: 16 * Mi},
		sizeBytes: alpine ? 20_962_581 : 72_099_501,
	};
}

const variants = new Map<string, ImageVariant>();

export const nginxImage: ImageDefinition = {
	repositories: ['nginx'],
	variant(tag) {
		const setup = parseTag(tag);
		if (!setup) return undefined;
		const key = `${setup.version}${setup.alpine ? '-alpine' : ''}`;
		let found = variants.get(key);
		if (!found) {
			found = variant(setup);
			variants.set(key, found);
		}
		return found;
	},
};
