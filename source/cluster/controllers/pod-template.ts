import {cloneObject, type KubeObject} from '../api/object.js';
import type {OwnerReference} from './owners.js';

export type PodTemplate = {metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>; name?: string}; spec?: Record<string, unknown>};

/** A pod as a controller creates it from its template (controller.GetPodFromTemplate). */
export function podFromTemplate(
	template: PodTemplate,
	owner: OwnerReference,
	naming: {generateName?: string; name?: string},
	extra: {labels?: Record<string, string>; annotations?: Record<string, string>} = {},
): KubeObject {
	const metadata: KubeObject['metadata'] = {
		labels: {...template.metadata?.labels, ...extra.labels},
		ownerReferences: [owner],
	};
	if (naming.name) metadata.name = naming.name;
	else metadata.generateName = naming.generateName;
	const annotations = {...template.metadata?.annotations, ...extra.annotations};
	if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
	return {apiVersion: 'v1', kind: 'Pod', metadata, spec: cloneObject(template.spec ?? {})};
}

/**
 * Runs fn count times in growing batches (1, 2, 4, ...), each batch after the last succeeded, as
 * kube-controller-manager's slowStartBatch does: a failing create (quota, a bad template) costs one call, not
 * hundreds. Returns how many succeeded; stops at the first batch with a failure.
 */
export async function slowStartBatch(count: number, initialBatchSize: number, fn: () => Promise<void>): Promise<{succeeded: number; error?: unknown}> {
	let remaining = count;
	let succeeded = 0;
	for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
		const results = await Promise.allSettled(Array.from({length: batch}, () => fn()));
		let error: unknown;
		for (const result of results) {
			if (result.status === 'fulfilled') succeeded++;
			else error ??= result.reason;
		}
		remaining -= batch;
		if (error !== undefined) return {succeeded, error};
	}
	return {succeeded};
}
