import type {PodTemplateSpec} from 'kubernetes-types/core/v1.js';
import type {DescribeWriter} from './tabwriter.js';

/** The `Pod Template:` section of workloads: labels, then each container's image, ports and environment. */
export function describeTemplate(writer: DescribeWriter, template: PodTemplateSpec | undefined): void {
	writer.write(0, 'Pod Template:');
	writer.map(1, 'Labels', template?.metadata?.labels);
	const annotations = template?.metadata?.annotations;
	if (annotations && Object.keys(annotations).length > 0) writer.map(1, 'Annotations', annotations, ': ');
	writer.write(1, 'Containers:');
	for (const container of template?.spec?.containers ?? []) {
		writer.write(2, `${container.name}:`);
		writer.write(3, 'Image:', container.image ?? '');
		const ports = container.ports ?? [];
		writer.write(3, 'Port:', ports.length > 0 ? ports.map(port => `${port.containerPort}/${port.protocol ?? 'TCP'}`).join(', ') : '<none>');
		writer.write(3, 'Host Port:', ports.length > 0 ? ports.map(port => `${port.hostPort ?? 0}/${port.protocol ?? 'TCP'}`).join(', ') : '<none>');
		const env = container.env ?? [];
		if (env.length === 0) {
			writer.write(3, 'Environment:', '<none>');
		} else {
			writer.write(3, 'Environment:');
			for (const variable of env) writer.write(4, `${variable.name}:`, variable.value ?? '');
		}

		writer.write(3, 'Mounts:', (container.volumeMounts ?? []).length > 0 ? (container.volumeMounts ?? []).map(mount => mount.mountPath).join(', ') : '<none>');
	}

	writer.write(1, 'Volumes:', (template?.spec?.volumes ?? []).length > 0 ? (template?.spec?.volumes ?? []).map(volume => volume.name).join(', ') : '<none>');
	writer.write(1, 'Node-Selectors:', Object.keys(template?.spec?.nodeSelector ?? {}).length > 0 ? Object.entries(template?.spec?.nodeSelector ?? {}).map(([key, value]) => `${key}=${value}`).join(',') : '<none>');
	writer.write(1, 'Tolerations:', '<none>');
}
