/** Kubernetes Status objects and the error that carries one from anywhere in the cluster to the HTTP layer. */
export type StatusCause = {reason?: string; message?: string; field?: string};

export type Status = {
	kind: 'Status';
	apiVersion: 'v1';
	metadata: Record<string, unknown>;
	status: 'Success' | 'Failure';
	message?: string;
	reason?: string;
	details?: {name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[]; retryAfterSeconds?: number};
	code: number;
};

export class ApiError extends Error {
	constructor(readonly status: Status) {
		super(status.message);
	}

	get code(): number {
		return this.status.code;
	}

	get reason(): string | undefined {
		return this.status.reason;
	}
}

type Target = {group?: string; kind?: string; name?: string};

function failure(code: number, reason: string, message: string, details?: Status['details']): ApiError {
	const status: Status = {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code};
	if (details) status.details = details;
	return new ApiError(status);
}

/** `deployments.apps "web"` as Kubernetes names a resource in messages. */
function qualified(resource: string, group: string | undefined): string {
	return group ? `${resource}.${group}` : resource;
}

export const errors = {
	notFound: (resource: string, group: string, name: string) =>
		failure(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, {name, group, kind: resource}),
	alreadyExists: (resource: string, group: string, name: string) =>
		failure(409, 'AlreadyExists', `${qualified(resource, group)} "${name}" already exists`, {name, group, kind: resource}),
	conflict: (resource: string, group: string, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again') =>
		failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": ${why}`, {name, group, kind: resource}),
	/** kind is the Kind ('Deployment'); each cause names a field. */
	invalid: (kind: string, group: string, name: string, causes: StatusCause[]) =>
		failure(
			422,
			'Invalid',
			`${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${causes.map(c => `${c.field}: ${c.message}`).join(', ')}`,
			{name, group, kind, causes},
		),
	badRequest: (message: string) => failure(400, 'BadRequest', message),
	methodNotAllowed: (message = 'the server does not allow this method on the requested resource') =>
		failure(405, 'MethodNotAllowed', message),
	gone: (message: string) => failure(410, 'Expired', message),
	unauthorized: () => failure(401, 'Unauthorized', 'Unauthorized'),
	forbidden: (message: string) => failure(403, 'Forbidden', message),
	tooLarge: (message = 'Request entity too large: limit is 3145728') => failure(413, 'RequestEntityTooLarge', message),
	unsupportedMediaType: (type: string) =>
		failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got ${type})`),
	tooManyRequests: (message: string, retryAfterSeconds = 1) => failure(429, 'TooManyRequests', message, {retryAfterSeconds}),
	internal: (message: string) => failure(500, 'InternalError', `Internal error occurred: ${message}`),
	serviceUnavailable: (message: string) => failure(503, 'ServiceUnavailable', message),
};

export function success(details?: Status['details']): Status {
	const status: Status = {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200};
	if (details) status.details = details;
	return status;
}

/** Field-path cause helpers for validation. */
export const causes = {
	required: (field: string): StatusCause => ({reason: 'FieldValueRequired', message: 'Required value', field}),
	invalid: (field: string, value: unknown, detail: string): StatusCause => ({
		reason: 'FieldValueInvalid',
		message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
		field,
	}),
	notSupported: (field: string, value: unknown, allowed: string[]): StatusCause => ({
		reason: 'FieldValueNotSupported',
		message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed.map(a => `"${a}"`).join(', ')}`,
		field,
	}),
	duplicate: (field: string, value: unknown): StatusCause => ({
		reason: 'FieldValueDuplicate',
		message: `Duplicate value: ${JSON.stringify(value)}`,
		field,
	}),
	forbidden: (field: string, detail: string): StatusCause => ({reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field}),
	immutable: (field: string): StatusCause => ({
		reason: 'FieldValueInvalid',
		message: 'Invalid value: field is immutable',
		field,
	}),
};
