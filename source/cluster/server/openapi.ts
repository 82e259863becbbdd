/**
 * /openapi/v3: an index of group-versions and, for each, a document of its paths and operations.
 *
 * What kubectl reads from it: `apply` and `create -f` check that the PATCH operation of the kind declares the
 * `fieldValidation` query parameter (then validation happens on the server, and no schema is needed on the
 * client). The PATCH request body deliberately does not list strategic-merge-patch: kubectl would then compute
 * strategic patches from v3 schemas, which this server does not publish; without it kubectl uses the patch
 * metadata compiled into it for the built-in kinds, which is what the cluster implements.
 */
import {createHash} from 'node:crypto';
import {resources, type ResourceInfo} from '../api/resources.js';
import {metricsGroup, metricsVersion} from './request-path.js';

type Document = {json: string; hash: string};

const queryParameter = (name: string, description: string, type = 'string') => ({name, in: 'query', description, schema: {type, uniqueItems: true}});

const parameters = {
	dryRun: queryParameter('dryRun', "When present, indicates that modifications should not be persisted. Valid value: 'All'."),
	fieldManager: queryParameter('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
	fieldValidation: queryParameter(
		'fieldValidation',
		'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.',
	),
	force: queryParameter('force', 'Force is going to "force" Apply requests.', 'boolean'),
	pretty: queryParameter('pretty', "If 'true', then the output is pretty printed."),
	labelSelector: queryParameter('labelSelector', 'A selector to restrict the list of returned objects by their labels.'),
	fieldSelector: queryParameter('fieldSelector', 'A selector to restrict the list of returned objects by their fields.'),
	limit: queryParameter('limit', 'limit is a maximum number of responses to return for a list call.', 'integer'),
	continue: queryParameter('continue', 'The continue option should be set when retrieving more results from the server.'),
	resourceVersion: queryParameter('resourceVersion', 'resourceVersion sets a constraint on what resource versions a request may be served from.'),
	watch: queryParameter('watch', 'Watch for changes to the described resources.', 'boolean'),
	timeoutSeconds: queryParameter('timeoutSeconds', 'Timeout for the list/watch call.', 'integer'),
	allowWatchBookmarks: queryParameter('allowWatchBookmarks', 'allowWatchBookmarks requests watch events with type "BOOKMARK".', 'boolean'),
	gracePeriodSeconds: queryParameter('gracePeriodSeconds', 'The duration in seconds before the object should be deleted.', 'integer'),
	propagationPolicy: queryParameter('propagationPolicy', "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'."),
};

const pathParameter = (name: string, description: string) => ({name, in: 'path', description, required: true, schema: {type: 'string', uniqueItems: true}});

const objectSchema = {type: 'object', 'x-kubernetes-preserve-unknown-fields': true};
const jsonBody = (types: string[]) => ({content: Object.fromEntries(types.map(type => [type, {schema: objectSchema}])), required: true});
const okResponse = (code = '200') => ({[code]: {description: 'OK', content: {'application/json': {schema: objectSchema}}}});

function operationId(verb: string, info: ResourceInfo, namespacedPath: boolean, suffix = ''): string {
	const group = info.group ? info.group.split('.')[0]!.replace(/^./, c => c.toUpperCase()) : 'Core';
	const version = info.version.replace(/^./, c => c.toUpperCase());
	return `${verb}${group}${version}${namespacedPath ? 'Namespaced' : ''}${info.kind}${suffix}`;
}

function operations(info: ResourceInfo, prefix: string): Record<string, unknown> {
	const gvk = {group: info.group, version: info.version, kind: info.kind};
	const namespacedPath = info.namespaced;
	const base = namespacedPath ? `${prefix}/namespaces/{namespace}/${info.plural}` : `${prefix}/${info.plural}`;
	const scope = namespacedPath ? [pathParameter('namespace', 'object name and auth scope, such as for teams and projects')] : [];
	const operation = (verb: string, action: string, extra: Record<string, unknown>, suffix = '') => ({
		operationId: operationId(verb, info, namespacedPath, suffix),
		'x-kubernetes-action': action,
		'x-kubernetes-group-version-kind': gvk,
		...extra,
	});
	const verbs = new Set(info.verbs);
	const collection: Record<string, unknown> = {parameters: [...scope, parameters.pretty]};
	if (verbs.has('list'))
		collection['get'] = operation('list', 'list', {
			parameters: [parameters.labelSelector, parameters.fieldSelector, parameters.limit, parameters.continue, parameters.resourceVersion, parameters.watch, parameters.timeoutSeconds, parameters.allowWatchBookmarks],
			responses: okResponse(),
		});
	if (verbs.has('create'))
		collection['post'] = operation('create', 'post', {
			parameters: [parameters.dryRun, parameters.fieldManager, parameters.fieldValidation],
			requestBody: jsonBody(['*/*']),
			responses: {...okResponse(), ...okResponse('201'), ...okResponse('202')},
		});
	if (verbs.has('deletecollection'))
		collection['delete'] = operation('deletecollection', 'deletecollection', {
			parameters: [parameters.labelSelector, parameters.fieldSelector, parameters.dryRun, parameters.gracePeriodSeconds, parameters.propagationPolicy],
			responses: okResponse(),
		});

	const item: Record<string, unknown> = {parameters: [pathParameter('name', `name of the ${info.kind}`), ...scope, parameters.pretty]};
	if (verbs.has('get')) item['get'] = operation('read', 'get', {responses: okResponse()});
	if (verbs.has('update'))
		item['put'] = operation('replace', 'put', {
			parameters: [parameters.dryRun, parameters.fieldManager, parameters.fieldValidation],
			requestBody: jsonBody(['*/*']),
			responses: {...okResponse(), ...okResponse('201')},
		});
	if (verbs.has('patch'))
		item['patch'] = operation('patch', 'patch', {
			parameters: [parameters.dryRun, parameters.fieldManager, parameters.fieldValidation, parameters.force],
			requestBody: jsonBody(['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']),
			responses: {...okResponse(), ...okResponse('201')},
		});
	if (verbs.has('delete'))
		item['delete'] = operation('delete', 'delete', {
			parameters: [parameters.dryRun, parameters.gracePeriodSeconds, parameters.propagationPolicy],
			responses: {...okResponse(), ...okResponse('202')},
		});

	const paths: Record<string, unknown> = {[base]: collection, [`${base}/{name}`]: item};
	if (namespacedPath && verbs.has('list'))
		paths[`${prefix}/${info.plural}`] = {
			parameters: [parameters.pretty],
			get: {...operation('list', 'list', {responses: okResponse()}, 'ForAllNamespaces'), operationId: operationId('list', info, false, 'ForAllNamespaces')},
		};
	return paths;
}

function groupVersionKeys(): Array<{group: string; version: string}> {
	const seen = new Map<string, {group: string; version: string}>();
	for (const info of resources) seen.set(`${info.group}/${info.version}`, {group: info.group, version: info.version});
	seen.set(`${metricsGroup}/${metricsVersion}`, {group: metricsGroup, version: metricsVersion});
	return [...seen.values()];
}

function pathKey(group: string, version: string): string {
	return group ? `apis/${group}/${version}` : `api/${version}`;
}

function buildDocument(group: string, version: string): Document {
	const prefix = `/${pathKey(group, version)}`;
	const paths: Record<string, unknown> = {};
	for (const info of resources) if (info.group === group && info.version === version) Object.assign(paths, operations(info, prefix));
	const document = {openapi: '3.0.0', info: {title: 'Kubernetes', version: 'v1.32.4'}, paths, components: {schemas: {}}};
	const json = JSON.stringify(document);
	return {json, hash: createHash('sha512').update(json).digest('hex').toUpperCase()};
}

let documents: Map<string, Document> | undefined;

function allDocuments(): Map<string, Document> {
	documents ??= new Map(groupVersionKeys().map(({group, version}) => [pathKey(group, version), buildDocument(group, version)]));
	return documents;
}

/** GET /openapi/v3 */
export function openApiIndex(): string {
	const paths: Record<string, {serverRelativeURL: string}> = {};
	for (const [key, document] of allDocuments()) paths[key] = {serverRelativeURL: `/openapi/v3/${key}?hash=${document.hash}`};
	return JSON.stringify({paths});
}

/** GET /openapi/v3/<api/v1 | apis/G/V>, or undefined for a group-version the server does not have. */
export function openApiDocument(key: string): string | undefined {
	return allDocuments().get(key)?.json;
}
