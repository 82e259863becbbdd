import type {ObjectAPI} from '../api/object-api.js';
import type {KubeObject} from '../api/object.js';
import type {ResolvedMount} from './engine.js';
import type {Container, EnvVar, Pod, Volume} from 'kubernetes-types/core/v1.js';
import {fieldValue, resourceValue} from './downward-api.js';

/** A reason the container cannot be configured yet, as the kubelet reports CreateContainerConfigError. */
export class ContainerConfigError extends Error {}

type Lookup = (resource: 'configmaps' | 'secrets', name: string) => KubeObject | undefined;

function lookupIn(api: ObjectAPI, namespace: string): Lookup {
	return (resource, name) => api.tryGet(resource, namespace, name);
}

function decodeData(object: KubeObject, resource: 'configmaps' | 'secrets'): Record<string, string> {
	const data = (object['data'] ?? {}) as Record<string, string>;
	if (resource === 'configmaps') return data;
	const decoded: Record<string, string> = {};
	for (const [key, value] of Object.entries(data)) decoded[key] = Buffer.from(value, 'base64').toString('utf8');
	for (const [key, value] of Object.entries((object['stringData'] ?? {}) as Record<string, string>)) decoded[key] = value;
	return decoded;
}

function serviceEnvName(name: string): string {
	return name.toUpperCase().replaceAll('-', '_');
}

/** Docker-style links for the services of the namespace, as the kubelet injects them (enableServiceLinks). */
function serviceLinks(api: ObjectAPI, namespace: string): Array<{name: string; value: string}> {
	const env: Array<{name: string; value: string}> = [];
	const services = [...api.list('services', namespace).items];
	const master = api.tryGet('services', 'default', 'kubernetes');
	if (master && namespace !== 'default') services.push(master);
	for (const service of services) {
		const spec = service['spec'] as {clusterIP?: string; ports?: Array<{port: number; name?: string; protocol?: string}>} | undefined;
		if (!spec?.clusterIP || spec.clusterIP === 'None' || !spec.ports?.length) continue;
		const prefix = serviceEnvName(service.metadata.name!);
		const first = spec.ports[0]!;
		env.push({name: `${prefix}_SERVICE_HOST`, value: spec.clusterIP}, {name: `${prefix}_SERVICE_PORT`, value: String(first.port)});
		for (const port of spec.ports)
			if (port.name) env.push({name: `${prefix}_SERVICE_PORT_${serviceEnvName(port.name)}`, value: String(port.port)});
		const protocol = (first.protocol ?? 'TCP').toLowerCase();
		env.push({name: `${prefix}_PORT`, value: `${protocol}://${spec.clusterIP}:${first.port}`});
		for (const port of spec.ports) {
			const p = (port.protocol ?? 'TCP').toLowerCase();
			const base = `${prefix}_PORT_${port.port}_${p.toUpperCase()}`;
			env.push(
				{name: base, value: `${p}://${spec.clusterIP}:${port.port}`},
				{name: `${base}_PROTO`, value: p},
				{name: `${base}_PORT`, value: String(port.port)},
				{name: `${base}_ADDR`, value: spec.clusterIP},
			);
		}
	}
	return env;
}

/** The environment a container starts with: service links, envFrom, then env (later wins); the runtime adds PATH and HOSTNAME. */
export function containerEnv(api: ObjectAPI, pod: Pod, container: Container): Array<{name: string; value: string}> {
	const namespace = pod.metadata?.namespace ?? 'default';
	const lookup = lookupIn(api, namespace);
	const values = new Map<string, string>();
	if (pod.spec?.enableServiceLinks !== false) for (const {name, value} of serviceLinks(api, namespace)) values.set(name, value);
	for (const source of container.envFrom ?? []) {
		const ref = source.configMapRef ? {resource: 'configmaps' as const, ref: source.configMapRef} : source.secretRef ? {resource: 'secrets' as const, ref: source.secretRef} : undefined;
		if (!ref) continue;
		const object = lookup(ref.resource, ref.ref.name ?? '');
		if (!object) {
			if (ref.ref.optional) continue;
			throw new ContainerConfigError(`${ref.resource === 'configmaps' ? 'configmap' : 'secret'} "${ref.ref.name}" not found`);
		}
		for (const [key, value] of Object.entries(decodeData(object, ref.resource))) values.set(`${source.prefix ?? ''}${key}`, value);
	}
	for (const variable of container.env ?? []) values.set(variable.name, envValue(api, variable, pod, container, lookup, values));
	return [...values].map(([name, value]) => ({name, value}));
}

function envValue(api: ObjectAPI, variable: EnvVar, pod: Pod, container: Container, lookup: Lookup, sofar: Map<string, string>): string {
	if (variable.value !== undefined) return variable.value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => sofar.get(name) ?? whole);
	const from = variable.valueFrom;
	if (!from) return '';
	if (from.fieldRef) return fieldValue(pod, from.fieldRef);
	if (from.resourceFieldRef) return resourceValue(api, pod, container, from.resourceFieldRef);
	const keyRef = from.configMapKeyRef ? {resource: 'configmaps' as const, ref: from.configMapKeyRef} : from.secretKeyRef ? {resource: 'secrets' as const, ref: from.secretKeyRef} : undefined;
	if (keyRef) {
		const object = lookup(keyRef.resource, keyRef.ref.name ?? '');
		const kind = keyRef.resource === 'configmaps' ? 'configmap' : 'secret';
		if (!object) {
			if (keyRef.ref.optional) return '';
			throw new ContainerConfigError(`${kind} "${keyRef.ref.name}" not found`);
		}
		const value = decodeData(object, keyRef.resource)[keyRef.ref.key];
		if (value === undefined && !keyRef.ref.optional) throw new ContainerConfigError(`couldn't find key ${keyRef.ref.key} in ${kind} ${pod.metadata?.namespace}/${keyRef.ref.name}`);
		return value ?? '';
	}
	return '';
}

