import type {Service} from 'kubernetes-types/core/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';
import {compare, formatLabels} from '../format.js';

export const services = printer<Service>(
	[
		nameColumn,
		{name: 'Type', type: 'string', description: 'type determines how the Service is exposed. Defaults to ClusterIP.'},
		{name: 'Cluster-IP', type: 'string', description: 'clusterIP is the IP address of the service and is usually assigned randomly.'},
		{name: 'External-IP', type: 'string', description: 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'},
		{name: 'Port(s)', type: 'string', description: 'The list of ports that are exposed by this service.'},
		ageColumn,
		{name: 'Selector', type: 'string', priority: 1, description: 'Route service traffic to pods with label keys and values matching this selector.'},
	],
	(service, now) => [
		service.metadata?.name ?? '',
		service.spec?.type ?? '',
		service.spec?.clusterIPs?.[0] || service.spec?.clusterIP || '<none>',
		externalIP(service),
		servicePorts(service) || '<none>',
		ageSince(service.metadata?.creationTimestamp, now),
		formatLabels(service.spec?.selector),
	],
);

/** '8080:31928/TCP' for a node port, '80/TCP' otherwise, comma separated. */
export function servicePorts(service: Service): string {
	return (service.spec?.ports ?? [])
		.map(port => (port.nodePort ? `${port.port}:${port.nodePort}/${port.protocol ?? 'TCP'}` : `${port.port}/${port.protocol ?? 'TCP'}`))
		.join(',');
}

/** External IPs, the load balancer's addresses ('<pending>' until it has one), or the external name. */
export function externalIP(service: Service): string {
	const externalIPs = service.spec?.externalIPs ?? [];
	switch (service.spec?.type) {
		case 'ClusterIP':
		case 'NodePort':
			return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
		case 'LoadBalancer': {
			const ingress = service.status?.loadBalancer?.ingress ?? [];
			const addresses = [...new Set(ingress.map(entry => entry.ip || entry.hostname || '').filter(Boolean))].sort(compare);
			const all = [...addresses, ...externalIPs];
			return all.length > 0 ? all.join(',') : '<pending>';
		}
		case 'ExternalName':
			return service.spec.externalName ?? '';
		default:
			return '<unknown>';
	}
}
