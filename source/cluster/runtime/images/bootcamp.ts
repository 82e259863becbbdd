/**
 * The Kubernetes Basics tutorial's app (gcr.io/google-samples/kubernetes-bootcamp, also jocatalin/kubernetes-bootcamp):
 * a Node.js 6 server on 8080 that answers every request with one line naming its pod and version, and logs a line per
 * request. Tags v1 and v2.
 */
import {signalExitCode} from '../interruption.js';
import {debianRoot, ImageFiles} from '../image-files.js';
import type {ImageDefinition, ImageVariant} from '../image.js';
import type {Process, Program} from '../process.js';
import {debianJessie} from '../userland.js';
import {defaultPath, httpDate, Mi} from './common.js';

const nodeVersion = '6.3.1';

/** What `cat server.js` shows in the container: the app, in a few lines of Node. */
const serverSource = `// One line per request, naming the pod that answered and the app's version.
const http = require('http');

let served = 0;
let started;
const pod = process.env.HOSTNAME;

http.createServer((request, response) => {
  response.writeHead(200, {'Content-Type': 'text/plain'});
  response.end('Hello Kubernetes bootcamp! | Running on: ' + pod + ' | v=VERSION\\n');
  served += 1;
  console.log('Running On:', pod, '| Total Requests:', served, '| App Uptime:', (Date.now() - started) / 1000, 'seconds', '| Log Time:', new Date());
}).listen(8080, () => {
  started = Date.now();
  console.log('Kubernetes Bootcamp App Started At:', new Date(started), '| Running On: ', pod, '\\n');
});
`;

/** `node server.js`: listens on 8080 until stopped. */
function serve(process: Process, version: string): Promise<number> {
	const system = process.system;
	const stdout = process.stdout;
	const host = process.env.get('HOSTNAME') ?? system.pod.hostname;
	let requests = 0;
	let startTime = 0;
	const listening = system.listen(8080, () => {
		const now = system.clock.now();
		system.meter.hit(now);
		requests++;
		stdout.write(`Running On: ${host} | Total Requests: ${requests} | App Uptime: ${(now - startTime) / 1000} seconds | Log Time: ${new Date(now).toISOString()}\n`);
		return {
			status: 200,
			headers: {'content-type': 'text/plain', date: httpDate(now), connection: 'keep-alive'},
			body: `Hello Kubernetes bootcamp! | Running on: ${host} | v=${version}\n`,
		};
	});
	if (!listening) {
		process.stderr.write(
			'events.js:154\n      throw er; // Unhandled \'error\' event\n      ^\n\nError: listen EADDRINUSE :::8080\n' +
				'    at Object.exports._errnoException (util.js:896:11)\n    at exports._exceptionWithHostPort (util.js:919:20)\n' +
				'    at Server._listen2 (net.js:1250:14)\n    at listen (net.js:1286:10)\n    at Server.listen (net.js:1382:5)\n' +
				'    at Object.<anonymous> (/server.js:14:4)\n',
		);
		return Promise.resolve(1);
	}
	startTime = system.clock.now();
	stdout.write(`Kubernetes Bootcamp App Started At: ${new Date(startTime).toISOString()} | Running On:  ${host} \n\n`);
	return process.signals.wait().then(signalExitCode);
}

function nodeProgram(version: string): Program {
	// Not async: the server's promise is returned as it is, with no wrapper kept alive beside it.
	return process => {
		const args = process.argv.slice(1);
		const script = args[0];
		if (script === '-v' || script === '--version') {
			process.stdout.write(`v${nodeVersion}\n`);
			return Promise.resolve(0);
		}
		if (script === undefined) {
			// The REPL, reading from an empty stdin, ends at once.
			return Promise.resolve(0);
		}
		if (script === 'server.js' || script === '/server.js' || script === './server.js') return serve(process, version);
		const path = script.startsWith('/') ? script : `/${script.replace(/^\.\//, '')}`;
		process.stderr.write(
			`module.js:442\n    throw err;\n    ^\n\nError: Cannot find module '${path}'\n    at Function.Module._resolveFilename (module.js:440:15)\n` +
				'    at Function.Module._load (module.js:388:25)\n    at Function.Module.runMain (module.js:575:10)\n    at startup (node.js:160:18)\n    at node.js:456:3\n',
		);
		return Promise.resolve(1);
	};
}

function variant(version: string): ImageVariant {
	return {
		entrypoint: [],
		cmd: ['node', 'server.js'],
		env: [defaultPath, {name: 'NPM_CONFIG_LOGLEVEL', value: 'info'}, {name: 'NODE_VERSION', value: nodeVersion}],
		workingDir: '/',
		userland: debianJessie,
		files: new ImageFiles(
			{
				'/server.js': serverSource.replace('VERSION', version),
				'/etc/os-release': debianJessie.osRelease,
				'/etc/debian_version': '8.5\n',
			},
			[...debianRoot, '/usr/local/lib/node_modules', '/core'],
		),
		programs: {'/usr/local/bin/node': nodeProgram(version)},
		usage: {idleCpuMilli: [1, 3], idleMemoryBytes: [10 * Mi, 14 * Mi], cpuMilliPerRequestRate: 2, memoryBytesPerRequestRate: 0.4 * Mi, maxExtraMemoryBytes: 24 * Mi},
		sizeBytes: 80_961_052,
	};
}

const variants = new Map([
	['v1', variant('1')],
	['v2', variant('2')],
]);

export const bootcampImage: ImageDefinition = {
	repositories: ['kubernetes-bootcamp'],
	variant: tag => variants.get(tag),
};
