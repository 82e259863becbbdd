/**
 * busybox: a shell and the BusyBox applets, nothing else. With no command it runs `sh`, which finds no input and
 * exits 0 at once, as in Docker; give it `sh -c '...'` or `sleep 3600` to keep it running.
 */
import {busyboxRoot, ImageFiles} from '../image-files.js';
import type {ImageDefinition, ImageVariant} from '../image.js';
import {busybox} from '../userland.js';
import {defaultPath, Mi} from './common.js';

const versions = ['1.37.0', '1.36.1', '1.36.0', '1.35.0', '1.34.1', '1.34.0', '1.33.1', '1.32.1', '1.31.1', '1.30.1'];
const libcs = ['', 'musl', 'glibc', 'uclibc'];

/** latest, stable, 1, 1.36, 1.36.1, with an optional -musl/-glibc/-uclibc; or a libc alone. */
function knownTag(tag: string): boolean {
	const dash = tag.indexOf('-');
	const base = dash < 0 ? tag : tag.slice(0, dash);
	const libc = dash < 0 ? '' : tag.slice(dash + 1);
	if (!libcs.includes(libc)) return false;
	if (libcs.includes(base) && base !== '' && libc === '') return true;
	if (base === 'latest' || base === 'stable' || base === '1') return libc === '' || base !== 'latest';
	return versions.some(version => version === base || version.startsWith(`${base}.`));
}

const files = new ImageFiles(
	{
		'/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
		'/etc/group': 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\nwheel:x:10:root\nnobody:x:65534:\n',
	},
	busyboxRoot,
);

const image: ImageVariant = {
	entrypoint: [],
	cmd: ['sh'],
	env: [defaultPath],
	workingDir: '/',
	userland: busybox,
	files,
	programs: {},
	usage: {idleCpuMilli: [0, 0], idleMemoryBytes: [0.2 * Mi, 0.6 * Mi], cpuMilliPerRequestRate: 0, memoryBytesPerRequestRate: 0, maxExtraMemoryBytes: 0},
	sizeBytes: 2_156_397,
};

export const busyboxImage: ImageDefinition = {
	repositories: ['busybox'],
	variant: tag => (knownTag(tag) ? image : undefined),
};
