import type {Endpoints} from 'kubernetes-types/core/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';
import {listWithMore} from '../format.js';

export const endpoints = printer<Endpoints>(
	[nameColumn, {name: 'Endpoints', type: 'string', description: 'The set of all endpoints is the union of all subsets.'}, ageColumn],
	(object, now) => [object.metadata?.name ?? '', formatEndpoints(object), ageSince(object.metadata?.creationTimestamp, now)],
);

/** 'ip:port' for every ready address and port, three at most then ' + N more...', or '<none>'. */
function formatEndpoints(object: Endpoints): string {
	const subsets = object.subsets ?? [];
	if (subsets.length === 0) return '<none>';
	const list: string[] = [];
	let count = 0;
	for (const subset of subsets) {
		const addresses = subset.addresses ?? [];
		// Headless services may have no ports: the addresses alone.
		const ports = subset.ports?.length ? subset.ports : [undefined];
		for (const port of ports) {
			count += addresses.length;
			for (const address of addresses) {
				if (list.length === 3) break;
				list.push(port ? joinHostPort(address.ip, port.port) : address.ip);
			}
		}
	}
	return listWithMore(list, count);
}

function joinHostPort(host: string, port: number): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
