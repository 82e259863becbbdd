/**
 * An exec that could not start. The API server answers it as containerd's failures read through kubectl:
 * `Internal error occurred: error executing command in container: <message>`.
 */
export class ExecStartError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ExecStartError';
	}
}

/** What runc says when a command's executable is not in the image. */
export function executableNotFound(command: string): string {
	return `exec: "${command}": executable file not found in $PATH`;
}

export function execNotFoundMessage(command: string, execId: string): string {
	return `failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${executableNotFound(command)}: unknown`;
}

export function startNotFoundMessage(command: string): string {
	return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${executableNotFound(command)}: unknown`;
}
