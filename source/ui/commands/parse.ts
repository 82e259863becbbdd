import {CommandError, type Cascade, type Command, type Target} from './command.js';
import type {KindTable} from './kinds.js';
import {tokenize} from './tokenize.js';
import {usage} from './usage.js';

type Words = {positionals: string[]; flags: Map<string, string | true>};

/** Flags that take a value as the next word when written without '='. */
const valued = new Set(['replicas', 'type', 'port', 'target-port', 'name', 'protocol', 'to-revision', 'image', 'cascade', 'namespace', 'filename', 'grace-period', 'selector']);
const shortFlags: Record<string, string> = {n: 'namespace', f: 'filename', l: 'selector'};

function splitFlags(words: string[]): Words {
	const positionals: string[] = [];
	const flags = new Map<string, string | true>();
	for (let index = 0; index < words.length; index++) {
		const word = words[index];
		const long = /^--([\w-]+)(?:=(.*))?$/.exec(word);
		const short = /^-([a-zA-Z])(.*)$/.exec(word);
		if (long) {
			const name = long[1];
			if (long[2] !== undefined) flags.set(name, long[2]);
			else if (valued.has(name) && index + 1 < words.length) flags.set(name, words[++index]);
			else flags.set(name, true);
		} else if (short && shortFlags[short[1]]) {
			const name = shortFlags[short[1]];
			if (short[2]) flags.set(name, short[2].replace(/^=/, ''));
			else if (index + 1 < words.length) flags.set(name, words[++index]);
			else flags.set(name, true);
		} else {
			positionals.push(word);
		}
	}

	return {positionals, flags};
}

function stringFlag(words: Words, name: string): string | undefined {
	const value = words.flags.get(name);
	return typeof value === 'string' ? value : undefined;
}

function integer(text: string | undefined, what: string, verb: string): number | undefined {
	if (text === undefined) return undefined;
	if (!/^\d+$/.test(text)) throw new CommandError(`${what} must be a non-negative integer, not "${text}"`, usage[verb]);
	return Number(text);
}

/**
 * The object a command names: `KIND/NAME`, or `KIND NAME`, or nothing (the selected row). `isValue` tells the
 * command's own arguments (a replica count, key=value) apart from an object name.
 */
function takeTarget(words: Words, kinds: KindTable, verb: string, isValue: (word: string) => boolean): {target: Target; rest: string[]} {
	const [first, second, ...others] = words.positionals;
	const namespace = stringFlag(words, 'namespace');
	if (first === undefined || isValue(first)) return {target: {namespace}, rest: words.positionals};
	const slash = first.indexOf('/');
	if (slash > 0) {
		const kind = kinds.resolve(first.slice(0, slash));
		if (!kind) throw new CommandError(`the server doesn't have a resource type "${first.slice(0, slash)}"`, usage[verb]);
		const name = first.slice(slash + 1);
		if (!name) throw new CommandError(`no name given for ${first}`, usage[verb]);
		return {target: {resource: kind.resource, name, namespace}, rest: words.positionals.slice(1)};
	}

	const kind = kinds.resolve(first);
	if (!kind) throw new CommandError(`the server doesn't have a resource type "${first}"`, usage[verb]);
	if (second === undefined || isValue(second)) return {target: {resource: kind.resource, namespace}, rest: words.positionals.slice(1)};
	return {target: {resource: kind.resource, name: second, namespace}, rest: others};
}

/** A node named bare (`:drain node-1`), as `node/node-1`, or as `node node-1`; none means the selected row. */
function takeNode(words: Words, kinds: KindTable, verb: string): Target {
	const [first, second] = words.positionals;
	if (first === undefined) return {resource: 'nodes'};
	if (first.includes('/') || (second !== undefined && kinds.resolve(first)?.resource === 'nodes')) {
		const {target} = takeTarget(words, kinds, verb, () => false);
		if (target.resource !== 'nodes') throw new CommandError(`${verb} works on nodes, not ${target.resource}`, usage[verb]);
		return target;
	}

	return {resource: 'nodes', name: first};
}

