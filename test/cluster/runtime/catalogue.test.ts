import {describe, expect, it} from 'vitest';
import {resolveImage} from '../../../source/cluster/runtime/catalogue.js';
import {ImagePullError} from '../../../source/cluster/runtime/pull-error.js';

function pullError(image: string): ImagePullError {
	const resolved = resolveImage(image);
	if (!(resolved instanceof ImagePullError)) throw new Error(`${image} resolved`);
	return resolved;
}

describe('resolveImage', () => {
	it('finds images whatever the registry prefix', () => {
		for (const image of ['gcr.io/google-samples/kubernetes-bootcamp:v1', 'jocatalin/kubernetes-bootcamp:v2', 'nginx', 'nginx:1.27', 'docker.io/library/nginx:1.25', 'busybox', 'alpine:3.20', 'ubuntu:22.04', 'debian:bookworm-slim', 'kubedeck/crasher', 'kubedeck/slow-start:latest', 'kubedeck/stress', 'polinux/stress']) {
			expect(resolveImage(image), image).not.toBeInstanceOf(ImagePullError);
		}
	});

	it('names images as containerd does, with an image ID by digest', () => {
		const nginx = resolveImage('nginx:1.27');
		expect(nginx).toMatchObject({name: 'docker.io/library/nginx:1.27'});
		expect((nginx as {imageID: string}).imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
		expect(resolveImage('gcr.io/google-samples/kubernetes-bootcamp:v1')).toMatchObject({
			name: 'gcr.io/google-samples/kubernetes-bootcamp:v1',
			imageID: 'gcr.io/google-samples/kubernetes-bootcamp@sha256:0d6b8ee63bb57c5f5b6156f446b3bc3b3c143d233037f3a2f00e279c8fcc64af',
		});
		expect(resolveImage('busybox')).toMatchObject({name: 'docker.io/library/busybox:latest', cmd: ['sh']});
	});

	it('knows the tags of each image', () => {
		for (const tag of ['latest', 'stable', 'mainline', 'alpine', '1.27', '1.27.5', '1.25-alpine', 'stable-alpine', '1.26.3-perl', 'bookworm']) {
			expect(resolveImage(`nginx:${tag}`), tag).not.toBeInstanceOf(ImagePullError);
		}
		for (const tag of ['1.27.99', '1.99', 'notatag', 'latest-alpine', '1.27alpine']) expect(resolveImage(`nginx:${tag}`), tag).toBeInstanceOf(ImagePullError);
		expect(resolveImage('gcr.io/google-samples/kubernetes-bootcamp:v3')).toBeInstanceOf(ImagePullError);
	});

	it('fails an unknown tag with the message of a real pull', () => {
		const error = pullError('nginx:notatag');
		expect(error.reason).toBe('ErrImagePull');
		expect(error.message).toBe(
			'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:notatag": failed to resolve reference "docker.io/library/nginx:notatag": docker.io/library/nginx:notatag: not found',
		);
		expect(pullError('gcr.io/google-samples/kubernetes-bootcamp:v9-typo').message).toContain(
			'failed to resolve reference "gcr.io/google-samples/kubernetes-bootcamp:v9-typo": gcr.io/google-samples/kubernetes-bootcamp:v9-typo: not found',
		);
	});

	it('fails an unknown Docker Hub repository as access denied', () => {
		expect(pullError('nosuchimage').message).toBe(
			'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nosuchimage:latest": failed to resolve reference "docker.io/library/nosuchimage:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
		);
	});

	it('rejects a name that is not a reference', () => {
		const error = pullError('Nginx');
		expect(error.reason).toBe('InvalidImageName');
		expect(error.message).toBe('Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name must be lowercase');
		expect(pullError('nginx:').reason).toBe('InvalidImageName');
	});
});
