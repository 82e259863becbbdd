/** An object a command acts on; a missing resource or name means the selected row. */
export type Target = {resource?: string; name?: string; namespace?: string};

export type Cascade = 'background' | 'foreground' | 'orphan';

/** A parsed command line. UI commands change the screen; the others go to the cluster. */
export type Command =
	| {verb: 'view'; resource: string; namespace?: string; allNamespaces?: boolean; selector?: string}
	| {verb: 'namespace'; namespace?: string}
	| {verb: 'quit'}
	| {verb: 'help'}
	| {verb: 'theme'; name?: string}
	| {verb: 'context'}
	| {verb: 'scale'; target: Target; replicas: number}
	| {verb: 'label'; target: Target; changes: Array<{key: string; value?: string}>; overwrite: boolean}
	| {verb: 'expose'; target: Target; port: number; targetPort?: string; type: string; name?: string; protocol: string}
	| {verb: 'set-image'; target: Target; images: Array<{container: string; image: string}>}
	| {verb: 'rollout'; action: 'undo' | 'restart' | 'status' | 'history'; target: Target; toRevision?: number}
	| {verb: 'delete'; target: Target; cascade: Cascade}
	| {verb: 'create-deployment'; name: string; image: string; replicas: number; namespace?: string; port?: number}
	| {verb: 'apply'; file: string; namespace?: string}
	| {verb: 'cordon' | 'uncordon' | 'drain'; target: Target}
	| {verb: 'power'; state: 'on' | 'off'; target: Target};

/** Commands that change the cluster: refused in read-only mode. */
export function isMutating(command: Command): boolean {
	switch (command.verb) {
		case 'view':
		case 'namespace':
		case 'quit':
		case 'help':
		case 'theme':
		case 'context': {
			return false;
		}

		case 'rollout': {
			return command.action === 'undo' || command.action === 'restart';
		}

		default: {
			return true;
		}
	}
}

/** A mistake in a command line: the message and the usage line of the verb. */
export class CommandError extends Error {
	constructor(message: string, readonly usage?: string) {
		super(message);
	}
}