function noExtra(rest: string[], verb: string): void {
	if (rest.length > 0) throw new CommandError(`unexpected argument "${rest[0]}"`, usage[verb]);
}

function parseView(verb: string, resource: string, words: Words): Command {
	const command: Command = {verb: 'view', resource};
	for (const word of words.positionals) {
		if (word === 'all' || word === '-A') command.allNamespaces = true;
		else if (word.includes('=') || word.startsWith('!')) command.selector = command.selector ? `${command.selector},${word}` : word;
		else if (command.namespace === undefined) command.namespace = word;
		else throw new CommandError(`unexpected argument "${word}"`, usage.view);
	}

	if (words.flags.has('all-namespaces') || words.flags.has('A')) command.allNamespaces = true;
	const namespace = stringFlag(words, 'namespace');
	if (namespace) command.namespace = namespace;
	const selector = stringFlag(words, 'selector');
	if (selector) command.selector = selector;
	void verb;
	return command;
}

/** Parses a command line (without the leading ':'). Throws CommandError with a usage hint for anything wrong. */
export function parseCommand(line: string, kinds: KindTable): Command {
	const all = tokenize(line.trim().replace(/^:/, ''));
	if (all.length === 0) throw new CommandError('empty command', usage.view);
	const [verb, ...rest] = all;
	const words = splitFlags(rest);
	switch (verb.toLowerCase()) {
		case 'q':
		case 'q!':
		case 'quit':
		case 'exit': {
			return {verb: 'quit'};
		}

		case 'help':
		case '?':
		case 'h': {
			return {verb: 'help'};
		}

		case 'ctx':
		case 'context':
		case 'contexts': {
			return {verb: 'context'};
		}

		case 'theme':
		case 'skin': {
			return {verb: 'theme', name: words.positionals[0]};
		}

		case 'ns':
		case 'namespace':
		case 'namespaces': {
			if (words.positionals.length === 0) return {verb: 'view', resource: 'namespaces'};
			noExtra(words.positionals.slice(1), 'ns');
			return {verb: 'namespace', namespace: words.positionals[0] === 'all' ? undefined : words.positionals[0]};
		}

		case 'scale': {
			const {target, rest: values} = takeTarget(words, kinds, 'scale', word => /^\d+$/.test(word));
			const flag = words.flags.get('replicas');
			const text = typeof flag === 'string' ? flag : values[0];
			if (text === undefined) throw new CommandError('the number of replicas is required', usage.scale);
			noExtra(values.slice(typeof flag === 'string' ? 0 : 1), 'scale');
			return {verb: 'scale', target, replicas: integer(text, 'replicas', 'scale')!};
		}

		case 'label': {
			const {target, rest: values} = takeTarget(words, kinds, 'label', word => word.includes('=') || word.endsWith('-'));
			if (values.length === 0) throw new CommandError('at least one label update is required', usage.label);
			const changes = values.map(value => {
				if (value.endsWith('-') && !value.includes('=')) return {key: value.slice(0, -1)};
				const equals = value.indexOf('=');
				if (equals <= 0) throw new CommandError(`invalid label spec: ${value}`, usage.label);
				return {key: value.slice(0, equals), value: value.slice(equals + 1)};
			});
			return {verb: 'label', target, changes, overwrite: words.flags.has('overwrite')};
		}

		case 'expose': {
			const {target, rest: values} = takeTarget(words, kinds, 'expose', () => false);
			noExtra(values, 'expose');
			const port = integer(stringFlag(words, 'port'), 'port', 'expose');
			if (port === undefined) throw new CommandError('--port is required', usage.expose);
			const type = stringFlag(words, 'type') ?? 'ClusterIP';
			const types = ['ClusterIP', 'NodePort', 'LoadBalancer'];
			const canonical = types.find(candidate => candidate.toLowerCase() === type.toLowerCase());
			if (!canonical) throw new CommandError(`unknown service type "${type}"`, usage.expose);
			return {verb: 'expose', target, port, targetPort: stringFlag(words, 'target-port'), type: canonical, name: stringFlag(words, 'name'), protocol: (stringFlag(words, 'protocol') ?? 'TCP').toUpperCase()};
		}

		case 'set': {
			const [what, ...others] = words.positionals;
			if (what !== 'image') throw new CommandError(what ? `unknown set command "${what}"` : 'set what?', usage.set);
			const {target, rest: values} = takeTarget({...words, positionals: others}, kinds, 'set', word => word.includes('='));
			if (values.length === 0) throw new CommandError('at least one CONTAINER=IMAGE is required', usage.set);
			const images = values.map(value => {
				const equals = value.indexOf('=');
				if (equals <= 0 || equals === value.length - 1) throw new CommandError(`expected CONTAINER=IMAGE, got "${value}"`, usage.set);
				return {container: value.slice(0, equals), image: value.slice(equals + 1)};
			});
			return {verb: 'set-image', target, images};
		}

		case 'rollout': {
			const [action, ...others] = words.positionals;
			if (action !== 'undo' && action !== 'restart' && action !== 'status' && action !== 'history') {
				throw new CommandError(action ? `unknown rollout command "${action}"` : 'rollout what?', usage.rollout);
			}

			const {target, rest: values} = takeTarget({...words, positionals: others}, kinds, 'rollout', () => false);
			noExtra(values, 'rollout');
			return {verb: 'rollout', action, target, toRevision: integer(stringFlag(words, 'to-revision'), 'revision', 'rollout')};
		}

		case 'delete':
		case 'del': {
			const {target, rest: values} = takeTarget(words, kinds, 'delete', () => false);
			noExtra(values, 'delete');
			const cascade = (stringFlag(words, 'cascade') ?? 'background').toLowerCase();
			if (cascade !== 'background' && cascade !== 'foreground' && cascade !== 'orphan') {
				throw new CommandError(`invalid cascade "${cascade}"`, usage.delete);
			}

			return {verb: 'delete', target, cascade: cascade as Cascade};
		}

		case 'create': {
			const [what, name, ...others] = words.positionals;
			if (kinds.resolve(what ?? '')?.resource !== 'deployments') throw new CommandError(what ? `cannot create "${what}" here` : 'create what?', usage.create);
			if (!name) throw new CommandError('a deployment name is required', usage.create);
			noExtra(others, 'create');
			const image = stringFlag(words, 'image');
			if (!image) throw new CommandError('--image is required', usage.create);
			return {
				verb: 'create-deployment',
				name,
				image,
				replicas: integer(stringFlag(words, 'replicas'), 'replicas', 'create') ?? 1,
				namespace: stringFlag(words, 'namespace'),
				port: integer(stringFlag(words, 'port'), 'port', 'create'),
			};
		}

		case 'apply': {
			const file = stringFlag(words, 'filename');
			if (!file) throw new CommandError('-f FILE is required', usage.apply);
			noExtra(words.positionals, 'apply');
			return {verb: 'apply', file, namespace: stringFlag(words, 'namespace')};
		}

		case 'cordon':
		case 'uncordon':
		case 'drain': {
			const lower = verb.toLowerCase() as 'cordon' | 'uncordon' | 'drain';
			return {verb: lower, target: takeNode(words, kinds, lower)};
		}

		case 'node': {
			const [action, ...others] = words.positionals;
			if (action !== 'stop' && action !== 'start' && action !== 'off' && action !== 'on') {
				throw new CommandError(action ? `unknown node command "${action}"` : 'node stop or start?', usage.node);
			}

			return {verb: 'power', state: action === 'stop' || action === 'off' ? 'off' : 'on', target: takeNode({...words, positionals: others}, kinds, 'node')};
		}

		default: {
			const kind = kinds.resolve(verb);
			if (kind) return parseView(verb, kind.resource, words);
			throw new CommandError(`unknown command "${verb}"`, 'try :help, or a kind such as :pods, :deploy, :svc, :no');
		}
	}
}
