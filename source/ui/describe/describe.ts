import type {Deployment, Job, Node, Pod, ReplicaSet, Service} from './kinds.js';
import type {KubeObject} from '../../cluster/api/object.js';
import type {ClusterClient} from '../../client/types.js';
import {eventLines, eventsFor} from './events.js';
import {describeGeneric} from './generic.js';
import {describeNode} from './node.js';
import {describePod} from './pod.js';
import {describeService} from './service.js';
import {describeDeployment, describeJob, describeReplicaSet} from './workloads.js';

async function quietly<T>(promise: Promise<T>, fallback: T): Promise<T> {
	try {
		return await promise;
	} catch {
		return fallback;
	}
}

/**
 * `kubectl describe RESOURCE NAME` as lines: fetches the object, what its describer needs (ReplicaSets of a
 * deployment, pods of a node, endpoints of a service) and the events about it. Errors fetching extras are ignored;
 * an error getting the object itself is thrown.
 */
export async function describeObject(client: ClusterClient, resource: string, namespace: string | undefined, name: string, now: number): Promise<string[]> {
	const object = await client.get(resource, namespace, name);
	// Servers that do not filter events by field still answer a plain list; eventsFor picks the object's own.
	const eventsPromise = client.list('events', namespace, {fieldSelector: `involvedObject.name=${name}`})
		.catch(async () => quietly(client.list('events', namespace), []));
	let lines: string[];
	switch (resource) {
		case 'pods': {
			lines = describePod(object as unknown as Pod);
			break;
		}

		case 'deployments': {
			lines = describeDeployment(object as unknown as Deployment, await quietly(client.list('replicasets', namespace), []));
			break;
		}

		case 'replicasets':
		case 'statefulsets': {
			lines = describeReplicaSet(object as unknown as ReplicaSet);
			break;
		}

		case 'jobs': {
			lines = describeJob(object as unknown as Job);
			break;
		}

		case 'services': {
			lines = describeService(object as unknown as Service, await quietly<KubeObject | undefined>(client.get('endpoints', namespace, name), undefined));
			break;
		}

		case 'nodes': {
			lines = describeNode(object as unknown as Node, await quietly(client.list('pods', undefined, {fieldSelector: `spec.nodeName=${name}`}), []), now);
			break;
		}

		default: {
			lines = describeGeneric(object);
		}
	}

	const events = eventsFor(object, await eventsPromise);
	return [...lines, ...eventLines(events, now)];
}
