import {signalExitCode} from '../interruption.js';
import type {Process} from '../process.js';
import type {EnvVar} from '../types.js';

export const Mi = 1024 * 1024;

export const defaultPath: EnvVar = {name: 'PATH', value: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'};

/** A time format with second precision, remembering the last second it formatted (servers log many per second). */
export function perSecond(format: (ms: number) => string): (ms: number) => string {
	let second = Number.NaN;
	let text = '';
	return ms => {
		const current = Math.floor(ms / 1000);
		if (current !== second) {
			second = current;
			text = format(current * 1000);
		}
		return text;
	};
}

/** `Thu, 26 Nov 2026 11:40:43 GMT`, the HTTP Date header. */
export const httpDate = perSecond(ms => new Date(ms).toUTCString());

/** Resolves with the exit code once the process is told to stop; a server's main loop. */
export function untilStopped(process: Process, onStop?: (signal: 'TERM' | 'KILL' | 'INT') => number | undefined): Promise<number> {
	return process.signals.wait().then(signal => onStop?.(signal) ?? signalExitCode(signal));
}

/** Reads `--name=value` or `--name value` from arguments, or an environment variable, as a number. */
export function numberSetting(process: Process, flag: string, variable: string, fallback: number): number {
	const args = process.argv;
	for (let index = 1; index < args.length; index++) {
		const arg = args[index];
		if (arg === `--${flag}` && args[index + 1] !== undefined) return toNumber(args[index + 1], fallback);
		if (arg.startsWith(`--${flag}=`)) return toNumber(arg.slice(flag.length + 3), fallback);
	}
	const value = process.env.get(variable);
	return value === undefined ? fallback : toNumber(value, fallback);
}

function toNumber(text: string, fallback: number): number {
	const value = Number.parseFloat(text);
	return Number.isFinite(value) ? value : fallback;
}

/** A Kubernetes quantity as millicores ('500m', '1.5') or bytes ('128Mi', '1G'); undefined if it is not one. */
export function parseQuantity(text: string, kind: 'cpu' | 'memory'): number | undefined {
	const match = /^(\d+(?:\.\d+)?)([a-zA-Z]*)$/.exec(text.trim());
	if (!match) return undefined;
	const value = Number(match[1]);
	const suffix = match[2];
	if (kind === 'cpu') {
		if (suffix === 'm') return value;
		if (suffix === '') return value * 1000;
		return undefined;
	}
	const binary: Record<string, number> = {Ki: 1024, Mi: Mi, Gi: 1024 * Mi, K: 1e3, k: 1e3, M: 1e6, G: 1e9, '': 1, B: 1, m: 1e-3};
	const single: Record<string, number> = {K: 1024, M: Mi, G: 1024 * Mi};
	const factor = binary[suffix] ?? single[suffix.toUpperCase()];
	return factor === undefined ? undefined : Math.round(value * factor);
}
