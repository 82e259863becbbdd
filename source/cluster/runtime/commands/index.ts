import type {Program} from '../process.js';
import {cp, ls, mkdir, mv, rm, test, touch} from './files.js';
import {curl, nslookup, wget} from './http.js';
import {date, env, falseProgram, hostname, id, kill, nproc, printenv, ps, sleep, trueProgram, uname, uptime, which, whoami} from './system.js';
import {basename, cat, cut, dirname, echo, grep, head, printf, seq, sort, tail, tee, tr, uniq, wc} from './text.js';

/** Tools every image has (BusyBox applets or coreutils). */
export const baseCommands: ReadonlyMap<string, Program> = new Map<string, Program>([
	['echo', echo],
	['printf', printf],
	['cat', cat],
	['head', head],
	['tail', tail],
	['wc', wc],
	['grep', grep],
	['sort', sort],
	['uniq', uniq],
	['tee', tee],
	['seq', seq],
	['tr', tr],
	['cut', cut],
	['basename', basename],
	['dirname', dirname],
	['ls', ls],
	['mkdir', mkdir],
	['touch', touch],
	['rm', rm],
	['cp', cp],
	['mv', mv],
	['test', test],
	['[', test],
	['sleep', sleep],
	['date', date],
	['env', env],
	['printenv', printenv],
	['hostname', hostname],
	['id', id],
	['whoami', whoami],
	['uname', uname],
	['true', trueProgram],
	['false', falseProgram],
	['nproc', nproc],
	['uptime', uptime],
	['which', which],
	['kill', kill],
]);

/** Tools only some images have; the image's userland lists which. */
export const optionalCommands: ReadonlyMap<string, Program> = new Map<string, Program>([
	['curl', curl],
	['wget', wget],
	['ps', ps],
	['nslookup', nslookup],
]);
