/**
 * Pods and pod templates: containers, ports, env, resources, volumes, probes, tolerations, and what a pod update may
 * change. Paths are the ones kubectl users see ('spec.template.spec.containers[0].image').
 */
import type {KubeObject} from '../object.js';
import {QuantityError, parseQuantity} from '../quantity.js';
import {
	duplicate,
	forbidden,
	invalid,
	invalidEach,
	nonNegative,
	notFound,
	notSupported,
	required,
	type Causes,
} from './causes.js';
import {semanticEqual} from './equal.js';
import {validateAnnotations, validateLabels} from './labels.js';
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js';
import {isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNumber} from './names.js';
import {isInteger, list, record, string, type Loose} from './read.js';

export type PodSpecRules = {
	/** Inside a workload's template: images may be left for tools to fill in, as Kubernetes allows there. */
	template: boolean;
};

const restartPolicies = ['Always', 'OnFailure', 'Never'];
const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const pullPolicies = ['Always', 'IfNotPresent', 'Never'];
const protocols = ['SCTP', 'TCP', 'UDP'];
const messagePolicies = ['File', 'FallbackToLogsOnError'];
const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const maxInt32 = 2147483647;

export function validatePod(causes: Causes, pod: KubeObject, old?: KubeObject): void {
	validateObjectMeta(causes, pod, {namespaced: true, name: isDns1123Subdomain});
	validatePodSpec(causes, pod.spec, 'spec', {template: false});
	if (old) {
		validateObjectMetaUpdate(causes, pod, old);
		validatePodSpecUpdate(causes, record(pod.spec) ?? {}, record(old.spec) ?? {});
	}
}

/** A workload's template: its labels and annotations, then its pod spec. */
export function validatePodTemplate(causes: Causes, template: unknown, field: string): void {
	const map = record(template);
	if (!map) {
		causes.push(required(field));
		return;
	}
	const metadata = record(map.metadata) ?? {};
	validateLabels(causes, metadata.labels, `${field}.metadata.labels`);
	validateAnnotations(causes, metadata.annotations, `${field}.metadata.annotations`, 256 * 1024);
	validatePodSpec(causes, map.spec, `${field}.spec`, {template: true});
}

export function validatePodSpec(causes: Causes, value: unknown, field: string, rules: PodSpecRules): void {
	const spec = record(value);
	if (!spec) {
		causes.push(required(field));
		return;
	}
	const volumes = validateVolumes(causes, spec.volumes, `${field}.volumes`);
	const containers = list(spec.containers);
	if (containers.length === 0) causes.push(required(`${field}.containers`));
	const names = new Set<string>();
	list(spec.initContainers).forEach((container, index) =>
		validateContainer(causes, container, `${field}.initContainers[${index}]`, {...rules, init: true, names, volumes}),
	);
	containers.forEach((container, index) =>
		validateContainer(causes, container, `${field}.containers[${index}]`, {...rules, init: false, names, volumes}),
	);
	oneOf(causes, spec.restartPolicy, `${field}.restartPolicy`, restartPolicies);
	oneOf(causes, spec.dnsPolicy, `${field}.dnsPolicy`, dnsPolicies);
	validateLabels(causes, spec.nodeSelector, `${field}.nodeSelector`);
	const serviceAccount = string(spec.serviceAccountName);
	if (serviceAccount) invalidEach(causes, `${field}.serviceAccountName`, serviceAccount, isDns1123Subdomain(serviceAccount));
	const nodeName = string(spec.nodeName);
	if (nodeName) invalidEach(causes, `${field}.nodeName`, nodeName, isDns1123Subdomain(nodeName));
	for (const key of ['hostname', 'subdomain']) {
		const name = string(spec[key]);
		if (name) invalidEach(causes, `${field}.${key}`, name, isDns1123Label(name));
	}
	const deadline = spec.activeDeadlineSeconds;
	if (deadline !== undefined && deadline !== null && (!isInteger(deadline) || deadline < 1 || deadline > maxInt32))
		causes.push(invalid(`${field}.activeDeadlineSeconds`, deadline, `must be between 1 and ${maxInt32}, inclusive`));
	const grace = spec.terminationGracePeriodSeconds;
	if (grace !== undefined && grace !== null && !isInteger(grace)) causes.push(invalid(`${field}.terminationGracePeriodSeconds`, grace, 'must be an integer'));
	validateTolerations(causes, spec.tolerations, `${field}.tolerations`);
}

