/**
 * The kubeconfig that reaches a kubedeck API server: cluster, user, context and current-context all `kubedeck`.
 * Written by hand rather than through a YAML library: the shape is fixed, every value is a URL, base64 or a
 * base64url token (no quoting needed), and it keeps the start path free of the YAML module.
 */
import {writePrivateFile} from './tls/credentials.js';

export const contextName = 'kubedeck';

export function kubeconfigYaml(server: string, caCertificatePem: string, token: string): string {
	const caData = Buffer.from(caCertificatePem).toString('base64');
	return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${caData}
    server: ${server}
  name: ${contextName}
contexts:
- context:
    cluster: ${contextName}
    user: ${contextName}
  name: ${contextName}
current-context: ${contextName}
preferences: {}
users:
- name: ${contextName}
  user:
    token: ${token}
`;
}

/** Writes a kubeconfig with mode 0600, atomically: a reader sees the old file or the whole new one. */
export async function writeKubeconfig(path: string, server: string, caCertificatePem: string, token: string): Promise<void> {
	await writePrivateFile(path, kubeconfigYaml(server, caCertificatePem, token));
}
