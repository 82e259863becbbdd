/**
 * The images kubedeck's pods can run. Registry prefixes are ignored (`nginx`, `docker.io/library/nginx:1.27` and
 * `mirror.example/nginx:1.27` are the same image); an unknown repository or tag fails to pull as a real one would.
 *
 * | image                                     | tags                                   | what it runs |
 * |-------------------------------------------|----------------------------------------|--------------|
 * | gcr.io/google-samples/kubernetes-bootcamp | v1, v2 (also jocatalin/...)            | the tutorial app on 8080: `Hello Kubernetes bootcamp! \| Running on: <pod> \| v=1` |
 * | nginx                                     | latest, stable, mainline, 1.16–1.29(.x), alpine, -alpine, -perl, -bookworm ... | the welcome page on 80, access log on stdout |
 * | busybox                                   | latest, 1.30–1.37(.x), musl, glibc ... | sh and the BusyBox applets; no command: sh exits 0 |
 * | alpine                                    | latest, 3, 3.14–3.22(.x), edge         | BusyBox sh, /bin/sh by default |
 * | ubuntu                                    | latest, noble, jammy, focal, 24.04 ... | bash, /bin/bash by default |
 * | debian                                    | latest, stable, bookworm, 12, -slim ...| bash |
 * | kubedeck/crasher                          | latest, v1                             | serves 8080, exits 1 after 5 s (`--after=S`, `--exit-code=N`) |
 * | kubedeck/slow-start                       | latest, v1                             | listens on 8080 only after 20 s (`--delay=S`) |
 * | kubedeck/stress                           | latest, v1 (also polinux/, vish/)      | uses STRESS_CPU / STRESS_MEMORY (or `--cpus`, `--vm-bytes`) |
 *
 * Every image has a shell for `kubectl exec` (sh, and bash on Debian and Ubuntu bases) with echo, printf, cat, ls,
 * env, hostname, sleep, date, grep, ...; curl or wget where the real image has them.
 */
import {createHash} from 'node:crypto';
import {parseImageReference} from './image-reference.js';
import {Image, type ImageDefinition} from './image.js';
import {alpineImage} from './images/alpine.js';
import {bootcampImage} from './images/bootcamp.js';
import {busyboxImage} from './images/busybox.js';
import {crasherImage} from './images/crasher.js';
import {debianImage} from './images/debian.js';
import {nginxImage} from './images/nginx.js';
import {slowStartImage} from './images/slow-start.js';
import {stressImage} from './images/stress.js';
import {ubuntuImage} from './images/ubuntu.js';
import {ImagePullError, invalidImageName, manifestNotFound, repositoryNotFound} from './pull-error.js';
import type {ImageProgram} from './types.js';

const definitions: readonly ImageDefinition[] = [bootcampImage, nginxImage, busyboxImage, alpineImage, ubuntuImage, debianImage, crasherImage, slowStartImage, stressImage];

const byRepository = new Map<string, ImageDefinition>();
for (const definition of definitions) for (const repository of definition.repositories) byRepository.set(repository, definition);

/** Digests that are known for real, so `containerStatuses[].imageID` matches what a real cluster shows. */
const knownDigests: Record<string, string> = {
	'gcr.io/google-samples/kubernetes-bootcamp:v1': 'sha256:0d6b8ee63bb57c5f5b6156f446b3bc3b3c143d233037f3a2f00e279c8fcc64af',
};

const resolved = new Map<string, Image>();

/** The image a container spec names, or why it cannot be pulled. */
export function resolveImage(image: string): ImageProgram | ImagePullError {
	const reference = parseImageReference(image);
	if (typeof reference === 'string') return invalidImageName(image, reference);
	const cached = resolved.get(reference.name);
	if (cached) return cached;
	const definition = byRepository.get(reference.repository);
	if (!definition) return repositoryNotFound(reference);
	const variant = definition.variant(reference.tag);
	if (!variant) return manifestNotFound(reference);
	const digest = reference.digest ?? knownDigests[reference.name] ?? `sha256:${createHash('sha256').update(reference.name).digest('hex')}`;
	const result = new Image(reference.name, `${reference.registry}/${reference.path}@${digest}`, variant);
	resolved.set(reference.name, result);
	return result;
}

export {ImagePullError};
