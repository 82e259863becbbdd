/** A protobuf body that cannot be decoded; the HTTP layer answers it with 400 BadRequest. */
export class ProtobufError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ProtobufError';
	}
}
