import type {ImageReference} from './image-reference.js';

/**
 * Why an image cannot be pulled. `reason` is the container's waiting reason.
 * For ErrImagePull the kubelet's event reads `Failed to pull image "<image>": <message>`; for InvalidImageName the
 * message is the whole event message, as the kubelet never tries to pull.
 */
export class ImagePullError extends Error {
	constructor(
		readonly reason: 'ErrImagePull' | 'InvalidImageName',
		message: string,
	) {
		super(message);
		this.name = 'ImagePullError';
	}
}

export function invalidImageName(image: string, why: string): ImagePullError {
	return new ImagePullError('InvalidImageName', `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${why}`);
}

/** A tag (or digest) the repository does not have. */
export function manifestNotFound(reference: ImageReference): ImagePullError {
	const name = reference.name;
	return new ImagePullError(
		'ErrImagePull',
		`rpc error: code = NotFound desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`,
	);
}

/** A repository that does not exist: Docker Hub answers as if it were private. */
export function repositoryNotFound(reference: ImageReference): ImagePullError {
	const name = reference.name;
	if (reference.registry !== 'docker.io') return manifestNotFound(reference);
	return new ImagePullError(
		'ErrImagePull',
		`rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
	);
}
