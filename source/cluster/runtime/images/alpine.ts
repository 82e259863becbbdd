/** alpine: BusyBox's shell and applets on Alpine Linux (no bash, no curl); its default command is /bin/sh. */
import {alpineRoot, ImageFiles} from '../image-files.js';
import type {ImageDefinition, ImageVariant} from '../image.js';
import {alpine} from '../userland.js';
import {defaultPath, Mi} from './common.js';

/** The newest patch of each release the catalogue knows. */
const releases: Record<string, number> = {'3.22': 2, '3.21': 5, '3.20': 8, '3.19': 9, '3.18': 12, '3.17': 10, '3.16': 9, '3.15': 11, '3.14': 10};
const latest = '3.22';

function release(tag: string): string | undefined {
	if (tag === 'latest' || tag === '3') return `${latest}.${releases[latest]}`;
	if (tag === 'edge') return '3.23.0_alpha20250612';
	const match = /^(3\.\d+)(?:\.(\d+))?$/.exec(tag);
	if (!match) return undefined;
	const newest = releases[match[1]];
	if (newest === undefined) return undefined;
	if (match[2] === undefined) return `${match[1]}.${newest}`;
	return Number(match[2]) <= newest ? tag : undefined;
}

const variants = new Map<string, ImageVariant>();

function variant(version: string): ImageVariant {
	const userland = alpine(version);
	return {
		entrypoint: [],
		cmd: ['/bin/sh'],
		env: [defaultPath],
		workingDir: '/',
		userland,
		files: new ImageFiles(
			{
				'/etc/os-release': userland.osRelease,
				'/etc/alpine-release': `${version}\n`,
				'/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n',
			},
			alpineRoot,
		),
		programs: {},
		usage: {idleCpuMilli: [0, 0], idleMemoryBytes: [0.3 * Mi, 0.8 * Mi], cpuMilliPerRequestRate: 0, memoryBytesPerRequestRate: 0, maxExtraMemoryBytes: 0},
		sizeBytes: 3_653_515,
	};
}

export const alpineImage: ImageDefinition = {
	repositories: ['alpine'],
	variant(tag) {
		const version = release(tag);
		if (!version) return undefined;
		let found = variants.get(version);
		if (!found) {
			found = variant(version);
			variants.set(version, found);
		}
		return found;
	},
};
