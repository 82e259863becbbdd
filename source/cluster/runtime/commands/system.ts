import {signalExitCode} from '../interruption.js';
import type {Program} from '../process.js';
import {isBusybox, toolName} from './common.js';

/** The kernel the simulated nodes report (see bootstrap/nodes.ts). */
export const kernelRelease = '6.1.0-kubedeck';

const unitMs: Record<string, number> = {'': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/** sleep: seconds (fractions and s/m/h/d suffixes too, or `infinity`); ends early on a signal. */
export const sleep: Program = async process => {
	const args = process.argv.slice(1);
	if (args.length === 0) {
		process.stderr.write(isBusybox(process) ? 'sleep: usage: sleep [N]...\n' : "sleep: missing operand\nTry 'sleep --help' for more information.\n");
		return 1;
	}
	let total = 0;
	for (const arg of args) {
		if (arg === 'infinity' || arg === 'inf') {
			total = Number.POSITIVE_INFINITY;
			continue;
		}
		const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
		if (!match) {
			process.stderr.write(isBusybox(process) ? `sleep: invalid number '${arg}'\n` : `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`);
			return 1;
		}
		total += Number(match[1]) * unitMs[match[2]];
	}
	const finished = await process.signals.sleep(process.system.clock, total);
	return finished ? 0 : signalExitCode(process.signals.signal ?? 'TERM');
};

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** strftime over UTC, the containers' time zone. */
export function formatDate(format: string, ms: number): string {
	const date = new Date(ms);
	const pad = (value: number, width = 2, fill = '0') => String(value).padStart(width, fill);
	const dayOfYear = Math.floor((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
	const hour12 = date.getUTCHours() % 12 || 12;
	return format.replace(/%([-_0]?)([a-zA-Z%+])/g, (_match, _flag: string, code: string) => {
		switch (code) {
			case 'Y':
				return String(date.getUTCFullYear());
			case 'y':
				return pad(date.getUTCFullYear() % 100);
			case 'm':
				return pad(date.getUTCMonth() + 1);
			case 'd':
				return pad(date.getUTCDate());
			case 'e':
				return pad(date.getUTCDate(), 2, ' ');
			case 'H':
				return pad(date.getUTCHours());
			case 'I':
				return pad(hour12);
			case 'M':
				return pad(date.getUTCMinutes());
			case 'S':
				return pad(date.getUTCSeconds());
			case 'N':
				return pad(date.getUTCMilliseconds() * 1_000_000, 9);
			case 's':
				return String(Math.floor(ms / 1000));
			case 'p':
				return date.getUTCHours() < 12 ? 'AM' : 'PM';
			case 'a':
				return weekdays[date.getUTCDay()];
			case 'A':
				return weekdayNames[date.getUTCDay()];
			case 'b':
			case 'h':
				return months[date.getUTCMonth()];
			case 'B':
				return monthNames[date.getUTCMonth()];
			case 'j':
				return pad(dayOfYear, 3);
			case 'u':
				return String(date.getUTCDay() || 7);
			case 'w':
				return String(date.getUTCDay());
			case 'Z':
				return 'UTC';
			case 'z':
				return '+0000';
			case 'F':
				return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
			case 'T':
				return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
			case 'R':
				return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
			case 'D':
				return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${pad(date.getUTCFullYear() % 100)}`;
			case 'c':
				return formatDate('%a %b %e %H:%M:%S %Y', ms);
			case 'n':
				return '\n';
			case 't':
				return '\t';
			case '%':
				return '%';
			default:
				return `%${code}`;
		}
	});
}

export const date: Program = async process => {
	const now = process.system.clock.now();
	let format = '%a %b %e %H:%M:%S %Z %Y';
	for (const arg of process.argv.slice(1)) {
		if (arg.startsWith('+')) format = arg.slice(1);
		else if (arg === '-u' || arg === '--utc') continue;
		else if (arg === '-I' || arg === '--iso-8601' || arg === '-Idate') format = '%F';
		else if (arg === '-Iseconds' || arg === '--iso-8601=seconds') format = '%FT%T+00:00';
		else if (arg === '-R' || arg === '--rfc-2822' || arg === '--rfc-email') format = '%a, %d %b %Y %T +0000';
		else {
			process.stderr.write(`date: invalid date '${arg}'\n`);
			return 1;
		}
	}
	process.stdout.write(`${formatDate(format, now)}\n`);
	return 0;
};

/** env: prints the environment, or runs a command with a changed one. */
export const env: Program = async process => {
	const args = process.argv.slice(1);
	const environment = new Map(process.env);
	while (args.length > 0) {
		const arg = args[0];
		if (arg === '-i' || arg === '-' || arg === '--ignore-environment') environment.clear();
		else if (arg === '-u') {
			args.shift();
			environment.delete(args[0] ?? '');
		} else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(arg)) {
			const equals = arg.indexOf('=');
			environment.set(arg.slice(0, equals), arg.slice(equals + 1));
		} else break;
		args.shift();
	}
	if (args.length === 0) {
		for (const [name, value] of environment) process.stdout.write(`${name}=${value}\n`);
		return 0;
	}
	const program = process.system.findProgram(args[0]);
	if (!program) {
		process.stderr.write(isBusybox(process) ? `env: can't execute '${args[0]}': No such file or directory\n` : `env: '${args[0]}': No such file or directory\n`);
		return 127;
	}
	return program({...process, argv: args, env: environment});
};

export const printenv: Program = async process => {
	const names = process.argv.slice(1).filter(arg => !arg.startsWith('-'));
	if (names.length === 0) {
		for (const [name, value] of process.env) process.stdout.write(`${name}=${value}\n`);
		return 0;
	}
	let status = 0;
	for (const name of names) {
		const value = process.env.get(name);
		if (value === undefined) status = 1;
		else process.stdout.write(`${value}\n`);
	}
	return status;
};

export const hostname: Program = async process => {
	const pod = process.system.pod;
	const flag = process.argv[1];
	if (flag === '-i' || flag === '-I' || flag === '--ip-address') process.stdout.write(`${pod.ip}${flag === '-I' ? ' ' : ''}\n`);
	else if (flag === '-f' || flag === '--fqdn') process.stdout.write(`${pod.hostname}\n`);
	else if (flag === '-s' || flag === '--short' || flag === undefined) process.stdout.write(`${pod.hostname}\n`);
	else {
		process.stderr.write(`hostname: you must be root to change the host name\n`);
		return 1;
	}
	return 0;
};

export const id: Program = async process => {
	const flag = process.argv[1];
	if (flag === '-u' || flag === '-g') process.stdout.write('0\n');
	else if (flag === '-un' || flag === '-gn') process.stdout.write('root\n');
	else process.stdout.write(isBusybox(process) ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n');
	return 0;
};

export const whoami: Program = async process => {
	process.stdout.write('root\n');
	return 0;
};

export const uname: Program = async process => {
	const flags = process.argv.slice(1).join('').replace(/-/g, '') || 's';
	const hostname = process.system.pod.hostname;
	const all = flags.includes('a');
	const parts: string[] = [];
	if (all || flags.includes('s')) parts.push('Linux');
	if (all || flags.includes('n')) parts.push(hostname);
	if (all || flags.includes('r')) parts.push(kernelRelease);
	if (all || flags.includes('v')) parts.push('#1 SMP PREEMPT_DYNAMIC');
	if (all || flags.includes('m')) parts.push('x86_64');
	if (all || flags.includes('o')) parts.push('GNU/Linux');
	process.stdout.write(`${parts.join(' ')}\n`);
	return 0;
};

export const trueProgram: Program = async () => 0;
export const falseProgram: Program = async () => 1;

function cpuTime(ms: number): string {
	const minutes = Math.floor(ms / 60_000);
	return `${minutes}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;
}

/** ps: BusyBox's table, or procps' (`ps`, `ps aux`, `ps -ef`). */
export const ps: Program = async process => {
	const processes = process.system.processes();
	const now = process.system.clock.now();
	if (isBusybox(process)) {
		process.stdout.write('PID   USER     TIME  COMMAND\n');
		for (const entry of processes) process.stdout.write(`${String(entry.pid).padStart(5)} root      ${cpuTime(0).padStart(4)} ${entry.argv.join(' ')}\n`);
		return 0;
	}
	const style = process.argv.slice(1).join(' ');
	if (!style) {
		process.stdout.write('  PID TTY          TIME CMD\n');
		for (const entry of processes) process.stdout.write(`${String(entry.pid).padStart(5)} ?        00:00:00 ${toolNameOf(entry.argv[0])}\n`);
		return 0;
	}
	const started = formatDate('%H:%M', process.system.startedAt);
	if (style.includes('f')) {
		process.stdout.write('UID        PID  PPID  C STIME TTY          TIME CMD\n');
		for (const entry of processes) {
			process.stdout.write(`root     ${String(entry.pid).padStart(5)} ${String(entry.pid === 1 ? 0 : 1).padStart(5)}  0 ${started} ?        00:00:00 ${entry.argv.join(' ')}\n`);
		}
		return 0;
	}
	process.stdout.write('USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
	const usage = process.system.meter.usage(now);
	for (const entry of processes) {
		const rss = entry.pid === 1 ? Math.round(usage.memoryBytes / 1024) : 3000;
		process.stdout.write(`root     ${String(entry.pid).padStart(5)}  0.0  0.1 ${String(rss * 4).padStart(6)} ${String(rss).padStart(5)} ?        Ss   ${started}   0:00 ${entry.argv.join(' ')}\n`);
	}
	return 0;
};

function toolNameOf(command: string): string {
	return command.slice(command.lastIndexOf('/') + 1);
}

export const nproc: Program = async process => {
	const limit = process.system.resources?.cpuLimitMilli;
	process.stdout.write(`${limit ? Math.max(1, Math.ceil(limit / 1000)) : 4}\n`);
	return 0;
};

export const uptime: Program = async process => {
	const now = process.system.clock.now();
	const minutes = Math.floor((now - process.system.startedAt) / 60_000);
	const up = minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
	process.stdout.write(` ${formatDate('%T', now)} up ${up},  0 users,  load average: 0.08, 0.05, 0.01\n`);
	return 0;
};

export const which: Program = async process => {
	let status = 0;
	for (const name of process.argv.slice(1).filter(arg => !arg.startsWith('-'))) {
		const path = process.system.locate(name);
		if (path) process.stdout.write(`${path}\n`);
		else status = 1;
	}
	return status;
};

/** `kill` as a program (`kubectl exec pod -- kill 1`). */
export const kill: Program = async process => {
	const args = process.argv.slice(1);
	let signal: 'TERM' | 'KILL' | 'INT' = 'TERM';
	let status = 0;
	for (const arg of args) {
		if (/^-(9|KILL|SIGKILL)$/i.test(arg)) signal = 'KILL';
		else if (/^-(2|INT|SIGINT)$/i.test(arg)) signal = 'INT';
		else if (arg.startsWith('-')) signal = 'TERM';
		else if (!process.system.kill(Number(arg), signal)) {
			process.stderr.write(isBusybox(process) ? `${toolName(process)}: can't kill pid ${arg}: No such process\n` : `${toolName(process)}: (${arg}) - No such process\n`);
			status = 1;
		}
	}
	return status;
};
