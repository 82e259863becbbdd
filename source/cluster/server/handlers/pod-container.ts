import type {KubeObject} from '../../api/object.js';
import {errors} from '../../api/status.js';

type PodSpec = {containers?: Array<{name: string}>; initContainers?: Array<{name: string}>; ephemeralContainers?: Array<{name: string}>};

/**
 * The container a request means: the one named, else the only one, else the pod's default-container annotation
 * (what kubectl picks too), else the first.
 */
export function containerFor(pod: KubeObject, requested: string | null): string {
	const spec = (pod['spec'] ?? {}) as PodSpec;
	const names = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map(container => container.name);
	const podName = pod.metadata.name ?? '';
	if (requested) {
		if (!names.includes(requested)) throw errors.badRequest(`container ${requested} is not valid for pod ${podName}`);
		return requested;
	}
	const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
	if (annotated && names.includes(annotated)) return annotated;
	const first = spec.containers?.[0]?.name;
	if (!first) throw errors.badRequest(`pod ${podName} has no containers`);
	return first;
}
