import type {Printer} from './printer.js';
import {pods} from './kinds/pods.js';
import {nodes} from './kinds/nodes.js';
import {deployments} from './kinds/deployments.js';
import {replicasets} from './kinds/replicasets.js';
import {statefulsets} from './kinds/statefulsets.js';
import {jobs} from './kinds/jobs.js';
import {services} from './kinds/services.js';
import {endpoints} from './kinds/endpoints.js';
import {endpointslices} from './kinds/endpointslices.js';
import {configmaps} from './kinds/configmaps.js';
import {secrets} from './kinds/secrets.js';
import {serviceaccounts} from './kinds/serviceaccounts.js';
import {events} from './kinds/events.js';
import {namespaces} from './kinds/namespaces.js';
import {ingresses} from './kinds/ingresses.js';
import {leases} from './kinds/leases.js';
import {poddisruptionbudgets} from './kinds/poddisruptionbudgets.js';
import {nameAndAge} from './kinds/name-and-age.js';

/** The printer of each resource, by plural; anything else prints Name and Age. */
export const printers: Readonly<Record<string, Printer>> = {
	pods,
	nodes,
	deployments,
	replicasets,
	statefulsets,
	jobs,
	services,
	endpoints,
	endpointslices,
	configmaps,
	secrets,
	serviceaccounts,
	events,
	namespaces,
	ingresses,
	leases,
	poddisruptionbudgets,
};

export function printerFor(resource: string): Printer {
	const plural = resource.split('/')[0].split('.')[0];
	return Object.hasOwn(printers, plural) ? printers[plural] : nameAndAge;
}
