/** Endpoints and EndpointSlices: IP addresses of the right family and valid ports. */
import type {KubeObject} from '../object.js';
import {immutable, invalid, invalidEach, notSupported, required, type Causes} from './causes.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1123Subdomain, isIP, isIPv4, isIPv6, isValidPortNumber} from './names.js';
import {list, record, string} from './read.js';

const protocols = ['SCTP', 'TCP', 'UDP'];
const addressTypes = ['FQDN', 'IPv4', 'IPv6'];

function validatePorts(causes: Causes, ports: unknown[], field: string): void {
	ports.forEach((item, index) => {
		const port = record(item) ?? {};
		const path = `${field}[${index}]`;
		if (ports.length > 1 && !string(port.name)) causes.push(required(`${path}.name`));
		if (port.port !== undefined && port.port !== null) invalidEach(causes, `${path}.port`, port.port, isValidPortNumber(port.port as number));
		if (port.protocol !== undefined && !protocols.includes(string(port.protocol))) causes.push(notSupported(`${path}.protocol`, port.protocol, protocols));
	});
}

export function validateEndpoints(causes: Causes, endpoints: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, endpoints, {namespaced: true, name: isDns1123Subdomain});
	list(endpoints.subsets).forEach((item, index) => {
		const path = `subsets[${index}]`;
		const subset = record(item) ?? {};
		for (const key of ['addresses', 'notReadyAddresses'])
			list(subset[key]).forEach((address, addressIndex) => {
				const ip = string(record(address)?.ip);
				if (!isIP(ip)) causes.push(invalid(`${path}.${key}[${addressIndex}].ip`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
			});
		validatePorts(causes, list(subset.ports), `${path}.ports`);
	});
	if (old) validateObjectMetaUpdate(causes, endpoints, old);
}

export function validateEndpointSlice(causes: Causes, slice: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, slice, {namespaced: true, name: isDns1123Subdomain});
	const type = slice.addressType;
	if (type === undefined || type === null || type === '') causes.push(required('addressType'));
	else if (!addressTypes.includes(string(type))) causes.push(notSupported('addressType', type, addressTypes));
	const check = type === 'IPv4' ? isIPv4 : type === 'IPv6' ? isIPv6 : (address: string) => isDns1123Subdomain(address).length === 0;
	list(slice.endpoints).forEach((item, index) => {
		const addresses = list(record(item)?.addresses);
		const path = `endpoints[${index}].addresses`;
		if (addresses.length === 0) causes.push(required(path, 'must contain at least 1 address'));
		addresses.forEach((address, addressIndex) => {
			if (!check(string(address))) causes.push(invalid(`${path}[${addressIndex}]`, address, `must be a valid ${string(type)} address`));
		});
	});
	validatePorts(causes, list(slice.ports), 'ports');
	if (old) {
		validateObjectMetaUpdate(causes, slice, old);
		if (old.addressType !== undefined && type !== old.addressType) causes.push(immutable('addressType', type));
	}
}
