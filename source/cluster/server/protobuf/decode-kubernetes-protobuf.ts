import {ProtobufError} from './protobuf-error.js';
import {WireReader, WireType} from './wire-reader.js';
import {decodeMessage} from './decode-message.js';
import {kindMessages} from './schemas.js';
import {utf8} from './special-messages.js';

/** Every Kubernetes protobuf body starts with these four bytes: 'k8s' and a zero. */
const magic = [0x6b, 0x38, 0x73, 0x00];

/**
 * The object in an `application/vnd.kubernetes.protobuf` request body, as JSON. The body is 'k8s\0' and a
 * runtime.Unknown: 1 typeMeta {1 apiVersion, 2 kind}, 2 raw (the object's own message), 3 contentEncoding,
 * 4 contentType. Throws ProtobufError for a body it cannot read, or a kind it has no schema for.
 */
export function decodeKubernetesProtobuf(body: Uint8Array): Record<string, unknown> {
	if (body.length < magic.length || magic.some((byte, index) => body[index] !== byte)) {
		throw new ProtobufError('the body is not a Kubernetes protobuf message: it does not start with k8s\\0');
	}
	let typeMeta: Record<string, unknown> = {};
	let raw: Uint8Array = new Uint8Array(0);
	let contentEncoding = '';
	const reader = new WireReader(body, magic.length);
	while (!reader.done) {
		const {field, wireType} = reader.tag();
		if (field < 1 || field > 4) {
			reader.skip(wireType);
			continue;
		}
		if (wireType !== WireType.lengthDelimited) throw new ProtobufError(`runtime.Unknown field ${field} has wire type ${wireType}, expected 2`);
		const bytes = reader.delimited();
		if (field === 1) typeMeta = decodeMessage(bytes, 'TypeMeta');
		else if (field === 2) raw = bytes;
		else if (field === 3) contentEncoding = utf8(bytes);
	}
	if (contentEncoding !== '') throw new ProtobufError(`unsupported content encoding ${JSON.stringify(contentEncoding)}`);
	const kind = typeof typeMeta.kind === 'string' ? typeMeta.kind : '';
	const apiVersion = typeof typeMeta.apiVersion === 'string' ? typeMeta.apiVersion : '';
	if (!kind) throw new ProtobufError('the protobuf body does not name its kind');
	const message = Object.hasOwn(kindMessages, kind) ? kindMessages[kind] : undefined;
	if (!message) throw new ProtobufError(`no protobuf decoding for kind ${JSON.stringify(kind)}: send it as JSON`);
	return {apiVersion, kind, ...decodeMessage(raw, message)};
}
