/**
 * API discovery, built from resources.ts: aggregated (apidiscovery.k8s.io/v2, one request for every group, what
 * kubectl asks for first) and legacy (/api, /apis, then one APIResourceList per group-version).
 * Aggregated discovery only counts when the Content-Type is exactly the one asked for.
 */
import {resources, type ResourceInfo} from '../api/resources.js';
import {metricsGroup, metricsVersion, reviewResources} from './request-path.js';
import {parseMediaRanges} from './negotiation.js';

type GroupVersion = {group: string; version: string};

type ApiResource = {
	name: string;
	singularName: string;
	namespaced: boolean;
	group?: string;
	version?: string;
	kind: string;
	verbs: string[];
	shortNames?: string[];
	categories?: string[];
};

const metricsResources: ResourceInfo[] = [
	{plural: 'nodes', singular: '', kind: 'NodeMetrics', group: metricsGroup, version: metricsVersion, namespaced: false, shortNames: [], categories: [], verbs: ['get', 'list'], subresources: []},
	{plural: 'pods', singular: '', kind: 'PodMetrics', group: metricsGroup, version: metricsVersion, namespaced: true, shortNames: [], categories: [], verbs: ['get', 'list'], subresources: []},
];

const reviews: ResourceInfo[] = reviewResources.map(review => ({
	plural: review.plural,
	singular: review.kind.toLowerCase(),
	kind: review.kind,
	group: review.group,
	version: review.version,
	namespaced: false,
	shortNames: [],
	categories: [],
	verbs: ['create'],
	subresources: [],
}));

const served: readonly ResourceInfo[] = [...resources, ...metricsResources, ...reviews];

/** Group-versions in the order clients should prefer them: core, then groups as resources.ts lists them. */
function groupVersions(): GroupVersion[] {
	const seen = new Map<string, GroupVersion>();
	for (const info of served) {
		const key = `${info.group}/${info.version}`;
		if (!seen.has(key)) seen.set(key, {group: info.group, version: info.version});
	}
	return [...seen.values()];
}

function inGroupVersion(group: string, version: string): ResourceInfo[] {
	return served.filter(info => info.group === group && info.version === version);
}

export function hasGroupVersion(group: string, version?: string): boolean {
	return served.some(info => info.group === group && (version === undefined || info.version === version));
}

function groupVersionString(group: string, version: string): string {
	return group ? `${group}/${version}` : version;
}

/** GET /api */
export function apiVersions(serverAddress: string): Record<string, unknown> {
	return {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress}]};
}

function apiGroup(group: string): Record<string, unknown> {
	const versions = groupVersions()
		.filter(entry => entry.group === group)
		.map(entry => ({groupVersion: groupVersionString(group, entry.version), version: entry.version}));
	return {name: group, versions, preferredVersion: versions[0]};
}

/** GET /apis */
export function apiGroupList(): Record<string, unknown> {
	const groups = [...new Set(groupVersions().map(entry => entry.group))].filter(group => group !== '');
	return {kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(apiGroup)};
}

/** GET /apis/<group> */
export function apiGroupDocument(group: string): Record<string, unknown> {
	return {kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group)};
}

/** GET /api/v1 or /apis/<group>/<version> */
export function apiResourceList(group: string, version: string): Record<string, unknown> {
	const list: ApiResource[] = [];
	for (const info of inGroupVersion(group, version)) {
		const entry: ApiResource = {name: info.plural, singularName: info.singular, namespaced: info.namespaced, kind: info.kind, verbs: info.verbs};
		if (info.shortNames.length) entry.shortNames = info.shortNames;
		if (info.categories.length) entry.categories = info.categories;
		list.push(entry);
		for (const sub of info.subresources) {
			const subEntry: ApiResource = {name: `${info.plural}/${sub.name}`, singularName: '', namespaced: info.namespaced, kind: sub.kind, verbs: sub.verbs};
			if (sub.group !== undefined) subEntry.group = sub.group;
			if (sub.version !== undefined) subEntry.version = sub.version;
			list.push(subEntry);
		}
	}
	return {kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersionString(group, version), resources: list};
}

function discoveredResource(info: ResourceInfo): Record<string, unknown> {
	const entry: Record<string, unknown> = {
		resource: info.plural,
		responseKind: {group: info.group, version: info.version, kind: info.kind},
		scope: info.namespaced ? 'Namespaced' : 'Cluster',
		singularResource: info.singular || info.kind.toLowerCase(),
		verbs: info.verbs,
	};
	if (info.shortNames.length) entry['shortNames'] = info.shortNames;
	if (info.categories.length) entry['categories'] = info.categories;
	if (info.subresources.length) {
		entry['subresources'] = info.subresources.map(sub => ({
			subresource: sub.name,
			responseKind: {group: sub.group ?? info.group, version: sub.version ?? info.version, kind: sub.kind},
			verbs: sub.verbs,
		}));
	}
	return entry;
}

/** GET /api or /apis with aggregated discovery: `core` picks the legacy group alone, else every named group. */
export function aggregatedDiscovery(core: boolean, discoveryVersion: 'v2' | 'v2beta1'): Record<string, unknown> {
	const groups = [...new Set(groupVersions().map(entry => entry.group))].filter(group => (group === '') === core);
	return {
		kind: 'APIGroupDiscoveryList',
		apiVersion: `apidiscovery.k8s.io/${discoveryVersion}`,
		metadata: {},
		items: groups.map(group => ({
			metadata: {name: group, creationTimestamp: null},
			versions: groupVersions()
				.filter(entry => entry.group === group)
				.map(entry => ({version: entry.version, resources: inGroupVersion(group, entry.version).map(discoveredResource), freshness: 'Current'})),
		})),
	};
}

export function aggregatedContentType(discoveryVersion: 'v2' | 'v2beta1'): string {
	return `application/json;g=apidiscovery.k8s.io;v=${discoveryVersion};as=APIGroupDiscoveryList`;
}

/** The aggregated discovery version the Accept header prefers, or undefined for legacy discovery. */
export function wantsAggregated(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
	for (const range of parseMediaRanges(accept)) {
		const {as, g, v} = range.parameters;
		if (range.type === 'application/json' && as === 'APIGroupDiscoveryList' && g === 'apidiscovery.k8s.io' && (v === 'v2' || v === 'v2beta1')) return v;
		if (range.type === 'application/json' && !as) return undefined;
		if (range.type === '*/*') return undefined;
	}
	return undefined;
}
