/** An image reference taken apart the way containerd reads it. */
export type ImageReference = {
	/** 'docker.io', 'gcr.io', 'localhost:5000'. */
	registry: string;
	/** Path on the registry: 'library/nginx', 'google-samples/kubernetes-bootcamp'. */
	path: string;
	/** The last path component, which the catalogue goes by: 'nginx', 'kubernetes-bootcamp'. */
	repository: string;
	tag: string;
	digest?: string;
	/** The fully qualified name: 'docker.io/library/nginx:1.27' (or '...@sha256:…' with a digest). */
	name: string;
};

const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/** Parses an image name; a string is the reason it is not a valid reference. */
export function parseImageReference(image: string): ImageReference | string {
	if (!image) return 'invalid reference format';
	let rest = image;
	let digest: string | undefined;
	const at = rest.indexOf('@');
	if (at >= 0) {
		digest = rest.slice(at + 1);
		rest = rest.slice(0, at);
		if (!digestPattern.test(digest)) return 'invalid reference format';
	}
	let tag: string | undefined;
	const colon = rest.lastIndexOf(':');
	if (colon > rest.lastIndexOf('/')) {
		tag = rest.slice(colon + 1);
		rest = rest.slice(0, colon);
		if (!tagPattern.test(tag)) return 'invalid reference format';
	}
	const parts = rest.split('/');
	let registry = 'docker.io';
	const first = parts[0];
	if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
		registry = first;
		parts.shift();
	}
	if (registry === 'index.docker.io') registry = 'docker.io';
	if (parts.length === 0 || parts.some(part => !part)) return 'invalid reference format';
	for (const part of parts) {
		if (component.test(part)) continue;
		return component.test(part.toLowerCase()) ? 'invalid reference format: repository name must be lowercase' : 'invalid reference format';
	}
	if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
	const path = parts.join('/');
	const resolvedTag = tag ?? 'latest';
	const name = digest ? `${registry}/${path}@${digest}` : `${registry}/${path}:${resolvedTag}`;
	return {registry, path, repository: parts[parts.length - 1], tag: resolvedTag, digest, name};
}
