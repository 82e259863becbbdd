/**
 * Content negotiation as the Kubernetes API server does it: the Accept header picks plain JSON, YAML, a server-side
 * Table or PartialObjectMetadata. Protobuf is read (request bodies) but never written; clients that ask for it
 * also accept JSON.
 */
export type Rendering = 'json' | 'yaml' | 'table' | 'partial';

export type MediaRange = {type: string; parameters: Record<string, string>};

export const tableContentType = 'application/json;as=Table;v=v1;g=meta.k8s.io';
export const jsonContentType = 'application/json';
export const yamlContentType = 'application/yaml';

export function parseMediaRanges(header: string | undefined): MediaRange[] {
	if (!header) return [];
	const ranges: MediaRange[] = [];
	for (const part of header.split(',')) {
		const [type = '', ...parameterParts] = part.split(';');
		const parameters: Record<string, string> = {};
		for (const parameter of parameterParts) {
			const equals = parameter.indexOf('=');
			if (equals < 0) continue;
			parameters[parameter.slice(0, equals).trim().toLowerCase()] = parameter.slice(equals + 1).trim().replace(/^"|"$/g, '');
		}
		const trimmed = type.trim().toLowerCase();
		if (trimmed) ranges.push({type: trimmed, parameters});
	}
	return ranges;
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(header: string | undefined): string {
	return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

function isMetaGroup(range: MediaRange): boolean {
	const {g, v} = range.parameters;
	return g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1');
}

/**
 * The rendering for a response, in the client's order of preference. `transforms` says whether the endpoint can
 * answer as a Table or PartialObjectMetadata (get, list, watch); elsewhere those ranges are skipped as Kubernetes
 * does. Undefined when nothing acceptable is offered (406).
 */
export function chooseRendering(accept: string | undefined, transforms: boolean): Rendering | undefined {
	const ranges = parseMediaRanges(accept);
	if (ranges.length === 0) return 'json';
	for (const range of ranges) {
		const as = range.parameters['as'];
		if (range.type === 'application/json') {
			if (!as) return 'json';
			if (!transforms || !isMetaGroup(range)) continue;
			if (as === 'Table') return 'table';
			if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return 'partial';
			continue;
		}
		if (as) continue;
		if (range.type === 'application/yaml') return 'yaml';
		if (range.type === '*/*' || range.type === 'application/*') return 'json';
	}
	return undefined;
}
