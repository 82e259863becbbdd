import type {EndpointSlice} from 'kubernetes-types/discovery/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';
import {listWithMore} from '../format.js';

export const endpointslices = printer<EndpointSlice>(
	[
		nameColumn,
		{name: 'AddressType', type: 'string', description: 'addressType specifies the type of address carried by this EndpointSlice.'},
		{name: 'Ports', type: 'string', description: 'ports specifies the list of network ports exposed by each endpoint in this slice.'},
		{name: 'Endpoints', type: 'string', description: 'endpoints is a list of unique endpoints in this slice.'},
		ageColumn,
	],
	(slice, now) => {
		const ports = (slice.ports ?? []).map(port => (port.port !== undefined && port.port !== null ? String(port.port) : port.name ?? '*'));
		const addresses = (slice.endpoints ?? []).flatMap(endpoint => endpoint.addresses ?? []);
		return [
			slice.metadata?.name ?? '',
			slice.addressType ?? '',
			listWithMore(ports, ports.length) || '<unset>',
			listWithMore(addresses, addresses.length) || '<unset>',
			ageSince(slice.metadata?.creationTimestamp, now),
		];
	},
);
