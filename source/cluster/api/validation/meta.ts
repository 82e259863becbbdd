/** The checks of metadata every kind shares, on create and on update. */
import type {KubeObject} from '../object.js';
import {forbidden, goValue, immutable, invalid, invalidEach, nonNegative, required, type Causes} from './causes.js';
import {validateAnnotations, validateLabels} from './labels.js';
import {isDns1123Label, isQualifiedName, maskTrailingDash} from './names.js';
import {list, record, string} from './read.js';

/** A name check: the list of problems with a name (generateName is checked with its trailing '-' masked). */
export type NameCheck = (name: string) => string[];

export type MetaRules = {namespaced: boolean; name: NameCheck};

const totalAnnotationBytes = 256 * 1024;

export function validateObjectMeta(causes: Causes, object: KubeObject, rules: MetaRules): void {
	const meta = record(object.metadata) as KubeObject['metadata'] | undefined;
	if (!meta) {
		causes.push(required('metadata'));
		return;
	}
	const {name, generateName, namespace} = meta;
	if (generateName) invalidEach(causes, 'metadata.generateName', generateName, rules.name(maskTrailingDash(generateName)));
	if (!name) causes.push(required('metadata.name', 'name or generateName is required'));
	else if (typeof name !== 'string') causes.push(invalid('metadata.name', name, 'must be a string'));
	else invalidEach(causes, 'metadata.name', name, rules.name(name));
	if (rules.namespaced) {
		if (!namespace) causes.push(required('metadata.namespace'));
		else invalidEach(causes, 'metadata.namespace', namespace, isDns1123Label(namespace));
	} else if (namespace) causes.push(forbidden('metadata.namespace', 'not allowed on this type'));
	nonNegative(causes, meta.generation, 'metadata.generation');
	validateLabels(causes, meta.labels, 'metadata.labels');
	validateAnnotations(causes, meta.annotations, 'metadata.annotations', totalAnnotationBytes);
	validateOwnerReferences(causes, meta.ownerReferences);
	validateFinalizers(causes, meta.finalizers, 'metadata.finalizers');
}

function validateOwnerReferences(causes: Causes, references: unknown): void {
	let controller = '';
	for (const item of list(references)) {
		const reference = record(item) ?? {};
		const apiVersion = string(reference.apiVersion);
		const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
		if (!version) causes.push(invalid('metadata.ownerReferences.apiVersion', apiVersion, 'version must not be empty'));
		if (!string(reference.kind)) causes.push(invalid('metadata.ownerReferences.kind', string(reference.kind), 'kind must not be empty'));
		if (!string(reference.name)) causes.push(invalid('metadata.ownerReferences.name', string(reference.name), 'name must not be empty'));
		if (!string(reference.uid)) causes.push(invalid('metadata.ownerReferences.uid', string(reference.uid), 'uid must not be empty'));
		if (reference.controller === true) {
			const current = `${string(reference.kind)}/${string(reference.name)}`;
			if (controller)
				causes.push(
					invalid(
						'metadata.ownerReferences',
						references,
						`Only one reference can have Controller set to true. Found "true" in references for ${controller} and ${current}`,
					),
				);
			else controller = current;
		}
	}
}

export function validateFinalizers(causes: Causes, finalizers: unknown, field: string): void {
	const names = list(finalizers);
	for (const finalizer of names) invalidEach(causes, field, finalizer, isQualifiedName(string(finalizer)));
	if (names.includes('orphan') && names.includes('foregroundDeletion'))
		causes.push(invalid(field, names, 'finalizer orphan and foregroundDeletion cannot be both set'));
}

/** What an update may not change in metadata. */
export function validateObjectMetaUpdate(causes: Causes, object: KubeObject, old: KubeObject): void {
	const meta = object.metadata ?? {};
	const previous = old.metadata ?? {};
	if ((meta.name ?? '') !== (previous.name ?? '')) causes.push(immutable('metadata.name', meta.name ?? ''));
	if ((meta.namespace ?? '') !== (previous.namespace ?? '')) causes.push(immutable('metadata.namespace', meta.namespace ?? ''));
	if (previous.uid && meta.uid && meta.uid !== previous.uid) causes.push(immutable('metadata.uid', meta.uid));
	if (previous.deletionTimestamp) {
		const before = new Set(previous.finalizers ?? []);
		const added = (meta.finalizers ?? []).filter(finalizer => !before.has(finalizer));
		if (added.length > 0)
			causes.push(
				forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${goValue(added)}`),
			);
	}
}
