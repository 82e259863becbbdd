import {alpineRoot, ImageFiles} from '../image-files.js';
import type {ImageVariant} from '../image.js';
import type {UsageProfile} from '../load-meter.js';
import type {Program} from '../process.js';
import {alpine} from '../userland.js';
import {defaultPath} from './common.js';

const userland = alpine('3.21.3');
const files = new ImageFiles({'/etc/os-release': userland.osRelease}, alpineRoot);

/** The kubedeck demo images are small Alpine images with one program; exec into them finds BusyBox's sh. */
export function demoVariant(path: string, program: Program, usage: UsageProfile): ImageVariant {
	return {
		entrypoint: [path],
		cmd: [],
		env: [defaultPath],
		workingDir: '/',
		userland,
		files,
		programs: {[path]: program},
		usage,
		sizeBytes: 4_182_528,
	};
}

/** Demo images answer to `latest` and `v1`. */
export const demoTags = new Set(['latest', 'v1']);