function oneOf(causes: Causes, value: unknown, field: string, allowed: readonly string[]): void {
	if (value === undefined || value === null) return;
	if (value === '') causes.push(required(field));
	else if (typeof value !== 'string' || !allowed.includes(value)) causes.push(notSupported(field, value, allowed));
}

/** Volume names, each once, each with exactly one source; returns the names for the mounts to refer to. */
function validateVolumes(causes: Causes, value: unknown, field: string): Set<string> {
	const names = new Set<string>();
	list(value).forEach((item, index) => {
		const path = `${field}[${index}]`;
		const volume = record(item) ?? {};
		const name = string(volume.name);
		if (!name) causes.push(required(`${path}.name`));
		else if (names.has(name)) causes.push(duplicate(`${path}.name`, name));
		else {
			invalidEach(causes, `${path}.name`, name, isDns1123Label(name));
			names.add(name);
		}
		const sources = Object.keys(volume).filter(key => key !== 'name' && volume[key] !== undefined && volume[key] !== null);
		if (sources.length === 0) causes.push(required(path, 'must specify a volume type'));
		else if (sources.length > 1) causes.push(forbidden(`${path}.${sources[1]}`, 'may not specify more than 1 volume type'));
	});
	return names;
}

type ContainerRules = PodSpecRules & {init: boolean; names: Set<string>; volumes: Set<string>};

function validateContainer(causes: Causes, value: unknown, field: string, rules: ContainerRules): void {
	const container = record(value);
	if (!container) {
		causes.push(invalid(field, value, 'must be a container'));
		return;
	}
	const name = string(container.name);
	if (!name) causes.push(required(`${field}.name`));
	else if (rules.names.has(name)) causes.push(duplicate(`${field}.name`, name));
	else {
		invalidEach(causes, `${field}.name`, name, isDns1123Label(name));
		rules.names.add(name);
	}
	const image = container.image;
	if (image === undefined || image === null || image === '') {
		if (!rules.template) causes.push(required(`${field}.image`));
	} else if (typeof image !== 'string') causes.push(invalid(`${field}.image`, image, 'must be a string'));
	else if (image.trim() !== image) causes.push(invalid(`${field}.image`, image, 'must not have leading or trailing whitespace'));
	oneOf(causes, container.imagePullPolicy, `${field}.imagePullPolicy`, pullPolicies);
	oneOf(causes, container.terminationMessagePolicy, `${field}.terminationMessagePolicy`, messagePolicies);
	if (container.restartPolicy !== undefined && container.restartPolicy !== null) {
		if (!rules.init) causes.push(forbidden(`${field}.restartPolicy`, 'may not be set for non-init containers'));
		else if (container.restartPolicy !== 'Always') causes.push(notSupported(`${field}.restartPolicy`, container.restartPolicy, ['Always']));
	}
	validateContainerPorts(causes, container.ports, `${field}.ports`);
	validateEnv(causes, container.env, `${field}.env`);
	validateResources(causes, container.resources, `${field}.resources`);
	validateVolumeMounts(causes, container.volumeMounts, `${field}.volumeMounts`, rules.volumes);
	for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
		if (container[probe] !== undefined && container[probe] !== null) validateProbe(causes, container[probe], `${field}.${probe}`, probe);
}

function validateContainerPorts(causes: Causes, value: unknown, field: string): void {
	const names = new Set<string>();
	list(value).forEach((item, index) => {
		const path = `${field}[${index}]`;
		const port = record(item) ?? {};
		const name = string(port.name);
		if (name) {
			const problems = isValidPortName(name);
			if (problems.length > 0) invalidEach(causes, `${path}.name`, name, problems);
			else if (names.has(name)) causes.push(duplicate(`${path}.name`, name));
			else names.add(name);
		}
		if (port.containerPort === undefined || port.containerPort === null || port.containerPort === 0) causes.push(required(`${path}.containerPort`));
		else invalidEach(causes, `${path}.containerPort`, port.containerPort, isValidPortNumber(port.containerPort as number));
		if (port.hostPort !== undefined && port.hostPort !== null && port.hostPort !== 0)
			invalidEach(causes, `${path}.hostPort`, port.hostPort, isValidPortNumber(port.hostPort as number));
		oneOf(causes, port.protocol, `${path}.protocol`, protocols);
	});
}

