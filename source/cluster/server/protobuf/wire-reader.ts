import {ProtobufError} from './protobuf-error.js';

/** Protobuf wire types. Groups (3, 4) are not used by Kubernetes and are refused. */
export const WireType = {varint: 0, fixed64: 1, lengthDelimited: 2, startGroup: 3, endGroup: 4, fixed32: 5} as const;

/**
 * Reads protobuf wire format from a window of a byte array. Every read checks the window's end, so a truncated or
 * hostile body fails with a ProtobufError instead of reading past it, and no read moves backwards.
 */
export class WireReader {
	private position: number;

	constructor(
		private readonly bytes: Uint8Array,
		start = 0,
		private readonly end = bytes.length,
	) {
		this.position = start;
	}

	get done(): boolean {
		return this.position >= this.end;
	}

	/** An unsigned varint of up to 64 bits. */
	varint(): bigint {
		let result = 0n;
		let shift = 0n;
		for (let count = 0; count < 10; count++) {
			if (this.position >= this.end) throw new ProtobufError('truncated varint');
			const byte = this.bytes[this.position++];
			result |= BigInt(byte & 0x7f) << shift;
			if (byte < 0x80) return result;
			shift += 7n;
		}
		throw new ProtobufError('varint longer than 10 bytes');
	}

	/** A length prefix or small count, which must fit in the bytes that are left. */
	length(): number {
		const value = this.varint();
		if (value > BigInt(this.end - this.position)) throw new ProtobufError('length runs past the end of the message');
		return Number(value);
	}

	/** The next field's number and wire type. */
	tag(): {field: number; wireType: number} {
		const tag = this.varint();
		const field = Number(tag >> 3n);
		if (field === 0 || field > 0x1fffffff) throw new ProtobufError(`invalid field number ${field}`);
		return {field, wireType: Number(tag & 7n)};
	}

	/** The bytes of a length-delimited field, as a view (no copy). */
	delimited(): Uint8Array {
		const length = this.length();
		const start = this.position;
		this.position += length;
		return this.bytes.subarray(start, start + length);
	}

	skip(wireType: number): void {
		switch (wireType) {
			case WireType.varint:
				this.varint();
				return;
			case WireType.fixed64:
				this.advance(8);
				return;
			case WireType.lengthDelimited:
				this.advance(this.length());
				return;
			case WireType.fixed32:
				this.advance(4);
				return;
			default:
				throw new ProtobufError(`unsupported wire type ${wireType}`);
		}
	}

	private advance(count: number): void {
		if (count > this.end - this.position) throw new ProtobufError('field runs past the end of the message');
		this.position += count;
	}
}
