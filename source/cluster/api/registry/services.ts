import type {KubeObject} from '../object.js';
import {causes, type StatusCause} from '../status.js';
import {ClusterIpAllocator, NodePortAllocator} from './allocators.js';

type ServicePort = {port?: number; nodePort?: number; name?: string};
type ServiceSpec = {type?: string; clusterIP?: string; clusterIPs?: string[]; ports?: ServicePort[]};

/** Gives services their clusterIP and nodePorts on write, and takes them back when a service goes. */
export class ServiceAllocations {
	readonly ips = new ClusterIpAllocator();
	readonly ports = new NodePortAllocator();

	/** Marks what stored services already hold. */
	adopt(service: KubeObject): void {
		const spec = service['spec'] as ServiceSpec | undefined;
		if (spec?.clusterIP && spec.clusterIP !== 'None') this.ips.reserve(spec.clusterIP);
		for (const port of spec?.ports ?? []) if (port.nodePort) this.ports.reserve(port.nodePort);
	}

	/**
	 * Allocates what the service lacks, keeping what the old version had. Returns field causes for requests that
	 * cannot be met, and an undo for when the write fails.
	 */
	assign(service: KubeObject, old: KubeObject | undefined): {causes: StatusCause[]; undo: () => void; released: () => void} {
		const spec = (service['spec'] ??= {}) as ServiceSpec;
		const oldSpec = old?.['spec'] as ServiceSpec | undefined;
		const taken: Array<() => void> = [];
		const problems: StatusCause[] = [];
		const type = spec.type ?? 'ClusterIP';
		if (type !== 'ExternalName') {
			if (!spec.clusterIP && oldSpec?.clusterIP) spec.clusterIP = oldSpec.clusterIP;
			if (!spec.clusterIP) {
				const ip = this.ips.allocate();
				spec.clusterIP = ip;
				taken.push(() => this.ips.release(ip));
			} else if (spec.clusterIP !== 'None' && spec.clusterIP !== oldSpec?.clusterIP) {
				if (!this.ips.reserve(spec.clusterIP))
					problems.push(causes.invalid('spec.clusterIPs', [spec.clusterIP], 'failed to allocate IP ' + spec.clusterIP + ': provided IP is already allocated'));
				else taken.push(() => this.ips.release(spec.clusterIP));
			}
			spec.clusterIPs = [spec.clusterIP];
		}
		const oldPorts = new Set((oldSpec?.ports ?? []).map(p => p.nodePort).filter(Boolean));
		const wantsNodePorts = type === 'NodePort' || type === 'LoadBalancer';
		(spec.ports ?? []).forEach((port, index) => {
			if (!wantsNodePorts) {
				delete port.nodePort;
				return;
			}
			if (port.nodePort === undefined || port.nodePort === 0) {
				const previous = oldSpec?.ports?.find(p => p.port === port.port && p.nodePort)?.nodePort;
				if (previous) {
					port.nodePort = previous;
					return;
				}
				const allocated = this.ports.allocate();
				port.nodePort = allocated;
				taken.push(() => this.ports.release(allocated));
			} else if (!oldPorts.has(port.nodePort)) {
				if (!this.ports.inRange(port.nodePort))
					problems.push(causes.invalid(`spec.ports[${index}].nodePort`, port.nodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767'));
				else if (!this.ports.reserve(port.nodePort))
					problems.push(causes.invalid(`spec.ports[${index}].nodePort`, port.nodePort, 'provided port is already allocated'));
				else {
					const reserved = port.nodePort;
					taken.push(() => this.ports.release(reserved));
				}
			}
		});
		const undo = () => taken.forEach(release => release());
		// Once written, ports the old version held and the new one dropped are free again.
		const released = () => {
			const kept = new Set((spec.ports ?? []).map(p => p.nodePort));
			for (const port of oldPorts) if (!kept.has(port)) this.ports.release(port);
		};
		return {causes: problems, undo, released};
	}

	free(service: KubeObject): void {
		const spec = service['spec'] as ServiceSpec | undefined;
		if (spec?.clusterIP && spec.clusterIP !== 'None') this.ips.release(spec.clusterIP);
		for (const port of spec?.ports ?? []) this.ports.release(port.nodePort);
	}
}
