import {posix} from 'node:path';
import {addWithParents, type ImageFiles, parentOf} from './image-files.js';
import type {Mount} from './types.js';

export type FsError = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'EEXIST' | 'ENOTEMPTY';

/** The text a program prints for an error, as strerror gives it. */
export const fsErrorText: Record<FsError, string> = {
	ENOENT: 'No such file or directory',
	EISDIR: 'Is a directory',
	ENOTDIR: 'Not a directory',
	EROFS: 'Read-only file system',
	EEXIST: 'File exists',
	ENOTEMPTY: 'Directory not empty',
};

export type FileKind = 'file' | 'dir';

/** Why a file could not be read. */
export type ReadFailure = {error: FsError};

/** Files the pod provides to each container, such as /etc/hostname and /etc/hosts. */
export type PodFiles = (path: string) => string | undefined;

export function resolvePath(cwd: string, path: string): string {
	return posix.resolve(cwd, path || '.');
}

/**
 * What a container sees: its mounts over its own writable layer over the pod's files over the image. Only the mounts
 * and the writes take memory per container; the writable layer exists once something is written.
 */
export class ContainerFilesystem {
	/** Written files; null marks one removed from the image. */
	private layer: Map<string, string | null> | undefined;
	private layerDirs: Set<string> | undefined;

	constructor(
		private readonly image: ImageFiles,
		private readonly podFiles: PodFiles,
		private readonly mounts: readonly Mount[],
	) {}

	stat(path: string): FileKind | undefined {
		if (path === '/dev/null') return 'file';
		const mounted = this.mountFor(path);
		if (mounted) return statInVolume(mounted.mount, mounted.relative);
		if (this.mountPointBelow(path)) return 'dir';
		const written = this.layer?.get(path);
		if (written === null) return undefined;
		if (written !== undefined) return 'file';
		if (this.layerDirs?.has(path)) return 'dir';
		if (this.podFiles(path) !== undefined) return 'file';
		if (this.image.files.has(path)) return 'file';
		if (this.image.dirs.has(path)) return this.removed(path) ? undefined : 'dir';
		return undefined;
	}

	/** A file's content, or why it cannot be read (missing, a directory). */
	read(path: string): string | ReadFailure {
		if (path === '/dev/null') return '';
		const kind = this.stat(path);
		if (kind === undefined) return {error: 'ENOENT'};
		if (kind === 'dir') return {error: 'EISDIR'};
		const mounted = this.mountFor(path);
		if (mounted) return mounted.mount.volume.files.get(volumePath(mounted.mount, mounted.relative)) ?? {error: 'ENOENT'};
		return this.layer?.get(path) ?? this.podFiles(path) ?? this.image.files.get(path) ?? {error: 'ENOENT'};
	}

	/** Names in a directory, sorted. */
	list(path: string): string[] | FsError {
		const kind = this.stat(path);
		if (kind === undefined) return 'ENOENT';
		if (kind === 'file') return 'ENOTDIR';
		const names = new Set<string>();
		const mounted = this.mountFor(path);
		if (mounted) {
			const base = volumePath(mounted.mount, mounted.relative);
			const volume = mounted.mount.volume;
			childrenOf(base, volume.files.keys(), names);
			if (volume.dirs) childrenOf(base, volume.dirs, names);
		} else {
			childrenOf(path, this.image.files.keys(), names);
			childrenOf(path, this.image.dirs, names);
			if (this.layer) childrenOf(path, this.layer.keys(), names);
			if (this.layerDirs) childrenOf(path, this.layerDirs, names);
			for (const name of ['hostname', 'hosts', 'resolv.conf']) if (path === '/etc') names.add(name);
		}
		for (const mount of this.mounts) childrenOf(path, [mount.mountPath], names);
		const prefix = path === '/' ? '/' : `${path}/`;
		return [...names].filter(name => this.stat(prefix + name) !== undefined).sort();
	}

	write(path: string, content: string, append = false): FsError | undefined {
		if (path === '/dev/null') return undefined;
		const kind = this.stat(path);
		if (kind === 'dir') return 'EISDIR';
		if (this.stat(parentOf(path)) !== 'dir') return this.stat(parentOf(path)) ? 'ENOTDIR' : 'ENOENT';
		const mounted = this.mountFor(path);
		if (mounted) {
			if (mounted.mount.readOnly || mounted.mount.volume.readOnly) return 'EROFS';
			const key = volumePath(mounted.mount, mounted.relative);
			const files = mounted.mount.volume.files;
			files.set(key, append ? (files.get(key) ?? '') + content : content);
			return undefined;
		}
		const previous = append && kind === 'file' ? this.read(path) : '';
		this.layer ??= new Map();
		this.layer.set(path, (typeof previous === 'string' ? previous : '') + content);
		return undefined;
	}

