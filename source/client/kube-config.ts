// The one class kubedeck takes from @kubernetes/client-node. Imported through this module, the bundler keeps only
// what KubeConfig needs (an import() of the package itself would keep all of it: some 2.9 MB of a 5 MB bundle).
export {KubeConfig} from '@kubernetes/client-node';
