import type {Endpoints, Service} from 'kubernetes-types/core/v1.js';
import type {KubeObject} from '../../cluster/api/object.js';
import {describedAnnotations} from './format.js';
import {DescribeWriter} from './tabwriter.js';

/** `kubectl describe service`, with endpoints when the caller found them. */
export function describeService(service: Service, endpoints?: KubeObject): string[] {
	const writer = new DescribeWriter();
	const metadata = service.metadata ?? {};
	const spec = service.spec;
	writer.field(0, 'Name', metadata.name);
	writer.field(0, 'Namespace', metadata.namespace);
	writer.map(0, 'Labels', metadata.labels);
	writer.map(0, 'Annotations', describedAnnotations(metadata.annotations), ': ');
	writer.field(0, 'Selector', Object.entries(spec?.selector ?? {}).map(([key, value]) => `${key}=${value}`).join(',') || '<none>');
	writer.field(0, 'Type', spec?.type ?? 'ClusterIP');
	writer.field(0, 'IP Family Policy', spec?.ipFamilyPolicy ?? 'SingleStack');
	writer.field(0, 'IP Families', (spec?.ipFamilies ?? ['IPv4']).join(','));
	writer.field(0, 'IP', spec?.clusterIP ?? '');
	writer.field(0, 'IPs', (spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : [])).join(','));
	const addresses = ((endpoints as unknown as Endpoints | undefined)?.subsets ?? []);
	for (const port of spec?.ports ?? []) {
		const name = port.name ?? '<unset>';
		writer.field(0, 'Port', `${name}  ${port.port}/${port.protocol ?? 'TCP'}`);
		writer.field(0, 'TargetPort', `${port.targetPort ?? port.port}/${port.protocol ?? 'TCP'}`);
		if (port.nodePort) writer.field(0, 'NodePort', `${name}  ${port.nodePort}/${port.protocol ?? 'TCP'}`);
		const list = addresses.flatMap(subset => (subset.addresses ?? []).map(address => `${address.ip}:${subset.ports?.find(candidate => candidate.name === port.name || !port.name)?.port ?? port.targetPort ?? port.port}`));
		writer.field(0, 'Endpoints', list.length > 0 ? list.join(',') : '<none>');
	}

	writer.field(0, 'Session Affinity', spec?.sessionAffinity ?? 'None');
	if (spec?.type === 'NodePort' || spec?.type === 'LoadBalancer') writer.field(0, 'External Traffic Policy', spec.externalTrafficPolicy ?? 'Cluster');
	writer.field(0, 'Internal Traffic Policy', spec?.internalTrafficPolicy ?? 'Cluster');
	return writer.toLines();
}
