/** Namespaces: a DNS label for a name, and qualified finalizer names. */
import type {KubeObject} from '../object.js';
import type {Causes} from './causes.js';
import {validateFinalizers, validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1123Label} from './names.js';
import {record} from './read.js';

export function validateNamespace(causes: Causes, namespace: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, namespace, {namespaced: false, name: isDns1123Label});
	validateFinalizers(causes, record(namespace.spec)?.finalizers, 'spec.finalizers');
	if (old) validateObjectMetaUpdate(causes, namespace, old);
}
