import {stringify} from 'yaml';
import type {KubeObject} from '../../cluster/api/object.js';
import {describeTime, describedAnnotations} from './format.js';
import {DescribeWriter} from './tabwriter.js';

/**
 * Any other kind, the way kubectl's generic describer does it: the metadata, then the rest of the object as
 * indented fields. ConfigMaps show their data; Secrets only the size of each value.
 */
export function describeGeneric(object: KubeObject): string[] {
	const writer = new DescribeWriter();
	const metadata = object.metadata;
	writer.field(0, 'Name', metadata.name);
	if (metadata.namespace) writer.field(0, 'Namespace', metadata.namespace);
	writer.map(0, 'Labels', metadata.labels);
	writer.map(0, 'Annotations', describedAnnotations(metadata.annotations), ': ');
	if (metadata.creationTimestamp) writer.field(0, 'CreationTimestamp', describeTime(metadata.creationTimestamp as unknown as string));
	const lines = writer.toLines();
	if (object.kind === 'Secret') {
		lines.push('', `Type:  ${String(object['type'] ?? 'Opaque')}`, '', 'Data', '====');
		for (const [key, value] of Object.entries((object['data'] as Record<string, string> | undefined) ?? {})) {
			lines.push(`${key}:  ${Buffer.from(value, 'base64').length} bytes`);
		}

		return lines;
	}

	if (object.kind === 'ConfigMap') {
		lines.push('', 'Data', '====');
		for (const [key, value] of Object.entries((object['data'] as Record<string, string> | undefined) ?? {})) {
			lines.push(`${key}:`, '----', ...value.split('\n'), '');
		}

		return lines;
	}

	const rest: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(object)) {
		if (key !== 'metadata' && key !== 'apiVersion' && key !== 'kind') rest[key] = value;
	}

	if (Object.keys(rest).length > 0) {
		lines.push(...stringify(rest, {indent: 2}).trimEnd().split('\n').map(line => line.replace(/^(\s*)([\w.-]+):/, (_, space: string, key: string) => `${space}${key.charAt(0).toUpperCase()}${key.slice(1)}:`)));
	}

	return lines;
}
