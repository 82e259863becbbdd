import type {Node} from 'kubernetes-types/core/v1.js';
import {compare} from './format.js';

const rolePrefix = 'node-role.kubernetes.io/';
const legacyRoleLabel = 'kubernetes.io/role';

/** The STATUS column of `kubectl get nodes`: 'Ready', 'NotReady', 'Unknown', with ',SchedulingDisabled' when cordoned. */
export function nodeStatus(node: Node): string {
	const ready = node.status?.conditions?.find(condition => condition.type === 'Ready');
	const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
	if (node.spec?.unschedulable) status.push('SchedulingDisabled');
	return status.join(',');
}

/** Roles from `node-role.kubernetes.io/<role>` labels (and the older `kubernetes.io/role`), sorted. */
export function nodeRoles(node: Node): string[] {
	const roles = new Set<string>();
	for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
		if (key.startsWith(rolePrefix)) {
			const role = key.slice(rolePrefix.length);
			if (role) roles.add(role);
		} else if (key === legacyRoleLabel && value) {
			roles.add(value);
		}
	}
	return [...roles].sort(compare);
}

/** The first address of a type ('InternalIP', 'ExternalIP'), or '<none>'. */
export function nodeAddress(node: Node, type: string): string {
	return node.status?.addresses?.find(address => address.type === type)?.address ?? '<none>';
}