/** A volume that cannot be set up yet; the kubelet reports FailedMount and the container stays ContainerCreating. */
export class VolumeMountError extends Error {
	constructor(
		readonly volume: string,
		reason: string,
	) {
		super(`MountVolume.SetUp failed for volume "${volume}" : ${reason}`);
	}
}

type KeyItems = Array<{key: string; path: string}> | undefined;

/** The files of a ConfigMap or Secret as a volume shows them: every key, or the listed items. */
function objectFiles(api: ObjectAPI, namespace: string, volume: string, resource: 'configmaps' | 'secrets', name: string, optional: boolean | undefined, items: KeyItems, into: Record<string, string>): void {
	const kind = resource === 'configmaps' ? 'configmap' : 'secret';
	const object = api.tryGet(resource, namespace, name);
	if (!object) {
		if (optional) return;
		throw new VolumeMountError(volume, `${kind} "${name}" not found`);
	}
	const data = decodeData(object, resource);
	for (const item of items ?? Object.keys(data).map(key => ({key, path: key}))) {
		const value = data[item.key];
		if (value !== undefined) into[item.path] = value;
		else if (!optional) throw new VolumeMountError(volume, `${kind} references non-existent ${resource === 'configmaps' ? 'config' : 'secret'} key: ${item.key}`);
	}
}

type DownwardItems = NonNullable<Volume['downwardAPI']>['items'];

function downwardFiles(api: ObjectAPI, pod: Pod, items: DownwardItems, into: Record<string, string>): void {
	for (const item of items ?? []) {
		if (item.fieldRef) into[item.path] = fieldValue(pod, item.fieldRef, true);
		else if (item.resourceFieldRef) into[item.path] = resourceValue(api, pod, undefined, item.resourceFieldRef);
	}
}

/** A token for a projected serviceAccountToken source: shaped as the API server's, signed by nobody. */
function serviceAccountToken(pod: Pod, expirationSeconds: number | undefined, audience: string | undefined, now: number): string {
	const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const namespace = pod.metadata?.namespace ?? 'default';
	const account = pod.spec?.serviceAccountName ?? 'default';
	const issued = Math.floor(now / 1000);
	const claims = {
		aud: [audience ?? 'https://kubernetes.default.svc.cluster.local'],
		exp: issued + (expirationSeconds ?? 3607),
		iat: issued,
		iss: 'https://kubernetes.default.svc.cluster.local',
		'kubernetes.io': {namespace, pod: {name: pod.metadata?.name, uid: pod.metadata?.uid}, serviceaccount: {name: account}},
		nbf: issued,
		sub: `system:serviceaccount:${namespace}:${account}`,
	};
	return `${encode({alg: 'RS256', kid: 'kubedeck'})}.${encode(claims)}.${Buffer.from(`${pod.metadata?.uid}/${issued}`).toString('base64url')}`;
}

/**
 * The files a volume starts with: ConfigMap, Secret, downwardAPI and projected volumes; undefined for a volume that
 * starts empty (emptyDir, and kinds that have no meaning here).
 */
export function volumeFiles(api: ObjectAPI, pod: Pod, volume: Volume, now: number): Record<string, string> | undefined {
	const namespace = pod.metadata?.namespace ?? 'default';
	const files: Record<string, string> = {};
	if (volume.configMap) objectFiles(api, namespace, volume.name, 'configmaps', volume.configMap.name ?? '', volume.configMap.optional, volume.configMap.items, files);
	else if (volume.secret) objectFiles(api, namespace, volume.name, 'secrets', volume.secret.secretName ?? '', volume.secret.optional, volume.secret.items, files);
	else if (volume.downwardAPI) downwardFiles(api, pod, volume.downwardAPI.items, files);
	else if (volume.projected) {
		for (const source of volume.projected.sources ?? []) {
			if (source.configMap) objectFiles(api, namespace, volume.name, 'configmaps', source.configMap.name ?? '', source.configMap.optional, source.configMap.items, files);
			if (source.secret) objectFiles(api, namespace, volume.name, 'secrets', source.secret.name ?? '', source.secret.optional, source.secret.items, files);
			if (source.downwardAPI) downwardFiles(api, pod, source.downwardAPI.items, files);
			if (source.serviceAccountToken) files[source.serviceAccountToken.path] = serviceAccountToken(pod, source.serviceAccountToken.expirationSeconds, source.serviceAccountToken.audience, now);
		}
	} else return undefined;
	return files;
}

/** The container's volume mounts with their files resolved; emptyDirs stay pod-wide by name. */
export function containerMounts(api: ObjectAPI, pod: Pod, container: Container, now: number): ResolvedMount[] {
	const volumes = new Map<string, Volume>((pod.spec?.volumes ?? []).map(volume => [volume.name, volume]));
	const mounts: ResolvedMount[] = [];
	for (const mount of container.volumeMounts ?? []) {
		const volume = volumes.get(mount.name);
		if (!volume) continue;
		const base = {volume: mount.name, mountPath: mount.mountPath, readOnly: mount.readOnly ?? false, ...(mount.subPath ? {subPath: mount.subPath} : {})};
		const files = volumeFiles(api, pod, volume, now);
		mounts.push(files ? {...base, readOnly: true, files} : base);
	}
	return mounts;
}
