/** Ingresses: hosts, paths with a type, and backends that name a service and one port. */
import type {KubeObject} from '../object.js';
import {invalid, invalidEach, notSupported, required, type Causes} from './causes.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1035Label, isDns1123Subdomain, isValidPortName, isValidPortNumber} from './names.js';
import {list, record, string} from './read.js';

const pathTypes = ['Exact', 'ImplementationSpecific', 'Prefix'];

export function validateIngress(causes: Causes, ingress: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, ingress, {namespaced: true, name: isDns1123Subdomain});
	const spec = record(ingress.spec) ?? {};
	if (spec.defaultBackend !== undefined && spec.defaultBackend !== null) validateBackend(causes, spec.defaultBackend, 'spec.defaultBackend');
	list(spec.rules).forEach((item, index) => {
		const path = `spec.rules[${index}]`;
		const rule = record(item) ?? {};
		const host = string(rule.host);
		if (host) invalidEach(causes, `${path}.host`, host, isDns1123Subdomain(host.startsWith('*.') ? host.slice(2) : host));
		list(record(rule.http)?.paths).forEach((entry, pathIndex) => {
			const at = `${path}.http.paths[${pathIndex}]`;
			const httpPath = record(entry) ?? {};
			const type = httpPath.pathType;
			if (type === undefined || type === null || type === '') causes.push(required(`${at}.pathType`, `pathType must be specified`));
			else if (typeof type !== 'string' || !pathTypes.includes(type)) causes.push(notSupported(`${at}.pathType`, type, pathTypes));
			const value = string(httpPath.path);
			if ((type === 'Exact' || type === 'Prefix') && !value.startsWith('/')) causes.push(invalid(`${at}.path`, value, 'must be an absolute path'));
			validateBackend(causes, httpPath.backend, `${at}.backend`);
		});
	});
	if (old) validateObjectMetaUpdate(causes, ingress, old);
}

function validateBackend(causes: Causes, value: unknown, field: string): void {
	const backend = record(value);
	const service = record(backend?.service);
	if (!backend || (!service && !backend.resource)) {
		causes.push(invalid(field, value ?? null, 'must specify a `resource` or a `service`'));
		return;
	}
	if (!service) return;
	const name = string(service.name);
	if (!name) causes.push(required(`${field}.service.name`));
	else invalidEach(causes, `${field}.service.name`, name, isDns1035Label(name));
	const port = record(service.port) ?? {};
	const hasName = string(port.name) !== '';
	const hasNumber = port.number !== undefined && port.number !== null && port.number !== 0;
	if (hasName === hasNumber) causes.push(invalid(`${field}.service.port`, service.port ?? null, 'port name or number is required'));
	else if (hasName) invalidEach(causes, `${field}.service.port.name`, port.name, isValidPortName(string(port.name)));
	else invalidEach(causes, `${field}.service.port.number`, port.number, isValidPortNumber(port.number as number));
}
