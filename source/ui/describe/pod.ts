import type {Container, ContainerStatus, Pod} from 'kubernetes-types/core/v1.js';
import {describeTime, describedAnnotations} from './format.js';
import {DescribeWriter} from './tabwriter.js';

function containerState(writer: DescribeWriter, level: number, label: string, state: ContainerStatus['state']): void {
	if (state?.running) {
		writer.write(level, `${label}:`, 'Running');
		writer.write(level + 1, 'Started:', describeTime(state.running.startedAt as string | undefined));
	} else if (state?.waiting) {
		writer.write(level, `${label}:`, 'Waiting');
		writer.write(level + 1, 'Reason:', state.waiting.reason ?? '');
		if (state.waiting.message) writer.write(level + 1, 'Message:', state.waiting.message);
	} else if (state?.terminated) {
		const terminated = state.terminated;
		writer.write(level, `${label}:`, 'Terminated');
		writer.write(level + 1, 'Reason:', terminated.reason ?? '');
		if (terminated.message) writer.write(level + 1, 'Message:', terminated.message);
		writer.write(level + 1, 'Exit Code:', String(terminated.exitCode));
		if (terminated.signal) writer.write(level + 1, 'Signal:', String(terminated.signal));
		writer.write(level + 1, 'Started:', describeTime(terminated.startedAt as string | undefined));
		writer.write(level + 1, 'Finished:', describeTime(terminated.finishedAt as string | undefined));
	} else {
		writer.write(level, `${label}:`, 'Waiting');
	}
}

function describeContainers(writer: DescribeWriter, title: string, containers: Container[], statuses: ContainerStatus[]): void {
	if (containers.length === 0) return;
	writer.write(0, `${title}:`);
	for (const container of containers) {
		const status = statuses.find(candidate => candidate.name === container.name);
		writer.write(1, `${container.name}:`);
		if (status?.containerID) writer.write(2, 'Container ID:', status.containerID);
		writer.write(2, 'Image:', container.image ?? '');
		if (status?.imageID) writer.write(2, 'Image ID:', status.imageID);
		const ports = container.ports ?? [];
		if (ports.length === 0) {
			writer.write(2, 'Port:', '<none>');
		} else {
			writer.write(2, ports.length > 1 ? 'Ports:' : 'Port:', ports.map(port => `${port.containerPort}/${port.protocol ?? 'TCP'}`).join(', '));
		}

		writer.write(2, 'Host Port:', ports.length > 0 ? ports.map(port => `${port.hostPort ?? 0}/${port.protocol ?? 'TCP'}`).join(', ') : '<none>');
		if (container.command) writer.write(2, 'Command:', container.command.join(' '));
		if (container.args) writer.write(2, 'Args:', container.args.join(' '));
		containerState(writer, 2, 'State', status?.state);
		if (status?.lastState && Object.keys(status.lastState).length > 0) containerState(writer, 2, 'Last State', status.lastState);
		writer.write(2, 'Ready:', status?.ready ? 'True' : 'False');
		writer.write(2, 'Restart Count:', String(status?.restartCount ?? 0));
		const limits = container.resources?.limits;
		const requests = container.resources?.requests;
		if (limits) writer.map(2, 'Limits', limits as Record<string, string>, ':  ');
		if (requests) writer.map(2, 'Requests', requests as Record<string, string>, ':  ');
		const env = container.env ?? [];
		if (env.length === 0) {
			writer.write(2, 'Environment:', '<none>');
		} else {
			writer.write(2, 'Environment:');
			for (const variable of env) {
				const from = variable.valueFrom;
				let value = variable.value ?? '';
				if (from?.fieldRef) value = `(${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})`;
				else if (from?.secretKeyRef) value = `<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name ?? ''}'>`;
				else if (from?.configMapKeyRef) value = `<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name ?? ''}'>`;
				writer.write(3, `${variable.name}:`, value);
			}
		}

		const mounts = container.volumeMounts ?? [];
		if (mounts.length === 0) {
			writer.write(2, 'Mounts:', '<none>');
		} else {
			writer.write(2, 'Mounts:');
			for (const mount of mounts) writer.write(3, `${mount.mountPath} from ${mount.name} (${mount.readOnly ? 'ro' : 'rw'})`);
		}
	}
}

