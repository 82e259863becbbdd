/**
 * What /version reports. kubectl on these machines is a dispatcher that runs the kubectl whose minor version
 * matches the server's, so this decides which kubectl talks to kubedeck: 1.32.
 */
export const kubernetesVersion = {major: '1', minor: '32', gitVersion: 'v1.32.4'};

export function versionInfo(): Record<string, string> {
	return {
		...kubernetesVersion,
		gitCommit: 'kubedeck',
		gitTreeState: 'clean',
		buildDate: '2025-04-22T00:00:00Z',
		goVersion: 'go1.23.6',
		compiler: 'gc',
		platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
	};
}
