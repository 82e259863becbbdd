import type {Ingress} from 'kubernetes-types/networking/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';
import {compare} from '../format.js';

export const ingresses = printer<Ingress>(
	[
		nameColumn,
		{name: 'Class', type: 'string', description: 'The name of the IngressClass resource that should be used for additional configuration'},
		{name: 'Hosts', type: 'string', description: 'Hosts that incoming requests are matched against before the ingress rule'},
		{name: 'Address', type: 'string', description: 'Address is a list containing ingress points for the load-balancer'},
		{name: 'Ports', type: 'string', description: 'Ports of TLS configurations that open'},
		ageColumn,
	],
	(ingress, now) => {
		const addresses = (ingress.status?.loadBalancer?.ingress ?? []).map(entry => entry.ip || entry.hostname || '').filter(Boolean);
		return [
			ingress.metadata?.name ?? '',
			ingress.spec?.ingressClassName ?? '<none>',
			hosts(ingress),
			[...new Set(addresses)].sort(compare).join(','),
			ingress.spec?.tls?.length ? '80, 443' : '80',
			ageSince(ingress.metadata?.creationTimestamp, now),
		];
	},
);

/** Up to three rule hosts, '*' when no rule names one. */
function hosts(ingress: Ingress): string {
	const rules = ingress.spec?.rules ?? [];
	const names = rules.slice(0, 3).flatMap(rule => (rule.host ? [rule.host] : []));
	if (names.length === 0) return '*';
	return rules.length > 3 ? `${names.join(',')} + ${rules.length - 3} more...` : names.join(',');
}