function validateEnv(causes: Causes, value: unknown, field: string): void {
	list(value).forEach((item, index) => {
		const path = `${field}[${index}]`;
		const variable = record(item) ?? {};
		const name = string(variable.name);
		if (!name) causes.push(required(`${path}.name`));
		// Kubernetes 1.32 relaxed the rule to any printable ASCII but '='.
		else if (!/^[\x20-\x7e]+$/.test(name) || name.includes('='))
			causes.push(invalid(`${path}.name`, name, "a valid environment variable name must consist only of printable ASCII characters other than '='"));
		if (variable.valueFrom !== undefined && variable.valueFrom !== null) {
			if (string(variable.value) !== '') causes.push(invalid(`${path}.valueFrom`, '', 'may not be specified when `value` is not empty'));
			const sources = Object.keys(record(variable.valueFrom) ?? {});
			if (sources.length === 0) causes.push(invalid(`${path}.valueFrom`, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
			else if (sources.length > 1)
				causes.push(invalid(`${path}.valueFrom`, '', 'may not have more than one field specified at a time'));
		}
	});
}

const standardResources = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isContainerResource(name: string): boolean {
	return standardResources.has(name) || name.startsWith('hugepages-') || (name.includes('/') && isQualifiedName(name).length === 0);
}

function quantities(causes: Causes, value: unknown, field: string): Map<string, {text: string; amount: number}> {
	const parsed = new Map<string, {text: string; amount: number}>();
	const map = record(value) ?? {};
	for (const name in map) {
		const path = `${field}[${name}]`;
		if (!isContainerResource(name)) {
			causes.push(invalid(path, name, 'must be a standard resource for containers'));
			continue;
		}
		const raw = map[name];
		const text = typeof raw === 'number' ? String(raw) : string(raw);
		try {
			const amount = parseQuantity(text);
			if (amount < 0) causes.push(invalid(path, text, 'must be greater than or equal to 0'));
			else parsed.set(name, {text, amount});
		} catch (error) {
			causes.push(invalid(path, text, error instanceof QuantityError ? error.message : String(error)));
		}
	}
	return parsed;
}

function validateResources(causes: Causes, value: unknown, field: string): void {
	const resources = record(value);
	if (!resources) return;
	const limits = quantities(causes, resources.limits, `${field}.limits`);
	const requests = quantities(causes, resources.requests, `${field}.requests`);
	for (const [name, request] of requests) {
		const limit = limits.get(name);
		if (!limit) continue;
		// Huge pages cannot be overcommitted: their request must equal the limit.
		if (name.startsWith('hugepages-') && request.amount !== limit.amount)
			causes.push(invalid(`${field}.requests`, request.text, `must be equal to ${name} limit of ${limit.text}`));
		else if (request.amount > limit.amount)
			causes.push(invalid(`${field}.requests`, request.text, `must be less than or equal to ${name} limit of ${limit.text}`));
	}
}

function validateVolumeMounts(causes: Causes, value: unknown, field: string, volumes: Set<string>): void {
	const paths = new Set<string>();
	list(value).forEach((item, index) => {
		const path = `${field}[${index}]`;
		const mount = record(item) ?? {};
		const name = string(mount.name);
		if (!name) causes.push(required(`${path}.name`));
		else if (!volumes.has(name)) causes.push(notFound(`${path}.name`, name));
		const mountPath = string(mount.mountPath);
		if (!mountPath) causes.push(required(`${path}.mountPath`));
		else if (paths.has(mountPath)) causes.push(invalid(`${path}.mountPath`, mountPath, 'must be unique'));
		else paths.add(mountPath);
	});
}

const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

function validateProbe(causes: Causes, value: unknown, field: string, kind: string): void {
	const probe = record(value);
	if (!probe) return;
	const present = handlers.filter(handler => probe[handler] !== undefined && probe[handler] !== null);
	if (present.length === 0) causes.push(required(field, 'must specify a handler type'));
	else if (present.length > 1) causes.push(forbidden(`${field}.${present[1]}`, 'may not specify more than 1 handler type'));
	for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'])
		nonNegative(causes, probe[key], `${field}.${key}`);
	if ((kind === 'livenessProbe' || kind === 'startupProbe') && isInteger(probe.successThreshold) && probe.successThreshold !== 1)
		causes.push(invalid(`${field}.successThreshold`, probe.successThreshold, 'must be 1'));
	for (const handler of ['httpGet', 'tcpSocket']) {
		const action = record(probe[handler]);
		if (action) validatePortNumberOrName(causes, action.port, `${field}.${handler}.port`);
	}
	const exec = record(probe.exec);
	if (exec && list(exec.command).length === 0) causes.push(required(`${field}.exec.command`));
}

/** An IntOrString port: a number 1-65535 or an IANA service name. */
export function validatePortNumberOrName(causes: Causes, port: unknown, field: string): void {
	if (typeof port === 'number') invalidEach(causes, field, port, isValidPortNumber(port));
	// A quoted number is a string to Kubernetes, and so a name: '8080' is refused as one.
	else if (typeof port === 'string') invalidEach(causes, field, port, isValidPortName(port));
	else causes.push(required(field));
}

function validateTolerations(causes: Causes, value: unknown, field: string): void {
	list(value).forEach((item, index) => {
		const path = `${field}[${index}]`;
		const toleration = record(item) ?? {};
		const key = string(toleration.key);
		const operator = toleration.operator ?? '';
		if (key) invalidEach(causes, `${path}.key`, key, isQualifiedName(key));
		if (!key && operator !== 'Exists')
			causes.push(invalid(`${path}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
		if (toleration.tolerationSeconds !== undefined && toleration.tolerationSeconds !== null && toleration.effect !== 'NoExecute')
			causes.push(invalid(`${path}.effect`, toleration.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
		if (operator === 'Equal' || operator === '') {
			const problems = isValidLabelValue(string(toleration.value));
			if (problems.length > 0) causes.push(invalid(`${path}.operator`, string(toleration.value), problems.join(';')));
		} else if (operator === 'Exists') {
			if (string(toleration.value)) causes.push(invalid(`${path}.operator`, toleration, "value must be empty when `operator` is 'Exists'"));
		} else causes.push(notSupported(`${path}.operator`, operator, ['Equal', 'Exists']));
		if (toleration.effect !== undefined && toleration.effect !== null && toleration.effect !== '')
			if (!taintEffects.includes(string(toleration.effect))) causes.push(notSupported(`${path}.effect`, toleration.effect, taintEffects));
	});
}

const podUpdateMessage =
	'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function tolerationKey(toleration: unknown): string {
	const {key, operator, value, effect} = record(toleration) ?? {};
	return JSON.stringify([key ?? '', operator || 'Equal', value ?? '', effect ?? '']);
}

/**
 * What a pod update may change in the spec: images, a shorter deadline, added tolerations, and (how a binding
 * reaches the pod here) a node name that was empty. Anything else is refused on 'spec', as Kubernetes does.
 */
function validatePodSpecUpdate(causes: Causes, spec: Loose, old: Loose): void {
	const munged: Loose = {...spec};
	for (const key of ['containers', 'initContainers']) {
		const current = list(spec[key]);
		const previous = list(old[key]);
		if (current.length === previous.length)
			munged[key] = current.map((container, index) => ({...record(container), image: record(previous[index])?.image}));
	}

	const deadline = spec.activeDeadlineSeconds;
	const oldDeadline = old.activeDeadlineSeconds;
	if (isInteger(oldDeadline)) {
		if (deadline === undefined || deadline === null)
			causes.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
		else if (isInteger(deadline) && deadline > oldDeadline)
			causes.push(invalid('spec.activeDeadlineSeconds', deadline, 'must be less than or equal to previous value'));
	}
	munged.activeDeadlineSeconds = oldDeadline;

	const tolerations = list(spec.tolerations);
	const kept = new Set(tolerations.map(tolerationKey));
	list(old.tolerations).forEach(toleration => {
		if (!kept.has(tolerationKey(toleration)))
			causes.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
	});
	munged.tolerations = old.tolerations;

	if (isInteger(old.terminationGracePeriodSeconds) && old.terminationGracePeriodSeconds < 0 && spec.terminationGracePeriodSeconds === 1)
		munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
	if (!string(old.nodeName)) munged.nodeName = old.nodeName;
	const gates = list(spec.schedulingGates).map(gate => string(record(gate)?.name));
	const oldGates = new Set(list(old.schedulingGates).map(gate => string(record(gate)?.name)));
	if (gates.every(gate => oldGates.has(gate))) munged.schedulingGates = old.schedulingGates;

	if (semanticEqual(munged, old)) return;
	const changed = [...new Set([...Object.keys(munged), ...Object.keys(old)])].filter(key => !semanticEqual(munged[key], old[key]));
	causes.push(forbidden('spec', `${podUpdateMessage}\n  changed: ${changed.map(key => `spec.${key}`).join(', ')}`));
}
