import type {KubeObject} from '../../source/cluster/api/object.js';

export type CrashOp = {key: string; state: 'created' | 'updated' | 'deleted'};

/**
 * The writes one crash-test writer makes, in order: it creates a key each step, updates the one before every third
 * step and deletes an older one every fifth. Both the writer and the checker walk this same sequence.
 */
export function* crashOps(round: string, writer: number): Generator<CrashOp> {
	const keyOf = (index: number) => `/registry/configmaps/r${round}-w${writer}/k${index}`;
	for (let index = 0; ; index++) {
		yield {key: keyOf(index), state: 'created'};
		if (index % 3 === 2) {
			yield {key: keyOf(index - 1), state: 'updated'};
		}

		if (index % 5 === 4) {
			yield {key: keyOf(index - 4), state: 'deleted'};
		}
	}
}

/** The value the crash writer stores for a key in a given state, padded so records have a realistic size. */
export function crashValue(key: string, state: 'created' | 'updated'): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'ConfigMap',
		metadata: {name: key.slice(key.lastIndexOf('/') + 1), namespace: 'default', labels: {state}},
		data: {key, state, padding: 'x'.repeat(300)},
	};
}
