/** Which handler answers a request for a resource path, by method and subresource, with Kubernetes' error codes. */
import {errors, type ApiError} from '../api/status.js';
import type {RequestContext} from './context.js';
import type {ResourcePath} from './request-path.js';
import {booleanParameter} from './query.js';
import {getObject} from './handlers/get.js';
import {listObjects} from './handlers/list.js';
import {watchObjects} from './handlers/watch.js';
import {createObject} from './handlers/create.js';
import {updateObject} from './handlers/update.js';
import {patchObject} from './handlers/patch.js';
import {deleteObject} from './handlers/delete.js';
import {deleteCollection} from './handlers/delete-collection.js';
import {getScale, patchScale, updateScale} from './handlers/scale.js';
import {podLogs} from './handlers/logs.js';
import {evictPod} from './handlers/eviction.js';
import {bindPod} from './handlers/binding.js';
import {proxyToObject} from './handlers/proxy.js';
import {applyPatchContentType, serverSideApply} from './handlers/server-side-apply.js';
import {mediaType} from './negotiation.js';

export function pathNotFound(): ApiError {
	const error = errors.notFound('', '', '');
	error.status.message = 'the server could not find the requested resource';
	error.status.details = {};
	return error;
}

function isApply(context: RequestContext): boolean {
	return mediaType(context.request.headers['content-type']) === applyPatchContentType;
}

function requireVerb(path: ResourcePath, verb: string): void {
	if (!path.info.verbs.includes(verb)) throw errors.methodNotAllowed();
}

function collection(context: RequestContext, path: ResourcePath, method: string): Promise<void> {
	switch (method) {
		case 'GET':
		case 'HEAD':
			if (path.watchPrefix || booleanParameter(context.query, 'watch')) {
				requireVerb(path, 'watch');
				return watchObjects(context, path);
			}
			requireVerb(path, 'list');
			return listObjects(context, path);
		case 'POST':
			requireVerb(path, 'create');
			// Objects of a namespaced kind are created in a namespace, never across all of them.
			if (path.info.namespaced && path.namespace === undefined) throw errors.methodNotAllowed();
			return createObject(context, path);
		case 'DELETE':
			requireVerb(path, 'deletecollection');
			if (path.info.namespaced && path.namespace === undefined) throw errors.methodNotAllowed();
			return deleteCollection(context, path);
		default:
			throw errors.methodNotAllowed();
	}
}

function item(context: RequestContext, path: ResourcePath, name: string, method: string): Promise<void> {
	switch (method) {
		case 'GET':
		case 'HEAD':
			if (path.watchPrefix || booleanParameter(context.query, 'watch')) {
				requireVerb(path, 'watch');
				return watchObjects(context, path, `metadata.name=${name}`);
			}
			requireVerb(path, 'get');
			return getObject(context, path, name);
		case 'PUT':
			requireVerb(path, 'update');
			return updateObject(context, path, name, false);
		case 'PATCH':
			requireVerb(path, 'patch');
			if (isApply(context)) return serverSideApply(context, path, name, false);
			return patchObject(context, path, name, false);
		case 'DELETE':
			requireVerb(path, 'delete');
			return deleteObject(context, path, name);
		default:
			throw errors.methodNotAllowed();
	}
}

function subresource(context: RequestContext, path: ResourcePath, name: string, sub: string, method: string): Promise<void> {
	const declared = path.info.subresources.find(entry => entry.name === sub);
	if (!declared) throw pathNotFound();
	switch (sub) {
		case 'status':
			if (method === 'GET' || method === 'HEAD') return getObject(context, path, name);
			if (method === 'PUT') return updateObject(context, path, name, true);
			if (method === 'PATCH') return isApply(context) ? serverSideApply(context, path, name, true) : patchObject(context, path, name, true);
			throw errors.methodNotAllowed();
		case 'scale':
			if (method === 'GET' || method === 'HEAD') return getScale(context, path, name);
			if (method === 'PUT') return updateScale(context, path, name);
			if (method === 'PATCH') return patchScale(context, path, name);
			throw errors.methodNotAllowed();
		case 'log':
			if (method !== 'GET') throw errors.methodNotAllowed();
			return podLogs(context, path, name);
		case 'eviction':
			if (method !== 'POST') throw errors.methodNotAllowed();
			return evictPod(context, path, name);
		case 'binding':
			if (method !== 'POST') throw errors.methodNotAllowed();
			return bindPod(context, path, name);
		case 'proxy':
			return proxyToObject(context, path, name);
		case 'exec':
		case 'portforward':
		case 'attach':
			throw errors.badRequest('Upgrade request required');
		default:
			throw pathNotFound();
	}
}

export function routeResource(context: RequestContext, path: ResourcePath): Promise<void> {
	const method = (context.request.method ?? 'GET').toUpperCase();
	const {info, namespace, name, subresource: sub} = path;
	// A namespaced object is always addressed inside its namespace.
	if (info.namespaced && name !== undefined && namespace === undefined) throw pathNotFound();
	if (name === undefined) return collection(context, path, method);
	if (sub === undefined) return item(context, path, name, method);
	return subresource(context, path, name, sub, method);
}
