/** Secrets: keys like ConfigMaps', base64 values, the keys each well-known type needs, and a type that stays. */
import type {KubeObject} from '../object.js';
import {immutable, invalid, invalidEach, required, tooLong, type Causes} from './causes.js';
import {maxDataBytes, validateImmutableData} from './configmap.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {base64ErrorOffset, isBase64, isConfigMapKey, isDns1123Subdomain} from './names.js';
import {record, string} from './read.js';

/** Keys each well-known type must carry. */
const requiredKeys: Record<string, string[]> = {
	'kubernetes.io/dockercfg': ['.dockercfg'],
	'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
	'kubernetes.io/ssh-auth': ['ssh-privatekey'],
	'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function validateSecret(causes: Causes, secret: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, secret, {namespaced: true, name: isDns1123Subdomain});
	const data = record(secret.data) ?? {};
	let bytes = 0;
	for (const key in data) {
		invalidEach(causes, `data[${key}]`, key, isConfigMapKey(key));
		const value = string(data[key]);
		if (!isBase64(value)) causes.push(invalid(`data[${key}]`, '<secret contents redacted>', `illegal base64 data at input byte ${base64ErrorOffset(value)}`));
		bytes += Math.floor((value.length * 3) / 4);
	}
	if (bytes > maxDataBytes) causes.push(tooLong('data', maxDataBytes));
	const type = string(secret.type);
	for (const key of requiredKeys[type] ?? []) if (!(key in data)) causes.push(required(`data[${key}]`));
	if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
		causes.push(required('data[username]'));
		causes.push(required('data[password]'));
	}
	if (type === 'kubernetes.io/service-account-token' && !secret.metadata?.annotations?.['kubernetes.io/service-account.name'])
		causes.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
	if (old) {
		validateObjectMetaUpdate(causes, secret, old);
		if (string(old.type) && type !== string(old.type)) causes.push(immutable('type', type));
		validateImmutableData(causes, secret, old, ['data']);
	}
}
