/** kubedeck's own version (a test keeps it equal to package.json's), and the Kubernetes version it serves. */
export const kubedeckVersion = '0.1.0';
export const kubernetesVersion = {major: '1', minor: '32', gitVersion: 'v1.32.4'};
