/** ubuntu: bash and coreutils, no curl or wget (as the real image); its default command is /bin/bash. */
import {debianRoot, ImageFiles} from '../image-files.js';
import type {ImageDefinition, ImageVariant} from '../image.js';
import {debianSlim, ubuntuOsRelease} from '../userland.js';
import {defaultPath, Mi} from './common.js';

const releases: Array<{version: string; codename: string; tags: string[]}> = [
	{version: '24.04.3', codename: 'noble', tags: ['latest', 'noble', '24.04', 'noble-20250910']},
	{version: '22.04.5', codename: 'jammy', tags: ['jammy', '22.04']},
	{version: '20.04.6', codename: 'focal', tags: ['focal', '20.04']},
	{version: '25.04', codename: 'plucky', tags: ['rolling', 'plucky', '25.04']},
	{version: '18.04.6', codename: 'bionic', tags: ['bionic', '18.04']},
];

function variant(version: string, codename: string): ImageVariant {
	const userland = debianSlim(ubuntuOsRelease(version, codename));
	return {
		entrypoint: [],
		cmd: ['/bin/bash'],
		env: [defaultPath],
		workingDir: '/',
		userland,
		files: new ImageFiles({'/etc/os-release': userland.osRelease, '/etc/debian_version': `${codename}/sid\n`}, debianRoot),
		programs: {},
		usage: {idleCpuMilli: [0, 0], idleMemoryBytes: [0.4 * Mi, 1 * Mi], cpuMilliPerRequestRate: 0, memoryBytesPerRequestRate: 0, maxExtraMemoryBytes: 0},
		sizeBytes: 29_724_688,
	};
}

const byTag = new Map<string, ImageVariant>();
for (const release of releases) {
	const image = variant(release.version, release.codename);
	for (const tag of [...release.tags, release.version]) byTag.set(tag, image);
}

export const ubuntuImage: ImageDefinition = {
	repositories: ['ubuntu'],
	variant: tag => byTag.get(tag),
};
