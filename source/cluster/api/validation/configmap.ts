/** ConfigMaps: keys usable as file names, string values, at most 1 MiB, and frozen once `immutable`. */
import type {KubeObject} from '../object.js';
import {forbidden, invalid, invalidEach, tooLong, type Causes} from './causes.js';
import {semanticEqual} from './equal.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isBase64, isConfigMapKey, isDns1123Subdomain} from './names.js';
import {record, string} from './read.js';

/** Kubernetes' limit for the data of one ConfigMap or Secret. */
export const maxDataBytes = 1024 * 1024;

export function validateConfigMap(causes: Causes, configMap: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, configMap, {namespaced: true, name: isDns1123Subdomain});
	const data = record(configMap.data) ?? {};
	const binary = record(configMap.binaryData) ?? {};
	let bytes = 0;
	for (const key in data) {
		invalidEach(causes, `data[${key}]`, key, isConfigMapKey(key));
		if (key in binary) causes.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
		const value = data[key];
		if (typeof value !== 'string') causes.push(invalid(`data[${key}]`, value, 'must be a string'));
		bytes += string(value).length;
	}
	for (const key in binary) {
		invalidEach(causes, `binaryData[${key}]`, key, isConfigMapKey(key));
		if (key in data) causes.push(invalid(`binaryData[${key}]`, key, 'duplicate of key present in data'));
		const value = string(binary[key]);
		if (!isBase64(value)) causes.push(invalid(`binaryData[${key}]`, '<binary>', 'must be base64 encoded'));
		bytes += Math.floor((value.length * 3) / 4);
	}
	if (bytes > maxDataBytes) causes.push(tooLong('data', maxDataBytes));
	if (old) {
		validateObjectMetaUpdate(causes, configMap, old);
		validateImmutableData(causes, configMap, old, ['data', 'binaryData']);
	}
}

/** Once `immutable: true`, the data and the flag itself stay as they are. */
export function validateImmutableData(causes: Causes, object: KubeObject, old: KubeObject, fields: string[]): void {
	if (old.immutable !== true) return;
	if (object.immutable !== true) causes.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
	for (const field of fields)
		if (!semanticEqual(object[field], old[field])) causes.push(forbidden(field, 'field is immutable when `immutable` is set'));
}
