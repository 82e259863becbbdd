import {resolvePath} from '../filesystem.js';
import {statusText} from '../http-status.js';
import {NetworkError} from '../network-error.js';
import type {Process, Program} from '../process.js';
import type {FetchInit, HttpResponse} from '../types.js';
import {hasOption, isBusybox, optionValue, optionValues, parseOptions} from './common.js';

type Target = {url: string; host: string; port: number; path: string};

/** A URL as curl and wget take it: the scheme may be left out. */
function target(text: string): Target | undefined {
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
	try {
		const url = new URL(withScheme);
		const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
		return {url: url.href, host: url.hostname, port, path: `${url.pathname}${url.search}`};
	} catch {
		return undefined;
	}
}

/** Sends a request from the container; gives up on a signal or after the timeout. */
async function request(process: Process, url: string, init: FetchInit): Promise<HttpResponse | NetworkError | 'interrupted'> {
	const signals = process.signals;
	let unlisten = () => {};
	let timer: {cancel(): void} | undefined;
	const interrupted = new Promise<'interrupted'>(resolve => {
		unlisten = signals.listen(() => resolve('interrupted'));
	});
	const timeout = new Promise<NetworkError>(resolve => {
		if (init.timeoutMs) timer = process.system.clock.setTimeout(() => resolve(new NetworkError('ETIMEDOUT', url)), init.timeoutMs);
	});
	const fetched = process.system.fetch(url, init).catch((error: unknown) => (error instanceof NetworkError ? error : new NetworkError('ECONNRESET', url, undefined, String(error))));
	try {
		return await Promise.race([fetched, interrupted, timeout]);
	} finally {
		unlisten();
		timer?.cancel();
	}
}

function byteLength(text: string): number {
	return Buffer.byteLength(text);
}

/** `Content-Type` from `content-type`, as a client prints a header it received. */
function headerName(name: string): string {
	return name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** Headers as received, with the framing header the transport would have added. */
function receivedHeaders(response: HttpResponse, head: boolean): Array<[string, string]> {
	const headers = Object.entries(response.headers).map(([name, value]): [string, string] => [headerName(name), value]);
	if (!('content-length' in response.headers) && !('transfer-encoding' in response.headers)) headers.push(['Content-Length', String(head ? 0 : byteLength(response.body))]);
	return headers;
}

const curlVersion = '7.88.1';

/** curl: the common options (-s -S -f -i -I -o -O -X -H -d -w -m -L -k -v). */
export const curl: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'sSfiIo:OX:H:d:w:m:LkvA:u:', {
		silent: 's',
		'show-error': 'S',
		fail: 'f',
		include: 'i',
		head: 'I',
		location: 'L',
		insecure: 'k',
		verbose: 'v',
		'output=': 'o',
		'request=': 'X',
		'header=': 'H',
		'data=': 'd',
		'data-raw=': 'd',
		'data-binary=': 'd',
		'write-out=': 'w',
		'max-time=': 'm',
		'connect-timeout=': 'm',
		'user-agent=': 'A',
		'retry=': 'r',
	});
	const flag = (name: string) => hasOption(parsed, name);
	const silent = flag('s');
	const showErrors = !silent || flag('S');
	const fail = (code: number, message: string) => {
		if (showErrors) process.stderr.write(`curl: (${code}) ${message}\n`);
		return code;
	};
	if (parsed.operands.length === 0) {
		process.stderr.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
		return 2;
	}
	let status = 0;
	for (const operand of parsed.operands) {
		const destination = target(operand);
		if (!destination) {
			status = fail(3, `URL rejected: Malformed input to a URL function`);
			continue;
		}
		const headers: Record<string, string> = {host: destination.port === 80 ? destination.host : `${destination.host}:${destination.port}`, 'user-agent': optionValue(parsed, 'A') ?? `curl/${curlVersion}`, accept: '*/*'};
		for (const header of optionValues(parsed, 'H')) {
			const colon = header.indexOf(':');
			if (colon > 0) headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
		}
		const data = optionValues(parsed, 'd');
		const body = data.length > 0 ? data.join('&') : undefined;
		if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/x-www-form-urlencoded';
		const method = optionValue(parsed, 'X') ?? (flag('I') ? 'HEAD' : body !== undefined ? 'POST' : 'GET');
		const maxTime = optionValue(parsed, 'm');
		const timeoutMs = maxTime ? Number(maxTime) * 1000 : undefined;
		const started = process.system.clock.now();
		const response = await request(process, destination.url, {method, headers, body, timeoutMs});
		if (response === 'interrupted') return 130;
		const elapsed = Math.max(1, process.system.clock.now() - started);
		if (response instanceof NetworkError) {
			switch (response.code) {
				case 'ENOTFOUND':
					status = fail(6, `Could not resolve host: ${destination.host}`);
					break;
				case 'ETIMEDOUT':
					status = fail(28, `Failed to connect to ${destination.host} port ${destination.port} after ${timeoutMs ?? elapsed} ms: Timeout was reached`);
					break;
				case 'ECONNRESET':
					status = fail(56, 'Recv failure: Connection reset by peer');
					break;
				case 'EHOSTUNREACH':
					status = fail(7, `Failed to connect to ${destination.host} port ${destination.port} after ${elapsed} ms: No route to host`);
					break;
				default:
					status = fail(7, `Failed to connect to ${destination.host} port ${destination.port} after ${elapsed} ms: Couldn't connect to server`);
			}
			continue;
		}
		if (flag('f') && response.status >= 400) {
			status = fail(22, `The requested URL returned error: ${response.status}`);
			continue;
		}
		let output = '';
		if (flag('i') || flag('I')) {
			output += `HTTP/1.1 ${response.status} ${statusText(response.status)}\r\n`;
			for (const [name, value] of receivedHeaders(response, method === 'HEAD')) output += `${name}: ${value}\r\n`;
			output += '\r\n';
		}
		if (method !== 'HEAD') output += response.body;
		const file = optionValue(parsed, 'o') ?? (flag('O') ? destination.path.split('/').pop() || 'index.html' : undefined);
		if (file !== undefined && file !== '-') {
			const error = process.system.fs.write(resolvePath(process.cwd, file), output);
			if (error) {
				status = fail(23, `Failure writing output to destination`);
				continue;
			}
		} else {
			process.stdout.write(output);
		}
		const toTerminal = process.stdout.tty && (file === undefined || file === '-');
		if (!silent && !toTerminal) progressMeter(process, byteLength(response.body), elapsed);
		const writeOut = optionValue(parsed, 'w');
		if (writeOut !== undefined) {
			process.stdout.write(
				writeOut
					.replace(/%\{http_code\}|%\{response_code\}/g, String(response.status))
					.replace(/%\{size_download\}/g, String(byteLength(response.body)))
					.replace(/%\{time_total\}/g, (elapsed / 1000).toFixed(6))
					.replace(/%\{url_effective\}/g, destination.url)
					.replace(/%\{content_type\}/g, response.headers['content-type'] ?? '')
					.replace(/\\n/g, '\n')
					.replace(/\\t/g, '\t'),
			);
		}
	}
	return status;
};