/** `kubectl describe pod`, without the events (added by the caller). */
export function describePod(pod: Pod): string[] {
	const writer = new DescribeWriter();
	const metadata = pod.metadata ?? {};
	const spec = pod.spec;
	const status = pod.status;
	writer.field(0, 'Name', metadata.name);
	writer.field(0, 'Namespace', metadata.namespace);
	writer.field(0, 'Priority', spec?.priority ?? 0);
	if (spec?.priorityClassName) writer.field(0, 'Priority Class Name', spec.priorityClassName);
	writer.field(0, 'Service Account', spec?.serviceAccountName ?? 'default');
	writer.field(0, 'Node', spec?.nodeName ? `${spec.nodeName}${status?.hostIP ? `/${status.hostIP}` : ''}` : '<none>');
	writer.field(0, 'Start Time', status?.startTime ? describeTime(status.startTime as string) : undefined);
	writer.map(0, 'Labels', metadata.labels);
	writer.map(0, 'Annotations', describedAnnotations(metadata.annotations), ': ');
	if (metadata.deletionTimestamp) {
		writer.field(0, 'Status', `Terminating (lasts ${metadata.deletionGracePeriodSeconds ?? 30}s)`);
		writer.field(0, 'Termination Grace Period', `${metadata.deletionGracePeriodSeconds ?? 30}s`);
	} else {
		writer.field(0, 'Status', status?.phase ?? 'Pending');
	}

	if (status?.reason) writer.field(0, 'Reason', status.reason);
	if (status?.message) writer.field(0, 'Message', status.message);
	writer.field(0, 'IP', status?.podIP ?? '');
	const ips = status?.podIPs ?? [];
	if (ips.length > 0) {
		writer.write(0, 'IPs:');
		for (const ip of ips) writer.write(1, 'IP:', ip.ip ?? '');
	} else {
		writer.field(0, 'IPs', '<none>');
	}

	const controller = metadata.ownerReferences?.find(owner => owner.controller);
	if (controller) writer.field(0, 'Controlled By', `${controller.kind}/${controller.name}`);
	describeContainers(writer, 'Init Containers', spec?.initContainers ?? [], status?.initContainerStatuses ?? []);
	describeContainers(writer, 'Containers', spec?.containers ?? [], status?.containerStatuses ?? []);
	const conditions = status?.conditions ?? [];
	if (conditions.length > 0) {
		writer.write(0, 'Conditions:');
		writer.write(1, 'Type', 'Status');
		for (const condition of conditions) writer.write(1, condition.type, condition.status);
	}

	const volumes = spec?.volumes ?? [];
	if (volumes.length === 0) {
		writer.field(0, 'Volumes', '<none>');
	} else {
		writer.write(0, 'Volumes:');
		for (const volume of volumes) {
			writer.write(1, `${volume.name}:`);
			const [type] = Object.keys(volume).filter(key => key !== 'name');
			writer.write(2, 'Type:', type ?? 'unknown');
		}
	}

	writer.field(0, 'QoS Class', status?.qosClass ?? 'BestEffort');
	writer.map(0, 'Node-Selectors', spec?.nodeSelector);
	const tolerations = (spec?.tolerations ?? []).map(toleration => {
		let text = toleration.key ?? '';
		if (toleration.operator === 'Equal' || toleration.value) text += `=${toleration.value ?? ''}`;
		if (toleration.effect) text += `:${toleration.effect}`;
		if (toleration.operator === 'Exists' && !toleration.key) text = 'op=Exists';
		else if (toleration.operator === 'Exists') text += ' op=Exists';
		if (toleration.tolerationSeconds !== undefined) text += ` for ${toleration.tolerationSeconds}s`;
		return text;
	});
	writer.field(0, 'Tolerations', tolerations.length > 0 ? tolerations.join('\n') : '<none>');
	return writer.toLines();
}
