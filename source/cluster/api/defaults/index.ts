/**
 * applyDefaults(resource, object, options): fills in, in place, what kube-apiserver defaults on every write of that
 * resource, before validation. The object must be a fresh copy the caller owns.
 */
import type {KubeObject} from '../object.js';
import {defaultEndpointSlice, defaultEndpoints, defaultNamespace, defaultNode, defaultSecret} from './core.js';
import {defaultDeployment} from './deployment.js';
import type {Loose} from './fill.js';
import {defaultJob} from './job.js';
import {defaultPod, type PodDefaultsOptions} from './pod.js';
import {defaultReplicaSet} from './replicaset.js';
import {defaultService} from './service.js';
import {defaultStatefulSet} from './statefulset.js';

export type DefaultsOptions = PodDefaultsOptions;

const defaulters: Record<string, (object: Loose, options: DefaultsOptions) => void> = {
	pods: defaultPod,
	deployments: defaultDeployment,
	replicasets: defaultReplicaSet,
	statefulsets: defaultStatefulSet,
	jobs: defaultJob,
	services: defaultService,
	namespaces: defaultNamespace,
	secrets: defaultSecret,
	nodes: defaultNode,
	endpoints: defaultEndpoints,
	endpointslices: defaultEndpointSlice,
};

export function applyDefaults(resource: string, object: KubeObject, options: DefaultsOptions = {}): void {
	defaulters[resource]?.(object as Loose, options);
}

export {imageTag} from './pod.js';
