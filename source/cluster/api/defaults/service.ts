/**
 * Service defaults: ClusterIP, no session affinity, TCP ports whose targetPort is the port, single-stack IPv4, and
 * Cluster traffic policies. Cluster IPs and node ports are allocated by the registry, not here.
 */
import {child, fill, records, type Loose} from './fill.js';

export function defaultService(service: Loose): void {
	const spec = child(service, 'spec');
	fill(spec, 'sessionAffinity', 'None');
	if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
	else if (spec.sessionAffinity === 'ClientIP') fill(child(child(spec, 'sessionAffinityConfig'), 'clientIP'), 'timeoutSeconds', 10800);
	fill(spec, 'type', 'ClusterIP');
	for (const port of records(spec.ports)) {
		fill(port, 'protocol', 'TCP');
		if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
	}
	const type = spec.type;
	const external = type === 'NodePort' || type === 'LoadBalancer';
	if (external) fill(spec, 'externalTrafficPolicy', 'Cluster');
	if (external || type === 'ClusterIP') fill(spec, 'internalTrafficPolicy', 'Cluster');
	if (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
	if (type !== 'ExternalName') {
		if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
		fill(spec, 'ipFamilyPolicy', 'SingleStack');
	}
}
