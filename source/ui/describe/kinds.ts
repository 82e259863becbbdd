/** The typed shapes describers read, in one place. */
export type {Deployment, ReplicaSet, StatefulSet} from 'kubernetes-types/apps/v1.js';
export type {Job} from 'kubernetes-types/batch/v1.js';
export type {Node, Pod, Service} from 'kubernetes-types/core/v1.js';
