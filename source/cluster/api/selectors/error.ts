/** A label or field selector that does not parse; the message is the one Kubernetes gives, for a 400 BadRequest. */
export class SelectorError extends Error {
	override readonly name = 'SelectorError';
}
