/** Why a request from a pod got no HTTP answer. */
export type NetworkErrorCode = 'ENOTFOUND' | 'ECONNREFUSED' | 'ETIMEDOUT' | 'EHOSTUNREACH' | 'ECONNRESET';

/** What `PodNetwork.fetch` rejects with; curl and wget turn it into their own messages and exit codes. */
export class NetworkError extends Error {
	constructor(
		readonly code: NetworkErrorCode,
		/** The host as the request named it. */
		readonly host: string,
		/** The address it resolved to, when it did. */
		readonly address?: string,
		message?: string,
	) {
		super(message ?? `${code} ${address ?? host}`);
		this.name = 'NetworkError';
	}
}
