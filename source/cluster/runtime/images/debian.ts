/** debian: bash and coreutils, no curl or wget (as the real image); its default command is bash. */
import {debianRoot, ImageFiles} from '../image-files.js';
import type {ImageDefinition, ImageVariant} from '../image.js';
import {debianOsRelease, debianSlim} from '../userland.js';
import {defaultPath, Mi} from './common.js';

const releases: Array<{version: string; point: string; codename: string; aliases: string[]}> = [
	{version: '12', point: '12.12', codename: 'bookworm', aliases: ['latest', 'stable']},
	{version: '11', point: '11.11', codename: 'bullseye', aliases: ['oldstable']},
	{version: '13', point: '13.1', codename: 'trixie', aliases: ['testing']},
	{version: '10', point: '10.13', codename: 'buster', aliases: []},
];

function variant(version: string, codename: string, point: string): ImageVariant {
	const userland = debianSlim(debianOsRelease(version, codename));
	return {
		entrypoint: [],
		cmd: ['bash'],
		env: [defaultPath],
		workingDir: '/',
		userland,
		files: new ImageFiles({'/etc/os-release': userland.osRelease, '/etc/debian_version': `${point}\n`}, debianRoot),
		programs: {},
		usage: {idleCpuMilli: [0, 0], idleMemoryBytes: [0.4 * Mi, 1 * Mi], cpuMilliPerRequestRate: 0, memoryBytesPerRequestRate: 0, maxExtraMemoryBytes: 0},
		sizeBytes: 48_479_245,
	};
}

const byTag = new Map<string, ImageVariant>();
for (const release of releases) {
	const image = variant(release.version, release.codename, release.point);
	for (const base of [release.version, release.point, release.codename, ...release.aliases]) {
		byTag.set(base, image);
		if (base !== 'latest') byTag.set(`${base}-slim`, image);
	}
}

export const debianImage: ImageDefinition = {
	repositories: ['debian'],
	variant: tag => byTag.get(tag),
};
