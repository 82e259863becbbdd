import type {ObjectAPI} from '../api/object-api.js';
import type {KubeObject} from '../api/object.js';
import type {ResolvedMount} from './engine.js';
import type {Container, EnvVar, Pod, Volume} from 'kubernetes-types/core/v1.js';

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

/** The value of a downward-API field path. */
function fieldValue(pod: Pod, path: string): string {
	const labels = /^metadata\.labels\['(.+)'\]$/.exec(path);
	if (labels) return pod.metadata?.labels?.[labels[1]!] ?? '';
	const annotations = /^metadata\.annotations\['(.+)'\]$/.exec(path);
	if (annotations) return pod.metadata?.annotations?.[annotations[1]!] ?? '';
	switch (path) {
		case 'metadata.name':
			return pod.metadata?.name ?? '';
		case 'metadata.namespace':
			return pod.metadata?.namespace ?? '';
		case 'metadata.uid':
			return pod.metadata?.uid ?? '';
		case 'spec.nodeName':
			return pod.spec?.nodeName ?? '';
		case 'spec.serviceAccountName':
			return pod.spec?.serviceAccountName ?? '';
		case 'status.podIP':
			return pod.status?.podIP ?? '';
		case 'status.hostIP':
			return pod.status?.hostIP ?? '';
		default:
			return '';
	}
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
	for (const variable of container.env ?? []) values.set(variable.name, envValue(variable, pod, lookup, values));
	return [...values].map(([name, value]) => ({name, value}));
}

function envValue(variable: EnvVar, pod: Pod, lookup: Lookup, sofar: Map<string, string>): string {
	if (variable.value !== undefined) return variable.value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => sofar.get(name) ?? whole);
	const from = variable.valueFrom;
	if (!from) return '';
	if (from.fieldRef) return fieldValue(pod, from.fieldRef.fieldPath);
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

/** The container's volume mounts with ConfigMap and Secret contents resolved; emptyDirs stay pod-wide by name. */
export function containerMounts(api: ObjectAPI, pod: Pod, container: Container): ResolvedMount[] {
	const namespace = pod.metadata?.namespace ?? 'default';
	const volumes = new Map<string, Volume>((pod.spec?.volumes ?? []).map(volume => [volume.name, volume]));
	const mounts: ResolvedMount[] = [];
	for (const mount of container.volumeMounts ?? []) {
		const volume = volumes.get(mount.name);
		if (!volume) continue;
		const base = {volume: mount.name, mountPath: mount.mountPath, readOnly: mount.readOnly ?? false, ...(mount.subPath ? {subPath: mount.subPath} : {})};
		const source = volume.configMap
			? {resource: 'configmaps' as const, name: volume.configMap.name ?? '', optional: volume.configMap.optional, items: volume.configMap.items}
			: volume.secret
				? {resource: 'secrets' as const, name: volume.secret.secretName ?? '', optional: volume.secret.optional, items: volume.secret.items}
				: undefined;
		if (!source) {
			mounts.push(base);
			continue;
		}
		const object = api.tryGet(source.resource, namespace, source.name);
		if (!object) {
			if (source.optional) continue;
			throw new ContainerConfigError(`${source.resource === 'configmaps' ? 'configmap' : 'secret'} "${source.name}" not found`);
		}
		const data = decodeData(object, source.resource);
		const files: Record<string, string> = {};
		for (const item of source.items ?? Object.keys(data).map(key => ({key, path: key}))) if (data[item.key] !== undefined) files[item.path] = data[item.key]!;
		mounts.push({...base, readOnly: true, files});
	}
	return mounts;
}
