import {baseCommands, optionalCommands} from './commands/index.js';
import type {ContainerFilesystem} from './filesystem.js';
import type {Image} from './image.js';
import type {Program} from './process.js';
import type {Dialect} from './shell/dialect.js';
import {shellProgram} from './shell/shell-program.js';
import type {Userland} from './userland.js';

const shells: Record<Dialect, Program> = {
	ash: shellProgram('ash'),
	dash: shellProgram('dash'),
	bash: shellProgram('bash'),
};

/** Where executables live, so `/bin/sh` and `/usr/bin/env` find the same programs as `sh` and `env`. */
const binaryDirectories = new Set(['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

/** The shell a name starts in this userland: `sh` is ash on BusyBox and dash on Debian. */
function shellDialect(name: string, userland: Userland): Dialect | undefined {
	if (name === 'sh') return userland.flavour === 'busybox' ? 'ash' : 'dash';
	if (name === 'ash') return userland.flavour === 'busybox' ? 'ash' : undefined;
	if (name === 'dash') return userland.flavour === 'debian' ? 'dash' : undefined;
	if (name === 'bash') return userland.bash ? 'bash' : undefined;
	return undefined;
}

function standardProgram(name: string, userland: Userland): Program | undefined {
	const dialect = shellDialect(name, userland);
	if (dialect) return shells[dialect];
	const base = baseCommands.get(name);
	if (base) return base;
	return userland.tools.has(name) ? optionalCommands.get(name) : undefined;
}

function standardPath(name: string, userland: Userland): string {
	if (userland.flavour === 'busybox') return name === 'wget' || name === 'nslookup' ? `/usr/bin/${name}` : `/bin/${name}`;
	return name === 'sh' || name === 'bash' || name === 'dash' ? `/bin/${name}` : `/usr/bin/${name}`;
}

export type FoundProgram = {program: Program; path: string};

/**
 * Finds an executable as PATH lookup would: the image's own programs, its shell and tools, or (for a path) a script
 * file, run by the shell its `#!` line names.
 */
export function findProgram(image: Image, command: string, fs: ContainerFilesystem | undefined): FoundProgram | undefined {
	if (!command) return undefined;
	const variant = image.variant;
	const slash = command.lastIndexOf('/');
	const name = command.slice(slash + 1);
	const directory = slash < 0 ? undefined : slash === 0 ? '/' : command.slice(0, slash);
	for (const [path, program] of Object.entries(variant.programs)) {
		if (directory === undefined ? path.slice(path.lastIndexOf('/') + 1) === name : path === command) return {program, path};
	}
	const standard = standardProgram(name, variant.userland);
	if (standard && (directory === undefined || binaryDirectories.has(directory))) return {program: standard, path: standardPath(name, variant.userland)};
	if (directory !== undefined && fs && fs.stat(command) === 'file') return {program: scriptProgram(command, variant.userland, fs), path: command};
	return undefined;
}

/** A script file: `#!/bin/bash` runs it with bash, anything else with sh. */
function scriptProgram(path: string, userland: Userland, fs: ContainerFilesystem): Program {
	return process => {
		const content = fs.read(path);
		const firstLine = typeof content === 'string' ? content.slice(0, content.indexOf('\n') >>> 0) : '';
		const interpreter = /^#!\s*(?:\/usr\/bin\/env\s+)?(?:\S*\/)?(\w+)/.exec(firstLine)?.[1] ?? 'sh';
		const dialect = shellDialect(interpreter, userland) ?? shellDialect('sh', userland)!;
		return shells[dialect]({...process, argv: [interpreter, path, ...process.argv.slice(1)]});
	};
}
