import type {Service} from 'kubernetes-types/core/v1.js';
import {ageColumn, makeRow, nameColumn, namespaceColumn, withNamespace} from './common.js';
import type {Column, Renderer} from './types.js';

/** PORT(S) like kubectl: 8080:32766/TCP for node ports, 443/TCP otherwise. */
export function servicePorts(service: Service): string {
	const ports = service.spec?.ports ?? [];
	if (ports.length === 0) return '<none>';
	return ports.map(port => `${port.port}${port.nodePort ? `:${port.nodePort}` : ''}/${port.protocol ?? 'TCP'}`).join(',');
}

export function serviceExternalIp(service: Service): string {
	const type = service.spec?.type ?? 'ClusterIP';
	const external = service.spec?.externalIPs ?? [];
	if (type === 'ExternalName') return service.spec?.externalName ?? '<none>';
	if (type === 'LoadBalancer') {
		const ingress = (service.status?.loadBalancer?.ingress ?? []).map(entry => entry.ip ?? entry.hostname ?? '');
		const all = [...ingress, ...external].filter(Boolean);
		return all.length > 0 ? all.join(',') : '<pending>';
	}

	return external.length > 0 ? external.join(',') : '<none>';
}

const columns: Column[] = [
	nameColumn,
	{id: 'type', title: 'TYPE', priority: 1},
	{id: 'cluster-ip', title: 'CLUSTER-IP', priority: 2},
	{id: 'external-ip', title: 'EXTERNAL-IP', priority: 4, maxWidth: 30},
	{id: 'ports', title: 'PORT(S)', priority: 1, maxWidth: 40},
	ageColumn,
];

export const servicesRenderer: Renderer = {
	columns: ({allNamespaces}) => withNamespace(allNamespaces, namespaceColumn, columns),
	row(object, {allNamespaces}) {
		const service = object as unknown as Service;
		const cells = [
			service.metadata?.name ?? '',
			service.spec?.type ?? 'ClusterIP',
			service.spec?.clusterIP ?? '<none>',
			serviceExternalIp(service),
			servicePorts(service),
			'',
		];
		return makeRow(object, withNamespace(allNamespaces, service.metadata?.namespace ?? '', cells), service.metadata?.deletionTimestamp ? 'terminating' : 'normal');
	},
};
