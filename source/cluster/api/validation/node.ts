/** Nodes: taints with valid keys, values and effects, each key and effect once. */
import type {KubeObject} from '../object.js';
import {duplicate, invalidEach, notSupported, required, type Causes} from './causes.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1123Subdomain, isQualifiedName, isValidLabelValue} from './names.js';
import {list, record, string} from './read.js';

const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateNode(causes: Causes, node: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, node, {namespaced: false, name: isDns1123Subdomain});
	const seen = new Set<string>();
	list(record(node.spec)?.taints).forEach((item, index) => {
		const path = `spec.taints[${index}]`;
		const taint = record(item) ?? {};
		const key = string(taint.key);
		if (!key) causes.push(required(`${path}.key`));
		else invalidEach(causes, `${path}.key`, key, isQualifiedName(key));
		invalidEach(causes, `${path}.value`, string(taint.value), isValidLabelValue(string(taint.value)));
		const effect = string(taint.effect);
		if (!effect) causes.push(required(`${path}.effect`));
		else if (!effects.includes(effect)) causes.push(notSupported(`${path}.effect`, effect, effects));
		const identity = `${key}:${effect}`;
		if (seen.has(identity)) causes.push(duplicate(path, {key, effect}));
		seen.add(identity);
	});
	if (old) validateObjectMetaUpdate(causes, node, old);
}
