/**
 * Pod and pod template defaults: what kube-apiserver's defaulting (and, for pods, its admission plugins) adds, so
 * `kubectl get -o yaml` and `rollout undo` see the fields they expect.
 */
import {child, fill, isRecord, records, type Loose} from './fill.js';

export type PodDefaultsOptions = {
	/** Seconds the default not-ready/unreachable tolerations allow (Kubernetes: 300). */
	tolerationSeconds?: number;
};

/** The tag an image runs: 'latest' when neither a tag nor a digest is given, '' for a digest alone. */
export function imageTag(image: string): string {
	const at = image.indexOf('@');
	const name = at === -1 ? image : image.slice(0, at);
	const slash = name.lastIndexOf('/');
	const colon = name.lastIndexOf(':');
	if (colon > slash) return name.slice(colon + 1);
	return at === -1 ? 'latest' : '';
}

function defaultHandler(handler: unknown): void {
	if (!isRecord(handler)) return;
	const httpGet = handler.httpGet;
	if (isRecord(httpGet)) {
		fill(httpGet, 'path', '/');
		fill(httpGet, 'scheme', 'HTTP');
	}
}

function defaultProbe(probe: unknown): void {
	if (!isRecord(probe)) return;
	fill(probe, 'timeoutSeconds', 1);
	fill(probe, 'periodSeconds', 10);
	fill(probe, 'successThreshold', 1);
	fill(probe, 'failureThreshold', 3);
	defaultHandler(probe);
}

function defaultContainer(container: Loose): void {
	if (container.imagePullPolicy === undefined || container.imagePullPolicy === null || container.imagePullPolicy === '') {
		const image = typeof container.image === 'string' ? container.image : '';
		container.imagePullPolicy = image && imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
	}
	fill(container, 'terminationMessagePath', '/dev/termination-log');
	fill(container, 'terminationMessagePolicy', 'File');
	if (!isRecord(container.resources)) container.resources = {};
	for (const port of records(container.ports)) fill(port, 'protocol', 'TCP');
	for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(container[probe]);
	if (isRecord(container.lifecycle)) {
		defaultHandler(container.lifecycle.postStart);
		defaultHandler(container.lifecycle.preStop);
	}
	for (const variable of records(container.env)) {
		const fieldRef = isRecord(variable.valueFrom) ? variable.valueFrom.fieldRef : undefined;
		if (isRecord(fieldRef)) fill(fieldRef, 'apiVersion', 'v1');
	}
}

const volumeModeSources = ['configMap', 'secret', 'projected', 'downwardAPI'];

function defaultVolume(volume: Loose): void {
	const sources = Object.keys(volume).filter(key => key !== 'name' && volume[key] !== undefined && volume[key] !== null);
	if (sources.length === 0) volume.emptyDir = {};
	for (const source of volumeModeSources) if (isRecord(volume[source])) fill(volume[source] as Loose, 'defaultMode', 420);
	if (isRecord(volume.hostPath) && volume.hostPath.type === undefined) volume.hostPath.type = '';
}

/** Defaults every pod spec gets, in a pod or in a workload's template. */
export function defaultPodSpec(spec: Loose): void {
	fill(spec, 'dnsPolicy', 'ClusterFirst');
	fill(spec, 'restartPolicy', 'Always');
	if (!isRecord(spec.securityContext)) spec.securityContext = {};
	fill(spec, 'terminationGracePeriodSeconds', 30);
	fill(spec, 'schedulerName', 'default-scheduler');
	for (const container of records(spec.initContainers)) defaultContainer(container);
	for (const container of records(spec.containers)) defaultContainer(container);
	for (const volume of records(spec.volumes)) defaultVolume(volume);
	// The deprecated serviceAccount mirrors serviceAccountName, as the API's conversion keeps them.
	if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string' && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
	if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
}

/** A workload's template: only the pod spec defaults (admission defaults come when the pod is created). */
export function defaultPodTemplate(template: unknown): void {
	if (!isRecord(template)) return;
	if (isRecord(template.spec)) defaultPodSpec(template.spec);
}

const notReady = 'node.kubernetes.io/not-ready';
const unreachable = 'node.kubernetes.io/unreachable';

/** True when some toleration already covers the taint's NoExecute effect. */
function tolerates(tolerations: Loose[], key: string): boolean {
	return tolerations.some(
		toleration => (toleration.key === key || !toleration.key) && (toleration.effect === 'NoExecute' || !toleration.effect),
	);
}

/** A pod: spec defaults, then what the admission plugins add (service account, priority, default tolerations). */
export function defaultPod(pod: Loose, options: PodDefaultsOptions = {}): void {
	const spec = child(pod, 'spec');
	// Requests default to limits, for pods only (not templates).
	for (const container of [...records(spec.initContainers), ...records(spec.containers)]) {
		const resources = container.resources;
		if (!isRecord(resources) || !isRecord(resources.limits)) continue;
		const requests = child(resources, 'requests');
		for (const name in resources.limits) if (requests[name] === undefined) requests[name] = resources.limits[name];
	}
	fill(spec, 'enableServiceLinks', true);
	fill(spec, 'serviceAccountName', 'default');
	defaultPodSpec(spec);
	if (spec.priority === undefined || spec.priority === null) spec.priority = 0;
	fill(spec, 'preemptionPolicy', 'PreemptLowerPriority');
	const tolerationSeconds = options.tolerationSeconds ?? 300;
	const tolerations = records(spec.tolerations);
	const added: Loose[] = [];
	for (const key of [notReady, unreachable])
		if (!tolerates(tolerations, key)) added.push({key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds});
	if (added.length > 0) spec.tolerations = [...(Array.isArray(spec.tolerations) ? spec.tolerations : []), ...added];
}
