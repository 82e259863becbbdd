/** Core Events: the event lives in its object's namespace (cluster objects' events in 'default' or none). */
import type {KubeObject} from '../object.js';
import {invalid, type Causes} from './causes.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1123Subdomain} from './names.js';
import {record, string} from './read.js';

export function validateEvent(causes: Causes, event: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, event, {namespaced: true, name: isDns1123Subdomain});
	const namespace = event.metadata?.namespace ?? '';
	const involved = string(record(event.involvedObject)?.namespace);
	// Newer events (with an eventTime) may also sit in kube-system for a cluster-scoped object.
	const allowed = event.eventTime ? ['default', 'kube-system'] : ['', 'default'];
	if (involved ? involved !== namespace : !allowed.includes(namespace))
		causes.push(invalid('involvedObject.namespace', involved, 'does not match event.namespace'));
	if (old) validateObjectMetaUpdate(causes, event, old);
}
