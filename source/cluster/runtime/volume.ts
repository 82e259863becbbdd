/**
 * One pod volume: its files by path inside the volume ('index.html', 'conf/app.yaml'). A ConfigMap, Secret or
 * projected volume starts with its files and is read-only; an emptyDir starts empty and its writes are seen by every
 * container that mounts it.
 */
export class Volume {
	readonly files: Map<string, string>;
	/** Directories made inside the volume (the ones that hold files exist anyway). */
	dirs: Set<string> | undefined;
	readonly readOnly: boolean;

	constructor(files?: Record<string, string> | Iterable<readonly [string, string]>, options: {readOnly?: boolean} = {}) {
		this.files = new Map(files === undefined ? [] : Symbol.iterator in files ? files : Object.entries(files));
		this.readOnly = options.readOnly ?? false;
	}

	/** Swaps in new content, as the kubelet does when a ConfigMap or Secret changes. */
	replace(files: Record<string, string>): void {
		this.files.clear();
		for (const [path, content] of Object.entries(files)) this.files.set(path, content);
	}
}
