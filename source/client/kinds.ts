import {resources} from '../cluster/api/resources.js';
import type {Transport} from './transport.js';
import type {ResourceKind} from './types.js';

/** Standard kinds a real cluster serves beyond kubedeck's own, for when discovery cannot be read. */
const standardExtras: ResourceKind[] = [
	kind('replicationcontrollers', 'ReplicationController', '', 'v1', true, ['rc']),
	kind('persistentvolumeclaims', 'PersistentVolumeClaim', '', 'v1', true, ['pvc']),
	kind('persistentvolumes', 'PersistentVolume', '', 'v1', false, ['pv']),
	kind('resourcequotas', 'ResourceQuota', '', 'v1', true, ['quota']),
	kind('limitranges', 'LimitRange', '', 'v1', true, ['limits']),
	kind('daemonsets', 'DaemonSet', 'apps', 'v1', true, ['ds']),
	kind('cronjobs', 'CronJob', 'batch', 'v1', true, ['cj']),
	kind('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'autoscaling', 'v2', true, ['hpa']),
	kind('networkpolicies', 'NetworkPolicy', 'networking.k8s.io', 'v1', true, ['netpol']),
	kind('ingressclasses', 'IngressClass', 'networking.k8s.io', 'v1', false),
	kind('storageclasses', 'StorageClass', 'storage.k8s.io', 'v1', false, ['sc']),
	kind('roles', 'Role', 'rbac.authorization.k8s.io', 'v1', true),
	kind('rolebindings', 'RoleBinding', 'rbac.authorization.k8s.io', 'v1', true),
	kind('clusterroles', 'ClusterRole', 'rbac.authorization.k8s.io', 'v1', false),
	kind('clusterrolebindings', 'ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', false),
	kind('customresourcedefinitions', 'CustomResourceDefinition', 'apiextensions.k8s.io', 'v1', false, ['crd', 'crds']),
];

/** What the dashboard assumes a cluster serves when discovery fails: kubedeck's resources and the standard ones. */
export const builtinKinds: readonly ResourceKind[] = [
	...resources.map(info => ({
		plural: info.plural,
		kind: info.kind,
		group: info.group,
		version: info.version,
		namespaced: info.namespaced,
		shortNames: [...info.shortNames],
		singular: info.singular,
		verbs: [...info.verbs],
		categories: [...info.categories],
	})),
	...standardExtras.filter(extra => !resources.some(info => info.plural === extra.plural && info.group === extra.group)),
];

type APIResource = {
	name: string;
	singularName?: string;
	namespaced: boolean;
	kind: string;
	verbs?: string[];
	shortNames?: string[];
	categories?: string[];
};
type APIResourceList = {groupVersion: string; resources: APIResource[]};
type APIGroupList = {groups: Array<{name: string; preferredVersion?: {groupVersion: string; version: string}; versions: Array<{groupVersion: string; version: string}>}>};

/** Discovery as of kubectl: /api/v1, then /apis and each group's preferred version. Groups that fail are left out. */
export async function discoverKinds(transport: Transport): Promise<{kinds: ResourceKind[]; groups: Set<string>}> {
	const [core, groupList] = await Promise.all([
		transport.json<APIResourceList>('/api/v1'),
		transport.json<APIGroupList>('/apis').catch(() => ({groups: []}) as APIGroupList),
	]);
	const versions = groupList.groups
		.map(group => group.preferredVersion ?? group.versions[0])
		.filter((version): version is {groupVersion: string; version: string} => Boolean(version));
	const lists = await Promise.all(
		versions.map(version => transport.json<APIResourceList>(`/apis/${version.groupVersion}`).catch(() => undefined)),
	);
	const kinds = kindsOf(core, '', 'v1');
	const groups = new Set<string>(['']);
	lists.forEach((list, index) => {
		if (!list) return;
		const [group, version] = versions[index].groupVersion.split('/');
		groups.add(group);
		kinds.push(...kindsOf(list, group, version));
	});
	return {kinds, groups};
}

function kindsOf(list: APIResourceList, group: string, version: string): ResourceKind[] {
	return (list.resources ?? [])
		.filter(resource => !resource.name.includes('/'))
		.map(resource => ({
			plural: resource.name,
			kind: resource.kind,
			group,
			version,
			namespaced: resource.namespaced,
			shortNames: resource.shortNames ?? [],
			singular: resource.singularName || resource.kind.toLowerCase(),
			verbs: resource.verbs ?? [],
			categories: resource.categories ?? [],
		}));
}

/**
 * The kind a user means by a name, as kubectl resolves it: plural, singular, short name or Kind, case-insensitive,
 * optionally qualified by group ('deployments.apps', 'deploy.apps') or group and version ('deployments.v1.apps').
 * When several groups serve the name, the first in discovery order wins (core before named groups).
 */
export function resolveKind(kinds: readonly ResourceKind[], name: string): ResourceKind | undefined {
	const wanted = name.trim().toLowerCase();
	if (!wanted) return undefined;
	const matches = (kind: ResourceKind, resource: string) =>
		kind.plural === resource ||
		kind.singular === resource ||
		kind.kind.toLowerCase() === resource ||
		kind.shortNames.includes(resource);
	const direct = kinds.find(kind => matches(kind, wanted));
	if (direct) return direct;
	const dot = wanted.indexOf('.');
	if (dot === -1) return undefined;
	const resource = wanted.slice(0, dot);
	const qualifier = wanted.slice(dot + 1);
	return kinds.find(
		kind => matches(kind, resource) && (kind.group === qualifier || `${kind.version}.${kind.group}` === qualifier),
	);
}

/** The URL path of a resource, a namespace's slice of it, one object, or one object's subresource. */
export function resourcePath(kind: ResourceKind, namespace: string | undefined, name?: string, subresource?: string): string {
	let path = kind.group ? `/apis/${kind.group}/${kind.version}` : `/api/${kind.version}`;
	if (kind.namespaced && namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
	path += `/${kind.plural}`;
	if (name !== undefined) path += `/${encodeURIComponent(name)}`;
	if (subresource) path += `/${subresource}`;
	return path;
}

/** 'v1' or 'apps/v1'. */
export function apiVersionOfKind(kind: ResourceKind): string {
	return kind.group ? `${kind.group}/${kind.version}` : kind.version;
}

function kind(plural: string, kindName: string, group: string, version: string, namespaced: boolean, shortNames: string[] = []): ResourceKind {
	return {plural, kind: kindName, group, version, namespaced, shortNames, singular: kindName.toLowerCase(), verbs: [], categories: []};
}
