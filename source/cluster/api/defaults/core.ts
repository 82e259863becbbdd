/** Defaults of the small core kinds: namespaces, secrets, nodes, endpoints. */
import {child, fill, isRecord, records, type Loose} from './fill.js';

/** The namespace finalizer, an Active phase, and the label that names it (kubernetes.io/metadata.name). */
export function defaultNamespace(namespace: Loose): void {
	const spec = child(namespace, 'spec');
	if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
	fill(child(namespace, 'status'), 'phase', 'Active');
	const metadata = child(namespace, 'metadata');
	if (typeof metadata.name === 'string' && metadata.name) child(metadata, 'labels')['kubernetes.io/metadata.name'] = metadata.name;
}

/** Opaque by default; stringData is write-only and lands base64-encoded in data, as the API's conversion does. */
export function defaultSecret(secret: Loose): void {
	fill(secret, 'type', 'Opaque');
	if (isRecord(secret.stringData)) {
		const data = child(secret, 'data');
		for (const key in secret.stringData) data[key] = Buffer.from(String(secret.stringData[key]), 'utf8').toString('base64');
		delete secret.stringData;
	}
}

/** What a node can give to pods is its capacity until it says otherwise. */
export function defaultNode(node: Loose): void {
	const status = node.status;
	if (isRecord(status) && isRecord(status.capacity) && !isRecord(status.allocatable)) status.allocatable = {...status.capacity};
}

export function defaultEndpoints(endpoints: Loose): void {
	for (const subset of records(endpoints.subsets)) for (const port of records(subset.ports)) fill(port, 'protocol', 'TCP');
}

export function defaultEndpointSlice(slice: Loose): void {
	for (const port of records(slice.ports)) {
		if (port.name === undefined || port.name === null) port.name = '';
		fill(port, 'protocol', 'TCP');
	}
}
