import type {Taint} from './node-info.js';

export type Toleration = {key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number};

/** Whether one toleration tolerates one taint (v1.Toleration.ToleratesTaint). */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
	if (toleration.effect && toleration.effect !== taint.effect) return false;
	if (toleration.key && toleration.key !== taint.key) return false;
	// An empty key with Exists matches every taint.
	if (!toleration.key && toleration.operator !== 'Exists') return false;
	if (toleration.operator === 'Exists') return true;
	return (toleration.value ?? '') === (taint.value ?? '');
}

/** The first NoSchedule or NoExecute taint no toleration tolerates. */
export function untoleratedTaint(taints: Taint[], tolerations: Toleration[] | undefined): Taint | undefined {
	for (const taint of taints) {
		if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
		if (!(tolerations ?? []).some(toleration => tolerates(toleration, taint))) return taint;
	}
	return undefined;
}

/** `{key: value}` as kube-scheduler prints a taint. */
export function describeTaint(taint: Taint): string {
	return `{${taint.key}: ${taint.value ?? ''}}`;
}
