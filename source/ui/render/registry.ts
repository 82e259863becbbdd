import {configMapsRenderer} from './configmaps.js';
import {contextsRenderer} from './contexts.js';
import {deploymentsRenderer} from './deployments.js';
import {eventsRenderer} from './events.js';
import {genericRenderer} from './generic.js';
import {ingressesRenderer} from './ingresses.js';
import {jobsRenderer} from './jobs.js';
import {namespacesRenderer} from './namespaces.js';
import {nodesRenderer} from './nodes.js';
import {podsRenderer} from './pods.js';
import {replicaSetsRenderer} from './replicasets.js';
import {revisionsRenderer} from './revisions.js';
import {secretsRenderer} from './secrets.js';
import {servicesRenderer} from './services.js';
import {statefulSetsRenderer} from './statefulsets.js';
import type {Renderer} from './types.js';

const renderers: Record<string, Renderer> = {
	pods: podsRenderer,
	deployments: deploymentsRenderer,
	replicasets: replicaSetsRenderer,
	statefulsets: statefulSetsRenderer,
	jobs: jobsRenderer,
	services: servicesRenderer,
	nodes: nodesRenderer,
	ingresses: ingressesRenderer,
	configmaps: configMapsRenderer,
	secrets: secretsRenderer,
	events: eventsRenderer,
	namespaces: namespacesRenderer,
	contexts: contextsRenderer,
	revisions: revisionsRenderer,
};

/** The renderer for a resource (plural) or a named way of showing one ('revisions'); NAME/AGE for kinds without one. */
export function rendererFor(resource: string): Renderer {
	return renderers[resource] ?? genericRenderer;
}
