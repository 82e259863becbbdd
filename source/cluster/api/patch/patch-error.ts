import {ApiError} from '../status.js';

/**
 * A patch that cannot be applied. It is an ApiError, so the HTTP layer answers it as it is: 400 BadRequest for a
 * malformed patch, 422 Invalid where Kubernetes answers that (a JSON patch that does not apply, lists of lists).
 */
export class PatchError extends ApiError {
	constructor(message: string, code: 400 | 422 = 400) {
		super({
			kind: 'Status',
			apiVersion: 'v1',
			metadata: {},
			status: 'Failure',
			message,
			reason: code === 422 ? 'Invalid' : 'BadRequest',
			code,
		});
		this.name = 'PatchError';
	}
}
