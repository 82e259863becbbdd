import type {Ingress} from 'kubernetes-types/networking/v1.js';
import {ageColumn, makeRow, nameColumn, namespaceColumn, withNamespace} from './common.js';
import type {Column, Renderer} from './types.js';

const columns: Column[] = [
	nameColumn,
	{id: 'class', title: 'CLASS', priority: 2},
	{id: 'hosts', title: 'HOSTS', priority: 1, maxWidth: 40},
	{id: 'address', title: 'ADDRESS', priority: 3},
	{id: 'ports', title: 'PORTS', priority: 3},
	ageColumn,
];

export const ingressesRenderer: Renderer = {
	columns: ({allNamespaces}) => withNamespace(allNamespaces, namespaceColumn, columns),
	row(object, {allNamespaces}) {
		const ingress = object as unknown as Ingress;
		const hosts = (ingress.spec?.rules ?? []).map(rule => rule.host ?? '*');
		const address = (ingress.status?.loadBalancer?.ingress ?? []).map(entry => entry.ip ?? entry.hostname ?? '').filter(Boolean);
		const ports = (ingress.spec?.tls?.length ?? 0) > 0 ? '80, 443' : '80';
		const cells = [
			ingress.metadata?.name ?? '',
			ingress.spec?.ingressClassName ?? '<none>',
			hosts.length > 0 ? hosts.join(',') : '*',
			address.join(','),
			ports,
			'',
		];
		return makeRow(object, withNamespace(allNamespaces, ingress.metadata?.namespace ?? '', cells));
	},
};
