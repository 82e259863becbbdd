import type {ImageFiles} from './image-files.js';
import type {UsageProfile} from './load-meter.js';
import type {Program} from './process.js';
import type {EnvVar, ImageProgram} from './types.js';
import type {Userland} from './userland.js';

/** What one tag of an image holds. Shared by every container that runs it. */
export type ImageVariant = {
	entrypoint: readonly string[];
	cmd: readonly string[];
	/** The image's ENV, PATH first. */
	env: readonly EnvVar[];
	workingDir: string;
	userland: Userland;
	files: ImageFiles;
	/** Executables besides the shell and the common tools, by file name ('nginx', 'node'). */
	programs: Readonly<Record<string, Program>>;
	usage: UsageProfile;
	sizeBytes: number;
};

/** One image of the catalogue: the repositories it answers to, and its tags. */
export type ImageDefinition = {
	/** Last path components it answers to, whatever the registry: 'nginx', 'kubernetes-bootcamp'. */
	repositories: readonly string[];
	/** The content of a tag; undefined when the repository has no such tag. */
	variant(tag: string): ImageVariant | undefined;
};

export class Image implements ImageProgram {
	constructor(
		readonly name: string,
		readonly imageID: string,
		readonly variant: ImageVariant,
	) {}

	get sizeBytes(): number {
		return this.variant.sizeBytes;
	}

	get entrypoint(): readonly string[] {
		return this.variant.entrypoint;
	}

	get cmd(): readonly string[] {
		return this.variant.cmd;
	}
}