/** The progress meter curl prints on stderr when its output is not a terminal. */
function progressMeter(process: Process, size: number, elapsedMs: number): void {
	const speed = Math.round((size * 1000) / elapsedMs);
	const human = (value: number) => (value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(1)}M` : value >= 1024 ? `${Math.round(value / 1024)}k` : String(value));
	process.stderr.write(
		'  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
			'                                 Dload  Upload   Total   Spent    Left  Speed\n' +
			`100 ${human(size).padStart(5)}  100 ${human(size).padStart(5)}    0     0 ${human(speed).padStart(6)}      0 --:--:-- --:--:-- --:--:-- ${human(speed).padStart(6)}\n`,
	);
}

/** wget: BusyBox's (busybox, alpine) or GNU's (Debian images that have it). */
export const wget: Program = async process => {
	const parsed = parseOptions(process.argv.slice(1), 'qO:T:SU:cY:', {
		quiet: 'q',
		'output-document=': 'O',
		'timeout=': 'T',
		spider: 'p',
		'header=': 'H',
		'post-data=': 'D',
		'user-agent=': 'U',
		'server-response': 'S',
		'no-check-certificate': 'k',
		'tries=': 't',
	});
	const busybox = isBusybox(process);
	const quiet = hasOption(parsed, 'q');
	const spider = hasOption(parsed, 'p');
	const note = (text: string) => {
		if (!quiet) process.stderr.write(`${text}\n`);
	};
	const error = (text: string) => {
		if (busybox || !quiet) process.stderr.write(`${text}\n`);
	};
	if (parsed.operands.length === 0) {
		process.stderr.write(busybox ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n' : 'wget: missing URL\n');
		return 1;
	}
	let status = 0;
	for (const operand of parsed.operands) {
		const destination = target(operand);
		if (!destination) {
			error(busybox ? `wget: not an http or ftp url: ${operand}` : `${operand}: Invalid URL`);
			status = 1;
			continue;
		}
		const headers: Record<string, string> = {host: destination.host, 'user-agent': optionValue(parsed, 'U') ?? (busybox ? 'Wget' : 'Wget/1.16 (linux-gnu)')};
		for (const header of optionValues(parsed, 'H')) {
			const colon = header.indexOf(':');
			if (colon > 0) headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
		}
		const body = optionValue(parsed, 'D');
		const timeout = optionValue(parsed, 'T');
		const address = (await process.system.pod.network.lookup?.(destination.host).catch(() => undefined)) ?? (process.system.pod.isSelf(destination.host) ? '127.0.0.1' : destination.host);
		if (busybox) note(`Connecting to ${destination.host}${destination.port === 80 ? '' : `:${destination.port}`} (${address}:${destination.port})`);
		else note(`--${timestampGnu(process.system.clock.now())}--  ${destination.url}\nConnecting to ${destination.host} (${destination.host})|${address}|:${destination.port}... connected.\nHTTP request sent, awaiting response... `);
		const response = await request(process, destination.url, {method: spider ? 'HEAD' : body !== undefined ? 'POST' : 'GET', headers, body, timeoutMs: timeout ? Number(timeout) * 1000 : undefined});
		if (response === 'interrupted') return 130;
		if (response instanceof NetworkError) {
			status = busybox ? 1 : 4;
			if (response.code === 'ENOTFOUND') error(busybox ? `wget: bad address '${destination.host}'` : `wget: unable to resolve host address '${destination.host}'`);
			else if (response.code === 'ETIMEDOUT') error(busybox ? 'wget: download timed out' : 'Read error (Connection timed out) in headers.');
			else if (response.code === 'ECONNRESET') error(busybox ? `wget: error getting response: Connection reset by peer` : 'Read error (Connection reset by peer) in headers.');
			else error(busybox ? `wget: can't connect to remote host (${address}): Connection refused` : `failed: Connection refused.`);
			continue;
		}
		if (response.status >= 400) {
			error(busybox ? `wget: server returned error: HTTP/1.1 ${response.status} ${statusText(response.status)}` : `${response.status} ${statusText(response.status)}\n${timestampGnu(process.system.clock.now())} ERROR ${response.status}: ${statusText(response.status)}.`);
			status = busybox ? 1 : 8;
			continue;
		}
		if (!busybox) note(`${response.status} ${statusText(response.status)}\nLength: ${byteLength(response.body)} [${response.headers['content-type'] ?? 'text/plain'}]`);
		if (spider) {
			if (busybox) note('remote file exists');
			continue;
		}
		const file = optionValue(parsed, 'O') ?? (decodeURIComponent(destination.path.split('?')[0].split('/').pop() ?? '') || 'index.html');
		if (file === '-') {
			if (busybox) note('writing to stdout');
			process.stdout.write(response.body);
			if (busybox) note(`-                    100% |********************************| ${String(byteLength(response.body)).padStart(5)}  0:00:00 ETA\nwritten to stdout`);
			continue;
		}
		const failure = process.system.fs.write(resolvePath(process.cwd, file), response.body);
		if (failure) {
			error(busybox ? `wget: can't open '${file}': Read-only file system` : `${file}: Read-only file system`);
			status = busybox ? 1 : 3;
			continue;
		}
		if (busybox) note(`saving to '${file}'\n${file.padEnd(20).slice(0, 20)} 100% |********************************| ${String(byteLength(response.body)).padStart(5)}  0:00:00 ETA\n'${file}' saved`);
		else note(`Saving to: '${file}'\n\n${timestampGnu(process.system.clock.now())} - '${file}' saved [${byteLength(response.body)}/${byteLength(response.body)}]\n`);
	}
	return status;
};

function timestampGnu(ms: number): string {
	return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** nslookup as BusyBox prints it, resolving through the pod's network. */
export const nslookup: Program = async process => {
	const name = process.argv.slice(1).find(arg => !arg.startsWith('-'));
	if (!name) {
		process.stderr.write('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
		return 1;
	}
	const pod = process.system.pod;
	const resolv = pod.file('/etc/resolv.conf') ?? '';
	const server = /nameserver (\S+)/.exec(resolv)?.[1] ?? '10.96.0.10';
	const search = /search (.+)/.exec(resolv)?.[1].split(' ') ?? [];
	const fqdn = name.includes('.') || search.length === 0 ? name : `${name}.${search[0]}`;
	process.stdout.write(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
	const address = pod.isSelf(name) ? pod.ip : await pod.network.lookup?.(name).catch(() => undefined);
	if (!address) {
		process.stdout.write(`** server can't find ${fqdn}: NXDOMAIN\n\n`);
		return 1;
	}
	process.stdout.write(`Name:\t${fqdn}\nAddress: ${address}\n\n`);
	return 0;
};
