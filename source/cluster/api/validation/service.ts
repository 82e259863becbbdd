/** Services: type, ports, node ports, cluster IP and selector, and a cluster IP that stays once set. */
import type {KubeObject} from '../object.js';
import {duplicate, forbidden, immutable, invalid, invalidEach, notSupported, required, type Causes} from './causes.js';
import {validateLabels} from './labels.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1035Label, isDns1123Label, isDns1123Subdomain, isIP, isValidPortNumber} from './names.js';
import {validatePortNumberOrName} from './pod.js';
import {isInteger, list, record, string, type Loose} from './read.js';

const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const protocols = ['SCTP', 'TCP', 'UDP'];

/** The node port range of a default kube-apiserver (--service-node-port-range). */
export const nodePortRange = {first: 30000, last: 32767};

function optionalOneOf(causes: Causes, value: unknown, field: string, allowed: string[]): void {
	if (value === undefined || value === null || value === '') return;
	if (typeof value !== 'string' || !allowed.includes(value)) causes.push(notSupported(field, value, allowed));
}

export function validateService(causes: Causes, service: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, service, {namespaced: true, name: isDns1035Label});
	const spec = record(service.spec);
	if (!spec) {
		causes.push(required('spec'));
		return;
	}
	const type = spec.type ?? 'ClusterIP';
	if (typeof type !== 'string' || !types.includes(type)) causes.push(notSupported('spec.type', type, types));
	const clusterIP = string(spec.clusterIP);
	const headless = clusterIP === 'None';
	const ports = list(spec.ports);
	if (ports.length === 0 && !headless && type !== 'ExternalName') causes.push(required('spec.ports'));
	validatePorts(causes, ports, type);

	if (type === 'ExternalName') {
		const externalName = string(spec.externalName);
		if (!externalName) causes.push(required('spec.externalName'));
		else invalidEach(causes, 'spec.externalName', externalName, isDns1123Subdomain(externalName.replace(/\.$/, '')));
		if (clusterIP) causes.push(invalid('spec.clusterIP', clusterIP, 'may not be set for ExternalName services'));
	} else {
		validateLabels(causes, spec.selector, 'spec.selector');
		if (clusterIP && !headless && !isIP(clusterIP))
			causes.push(invalid('spec.clusterIP', clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
		if (headless && (type === 'NodePort' || type === 'LoadBalancer'))
			causes.push(invalid('spec.clusterIP', clusterIP, `may not be set to 'None' for ${type} services`));
	}
	optionalOneOf(causes, spec.sessionAffinity, 'spec.sessionAffinity', ['ClientIP', 'None']);
	optionalOneOf(causes, spec.externalTrafficPolicy, 'spec.externalTrafficPolicy', ['Cluster', 'Local']);
	optionalOneOf(causes, spec.internalTrafficPolicy, 'spec.internalTrafficPolicy', ['Cluster', 'Local']);
	optionalOneOf(causes, spec.ipFamilyPolicy, 'spec.ipFamilyPolicy', ['PreferDualStack', 'RequireDualStack', 'SingleStack']);
	const families = list(spec.ipFamilies);
	families.forEach((family, index) => {
		if (family !== 'IPv4' && family !== 'IPv6') causes.push(notSupported(`spec.ipFamilies[${index}]`, family, ['IPv4', 'IPv6']));
		else if (families.indexOf(family) !== index) causes.push(duplicate(`spec.ipFamilies[${index}]`, family));
	});
	for (const [index, ip] of list(spec.externalIPs).entries())
		if (!isIP(string(ip))) causes.push(invalid(`spec.externalIPs[${index}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));

	if (old) {
		validateObjectMetaUpdate(causes, service, old);
		const previous = record(old.spec) ?? {};
		const oldIP = string(previous.clusterIP);
		// Moving to or from ExternalName releases or allocates an IP; otherwise it stays what it was.
		if (clusterIP && oldIP && clusterIP !== oldIP && type !== 'ExternalName' && previous.type !== 'ExternalName')
			causes.push(immutable('spec.clusterIP', clusterIP));
	}
}

function validatePorts(causes: Causes, ports: unknown[], type: unknown): void {
	const names = new Set<string>();
	const seen = new Set<string>();
	const nodePorts = new Set<string>();
	ports.forEach((item, index) => {
		const path = `spec.ports[${index}]`;
		const port: Loose = record(item) ?? {};
		const name = string(port.name);
		if (ports.length > 1 && !name) causes.push(required(`${path}.name`));
		else if (name) {
			invalidEach(causes, `${path}.name`, name, isDns1123Label(name));
			if (names.has(name)) causes.push(duplicate(`${path}.name`, name));
			else names.add(name);
		}
		invalidEach(causes, `${path}.port`, port.port ?? 0, isValidPortNumber(isInteger(port.port) ? port.port : 0));
		const protocol = port.protocol ?? 'TCP';
		if (protocol === '') causes.push(required(`${path}.protocol`));
		else if (typeof protocol !== 'string' || !protocols.includes(protocol)) causes.push(notSupported(`${path}.protocol`, protocol, protocols));
		if (port.targetPort !== undefined && port.targetPort !== null && port.targetPort !== 0 && port.targetPort !== '')
			validatePortNumberOrName(causes, port.targetPort, `${path}.targetPort`);
		const key = `${string(protocol)}/${String(port.port)}`;
		if (seen.has(key)) causes.push(duplicate(path, {port: port.port, protocol}));
		seen.add(key);

		const nodePort = port.nodePort;
		if (nodePort === undefined || nodePort === null || nodePort === 0) return;
		if (type === 'ClusterIP' || type === undefined) causes.push(forbidden(`${path}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
		else if (type === 'ExternalName') causes.push(forbidden(`${path}.nodePort`, "may not be used when `type` is 'ExternalName'"));
		else if (!isInteger(nodePort) || nodePort < nodePortRange.first || nodePort > nodePortRange.last)
			causes.push(
				invalid(
					`${path}.nodePort`,
					nodePort,
					`provided port is not in the valid range. The range of valid ports is ${nodePortRange.first}-${nodePortRange.last}`,
				),
			);
		const nodeKey = `${string(protocol)}/${String(nodePort)}`;
		if (nodePorts.has(nodeKey)) causes.push(duplicate(`${path}.nodePort`, nodePort));
		nodePorts.add(nodeKey);
	});
}