	/** Whether a write to the path would land (not on a read-only mount). */
	writable(path: string): boolean {
		const mounted = this.mountFor(path);
		return !mounted || !(mounted.mount.readOnly || mounted.mount.volume.readOnly);
	}

	mkdir(path: string): FsError | undefined {
		if (this.stat(path)) return 'EEXIST';
		if (this.stat(parentOf(path)) !== 'dir') return 'ENOENT';
		const mounted = this.mountFor(path);
		if (mounted) {
			if (mounted.mount.readOnly || mounted.mount.volume.readOnly) return 'EROFS';
			mounted.mount.volume.dirs ??= new Set();
			mounted.mount.volume.dirs.add(volumePath(mounted.mount, mounted.relative));
			return undefined;
		}
		this.layerDirs ??= new Set();
		addWithParents(this.layerDirs, path);
		if (this.layer?.get(path) === null) this.layer.delete(path);
		return undefined;
	}

	remove(path: string): FsError | undefined {
		const kind = this.stat(path);
		if (kind === undefined) return 'ENOENT';
		if (kind === 'dir') {
			const names = this.list(path);
			if (Array.isArray(names) && names.length > 0) return 'ENOTEMPTY';
		}
		const mounted = this.mountFor(path);
		if (mounted) {
			if (mounted.relative === '' || mounted.mount.readOnly || mounted.mount.volume.readOnly) return 'EROFS';
			const key = volumePath(mounted.mount, mounted.relative);
			mounted.mount.volume.files.delete(key);
			mounted.mount.volume.dirs?.delete(key);
			return undefined;
		}
		if (this.mountPointBelow(path)) return 'EROFS';
		this.layerDirs?.delete(path);
		this.layer ??= new Map();
		if (this.image.files.has(path) || this.image.dirs.has(path) || this.podFiles(path) !== undefined) this.layer.set(path, null);
		else this.layer.delete(path);
		return undefined;
	}

	private removed(path: string): boolean {
		return this.layer?.get(path) === null;
	}

	/** The innermost mount that holds a path, and the path inside it. */
	private mountFor(path: string): {mount: Mount; relative: string} | undefined {
		let best: Mount | undefined;
		for (const mount of this.mounts) {
			const at = mount.mountPath;
			if ((path === at || path.startsWith(at === '/' ? '/' : `${at}/`)) && (!best || at.length > best.mountPath.length)) best = mount;
		}
		if (!best) return undefined;
		return {mount: best, relative: path === best.mountPath ? '' : path.slice(best.mountPath.length + 1)};
	}

	/** Whether a mount point lies under a path, which makes the path a directory. */
	private mountPointBelow(path: string): boolean {
		const prefix = path === '/' ? '/' : `${path}/`;
		return this.mounts.some(mount => mount.mountPath.startsWith(prefix));
	}
}

function volumePath(mount: Mount, relative: string): string {
	const base = mount.subPath ?? '';
	if (!base) return relative;
	return relative ? `${base}/${relative}` : base;
}

function statInVolume(mount: Mount, relative: string): FileKind | undefined {
	const key = volumePath(mount, relative);
	const volume = mount.volume;
	if (key === '') return 'dir';
	if (volume.files.has(key)) return 'file';
	if (volume.dirs?.has(key)) return 'dir';
	const prefix = `${key}/`;
	for (const path of volume.files.keys()) if (path.startsWith(prefix)) return 'dir';
	if (volume.dirs) for (const dir of volume.dirs) if (dir.startsWith(prefix)) return 'dir';
	return undefined;
}

/** Adds the first component under `dir` of each path (paths relative to a volume when dir is relative). */
function childrenOf(dir: string, paths: Iterable<string>, names: Set<string>): void {
	const prefix = dir === '' ? '' : dir === '/' ? '/' : `${dir}/`;
	for (const path of paths) {
		if (!path.startsWith(prefix) || path.length === prefix.length) continue;
		const rest = path.slice(prefix.length);
		const slash = rest.indexOf('/');
		names.add(slash < 0 ? rest : rest.slice(0, slash));
	}
}
