import type {Node} from 'kubernetes-types/core/v1.js';
import {ageSince} from '../../age.js';
import {ageColumn, nameColumn, printer} from '../printer.js';
import {nodeAddress, nodeRoles, nodeStatus} from '../node-status.js';

export const nodes = printer<Node>(
	[
		nameColumn,
		{name: 'Status', type: 'string', description: 'The status of the node'},
		{name: 'Roles', type: 'string', description: 'The roles of the node'},
		ageColumn,
		{name: 'Version', type: 'string', description: 'Kubelet Version reported by the node.'},
		{name: 'Internal-IP', type: 'string', priority: 1, description: 'List of addresses reachable to the node.'},
		{name: 'External-IP', type: 'string', priority: 1, description: 'List of addresses reachable to the node.'},
		{name: 'OS-Image', type: 'string', priority: 1, description: 'OS Image reported by the node from /etc/os-release.'},
		{name: 'Kernel-Version', type: 'string', priority: 1, description: "Kernel Version reported by the node from 'uname -r'."},
		{name: 'Container-Runtime', type: 'string', priority: 1, description: 'ContainerRuntime Version reported by the node through runtime remote API.'},
	],
	(node, now) => {
		const info = node.status?.nodeInfo;
		return [
			node.metadata?.name ?? '',
			nodeStatus(node),
			nodeRoles(node).join(',') || '<none>',
			ageSince(node.metadata?.creationTimestamp, now),
			info?.kubeletVersion ?? '',
			nodeAddress(node, 'InternalIP'),
			nodeAddress(node, 'ExternalIP'),
			info?.osImage || '<unknown>',
			info?.kernelVersion || '<unknown>',
			info?.containerRuntimeVersion || '<unknown>',
		];
	},
);
