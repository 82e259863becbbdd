/** The read-only files of an image, shared by every container that runs it. */
export class ImageFiles {
	readonly files: Map<string, string>;
	readonly dirs: Set<string>;

	constructor(files: Record<string, string>, dirs: readonly string[] = []) {
		this.files = new Map(Object.entries(files));
		this.dirs = new Set(['/']);
		for (const dir of dirs) addWithParents(this.dirs, dir);
		for (const path of this.files.keys()) addWithParents(this.dirs, parentOf(path));
	}
}

export function parentOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash <= 0 ? '/' : path.slice(0, slash);
}

export function addWithParents(dirs: Set<string>, dir: string): void {
	for (let current = dir; !dirs.has(current); current = parentOf(current)) {
		dirs.add(current);
		if (current === '/') return;
	}
}

/** Root directories of a Debian-based image and of a BusyBox one. */
export const debianRoot = ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var']
	.map(name => `/${name}`)
	.concat(['/usr/bin', '/usr/local/bin', '/usr/share', '/var/log', '/var/cache']);

export const busyboxRoot = ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']
	.map(name => `/${name}`)
	.concat(['/usr/sbin', '/var/spool', '/var/www']);

export const alpineRoot = ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var']
	.map(name => `/${name}`)
	.concat(['/usr/bin', '/usr/local/bin', '/usr/share', '/var/log', '/var/cache']);
